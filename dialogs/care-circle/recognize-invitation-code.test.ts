/**
 * Invitation codes are recognised however people type them, and never taken for link
 * codes, nor link codes for them.
 */
import { describe, expect, it } from '@jest/globals';
import { generateInvitationCode } from '../../src/care-circle/invitation-code.js';
import { generateLinkCode } from '../../src/linking/link-code.js';
import { recognizeLinkCode } from '../shared/commands.js';
import { recognizeInvitationCode } from './recognize-invitation-code.js';

describe('recognizeInvitationCode', () => {
  it.each([
    'join CARE-K7QM-4XPD',
    'Join care k7qm 4xpd.',
    'unirme CARE-K7QM-4XPD',
    'Unirse CAREK7QM4XPD',
    'aceptar care-k7qm-4xpd',
    'CARE-K7QM-4XPD',
    '  care-k7qm4xpd ',
    'join K7QM-4XPD',
    'unirme k7qm4xpd',
    'link CARE-K7QM-4XPD',
    'link CAREK7QM4XPD',
    'vincular care k7qm 4xpd',
    '/start CAREK7QM4XPD',
  ])('reads %p', (typed) => {
    expect(recognizeInvitationCode(typed)).toBe('CAREK7QM4XPD');
  });

  it('reads a misread code after the word and the prefix, so it gets a kind answer', () => {
    expect(recognizeInvitationCode('join care k7qm 4xp0')).toBe('CAREK7QM4XP0');
  });

  it.each([
    'K7QM4XPD',
    'K7QM-4XPD',
    'link K7QM4XPD',
    '/start K7QM4XPD',
    'vincular K7QM-4XPD',
    'join',
    'join the circle',
    'join CARE-K7QM-4XP',
    'join CARE-K7QM-4XPD-22',
    'care',
    'care planning',
    'care provider',
    'care strength',
    'CARE K7QM 4XPD',
    'join together',
    'join K7QM-4XP0',
    '',
  ])('ignores %p', (typed) => {
    expect(recognizeInvitationCode(typed)).toBeUndefined();
  });

  it('never takes a typed link code for an invitation', () => {
    for (let i = 0; i < 100; i++) {
      const code = generateLinkCode();
      for (const typed of [`/start ${code}`, `link ${code}`, `vincular ${code}`, code]) {
        expect(recognizeInvitationCode(typed)).toBeUndefined();
      }
    }
  });

  it('is not read as a link code, as the invitation message tells people to type it', () => {
    for (let i = 0; i < 100; i++) {
      const code = generateInvitationCode();
      for (const typed of [`join ${code}`, `unirme ${code}`, code, `link ${code}`]) {
        expect(recognizeLinkCode(typed)).toBeUndefined();
        expect(recognizeInvitationCode(typed)).toBe(code.replace(/-/g, ''));
      }
    }
  });
});
