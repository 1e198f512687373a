// playwright-core has no test-runner assertions; this adds the one the journeys need to vitest's
// expect: `await expect(locator).toContainText(text)`, retried for up to 5 s like Playwright's own.
import { expect } from 'vitest';

interface HasText {
  textContent(): Promise<string | null>;
}

declare module 'vitest' {
  interface Assertion {
    toContainText(text: string): Promise<void>;
  }
}

expect.extend({
  async toContainText(received: HasText, text: string) {
    const deadline = Date.now() + 5_000;
    let last = '';
    for (;;) {
      last = (await received.textContent().catch(() => null)) ?? '';
      if (last.includes(text)) return { pass: true, message: () => `did not expect "${text}"` };
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      pass: false,
      message: () => `expected "${text}" in "${last.replace(/\s+/g, ' ').slice(0, 300)}"`,
    };
  },
});
