import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked key is recognisable (and secret scanners can match it). */
export const KEY_MARK = 'cgk_';
const PREFIX_LENGTH = KEY_MARK.length + 8;

/** A new key: 256 random bits. Being random, a fast hash is enough to store it (no password stretching). */
export function newApiKey(): { key: string; prefix: string; secretHash: string } {
  const key = `${KEY_MARK}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(KEY_MARK) && credential.length > PREFIX_LENGTH && credential.length <= 200;
}
