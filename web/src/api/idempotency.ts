// Idempotency-Key for the requests that create something (the server keeps the first answer per key and
// caller, and gives it again to a retry with the same key and body). A retry after an answer was lost —
// the network failed after the server had saved — then gets the first answer, not a second application.

/** A fresh attempt: call again after each success, so that the same content sent later is new. */
export const newAttempt = (): string =>
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/** FNV-1a, 32 bits: enough to tell one form's contents from another's within an attempt. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * The key of one request: the attempt and what is sent. The same body in the same attempt gives the same
 * key (a retry); an edited form gives another (a different request, which the server would refuse under
 * the first key). Plain letters, digits and '.', as the server asks; no secure context needed.
 */
export const requestKey = (attempt: string, body: unknown): string =>
  `ow.${attempt}.${fnv1a(JSON.stringify(body))}`;
