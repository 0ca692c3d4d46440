import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'als_';

/** 32 random bytes, base64url, prefixed so secret scanners can recognise a leaked token. */
export function newSessionToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token: a leak of the table gives no usable session. */
export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function looksLikeSessionToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length === PREFIX.length + 43;
}
