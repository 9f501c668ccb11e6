/**
 * Link codes are random, readable, typed forgivingly, and hashed with a key.
 */
import { describe, expect, it } from '@jest/globals';
import {
  generateLinkCode,
  hashLinkCode,
  LINK_CODE_ALPHABET,
  LINK_CODE_LENGTH,
  normalizeLinkCode,
} from './link-code.js';

const KEY = Buffer.alloc(32, 7);

describe('link codes', () => {
  it('are made of the readable alphabet only, and differ', () => {
    const codes = Array.from({ length: 200 }, generateLinkCode);
    for (const code of codes) {
      expect(code).toHaveLength(LINK_CODE_LENGTH);
      expect([...code].every((c) => LINK_CODE_ALPHABET.includes(c))).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(LINK_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('read typed codes without case, spaces or hyphens', () => {
    expect(normalizeLinkCode(' k7qm-4xpd ')).toBe('K7QM4XPD');
    expect(normalizeLinkCode('K7QM 4XPD')).toBe('K7QM4XPD');
  });

  it('hash the normalised code with the key, never returning the code', () => {
    const hash = hashLinkCode(KEY, 'K7QM4XPD');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkCode(KEY, 'k7qm-4xpd')).toBe(hash);
    expect(hashLinkCode(Buffer.alloc(32, 8), 'K7QM4XPD')).not.toBe(hash);
  });
});
