/**
 * Care invitation codes, such as `CARE-K7QM-4XPD`: what a patient gives a caregiver to join
 * their care circle. The random part is a link code (src/linking/link-code.ts: the same
 * readable alphabet, length and keyed hash). The `CARE` prefix keeps the two kinds apart:
 * it is part of what is hashed, so a link code never works as an invitation or the other
 * way round, and a code in three groups is never read as a link code (those have at most
 * two).
 */
import {
  generateLinkCode,
  hashLinkCode,
  LINK_CODE_LENGTH,
  normalizeLinkCode,
} from '../linking/link-code.js';

/** The word every invitation code starts with. */
export const INVITATION_CODE_PREFIX = 'CARE';

const GROUP_LENGTH = LINK_CODE_LENGTH / 2;

/** A new random code, for example `CARE-K7QM-4XPD`. */
export function generateInvitationCode(): string {
  const random = generateLinkCode();
  return [INVITATION_CODE_PREFIX, random.slice(0, GROUP_LENGTH), random.slice(GROUP_LENGTH)].join(
    '-',
  );
}

/**
 * The code as it is hashed: capitals, no spaces or hyphens, with the prefix ("care k7qm-4xpd"
 * and "K7QM 4XPD" both give "CAREK7QM4XPD"). People may leave the prefix out; only the
 * length tells, since a random part may itself start with the letters C, A, R, E.
 */
export function normalizeInvitationCode(typed: string): string {
  const compact = normalizeLinkCode(typed);
  return compact.length === LINK_CODE_LENGTH ? INVITATION_CODE_PREFIX + compact : compact;
}

/** The keyed hash stored for an invitation code (hex). */
export function hashInvitationCode(key: Uint8Array, code: string): string {
  return hashLinkCode(key, normalizeInvitationCode(code));
}
