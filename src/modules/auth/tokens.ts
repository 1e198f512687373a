import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for a cookie or API token; only its SHA-256 is ever stored. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
