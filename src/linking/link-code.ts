/**
 * The one-time code a person types in another app to link it to their profile: 8
 * characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), about 39 bits. The
 * code is never stored; only its keyed hash (HMAC-SHA256) is.
 */
import { createHmac, randomInt } from 'node:crypto';

/** Characters a code is made of: digits and capitals that cannot be mistaken for others. */
export const LINK_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in a code. */
export const LINK_CODE_LENGTH = 8;

/** A new random code, for example `K7QM4XPD`. */
export function generateLinkCode(): string {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++) {
    code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  }
  return code;
}

/**
 * The code as it is hashed: capitals, without the spaces and hyphens people add when they
 * type it ("k7qm-4xpd" gives "K7QM4XPD").
 */
export function normalizeLinkCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** The keyed hash stored for a code (hex). */
export function hashLinkCode(key: Uint8Array, code: string): string {
  return createHmac('sha256', key).update(normalizeLinkCode(code)).digest('hex');
}
