/**
 * Invitation codes look like CARE-K7QM-4XPD, are typed forgivingly, and never hash like a
 * link code.
 */
import { describe, expect, it } from '@jest/globals';
import { hashLinkCode, LINK_CODE_ALPHABET } from '../linking/link-code.js';
import {
  generateInvitationCode,
  hashInvitationCode,
  INVITATION_CODE_PREFIX,
  normalizeInvitationCode,
} from './invitation-code.js';

const KEY = Buffer.alloc(32, 7);
const READABLE_GROUP = new RegExp(`^[${LINK_CODE_ALPHABET}]{4}$`);

describe('invitation codes', () => {
  it('are the CARE prefix and two groups of four readable characters, and differ', () => {
    const codes = Array.from({ length: 200 }, generateInvitationCode);
    for (const code of codes) {
      const [prefix, ...groups] = code.split('-');
      expect(prefix).toBe(INVITATION_CODE_PREFIX);
      expect(groups).toHaveLength(2);
      for (const group of groups) expect(group).toMatch(READABLE_GROUP);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read typed codes without case, spaces, hyphens or the prefix', () => {
    expect(normalizeInvitationCode('care-k7qm-4xpd')).toBe('CAREK7QM4XPD');
    expect(normalizeInvitationCode(' CARE K7QM 4XPD ')).toBe('CAREK7QM4XPD');
    expect(normalizeInvitationCode('k7qm-4xpd')).toBe('CAREK7QM4XPD');
    // A random part may itself start with C, A, R, E: only the length tells.
    expect(normalizeInvitationCode('CARE-CARE-4XPD')).toBe('CARECARE4XPD');
    expect(normalizeInvitationCode('care4xpd')).toBe('CARECARE4XPD');
  });

  it('hash with the key and the prefix, so a link code with the same letters differs', () => {
    const hash = hashInvitationCode(KEY, 'CARE-K7QM-4XPD');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationCode(KEY, 'k7qm 4xpd')).toBe(hash);
    expect(hashInvitationCode(Buffer.alloc(32, 8), 'CARE-K7QM-4XPD')).not.toBe(hash);
    expect(hashLinkCode(KEY, 'K7QM4XPD')).not.toBe(hash);
  });
});
