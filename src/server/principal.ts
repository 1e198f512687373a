import type { Principal } from '../modules/auth/principal.ts';
import { unauthorized } from '../shared/errors.ts';

/** The caller of a route whose access check already required a login. */
export function requirePrincipal(c: { get(key: 'principal'): Principal | null }): Principal {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  return p;
}
