// Browser journeys (npm run test:e2e): the real server on a fresh demo database, the built web app,
// and Debian's Chromium driven by playwright-core. One file at a time: one browser, two cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['e2e/global-setup.ts'],
  },
});
