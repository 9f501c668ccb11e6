/**
 * Invitation codes as people type them, at any point of a conversation: "join
 * CARE-K7QM-4XPD", "unirme care k7qm 4xpd", the code alone ("CARE-K7QM-4XPD"), or "join
 * K7QM-4XPD" without the prefix. Never confused with a link code: a link request ("link …",
 * "vincular …", "/start …") is read as an invitation only when its code carries the CARE
 * prefix, which no link code has, so this must be asked before `recognizeLinkCode`.
 */
import { normalizeInvitationCode } from '../../src/care-circle/invitation-code.js';
import { LINK_CODE_ALPHABET } from '../../src/linking/link-code.js';
import { normalizeAnswer } from '../shared/text.js';

const KEYWORD = '(?:join|unirme|unirse|accept|aceptar|link|vincular|/start)';
const JOIN_KEYWORD = '(?:join|unirme|unirse)';
const ANY_GROUP = '[a-z0-9]{4}';
// Without the word and the prefix together, only the code's own characters count, so
// ordinary words ("care planning", "join together") are not taken for codes.
const CODE_GROUP = `[${LINK_CODE_ALPHABET.toLowerCase()}]{4}`;

const PATTERNS = [
  new RegExp(`^${KEYWORD}\\s+care[\\s-]?(${ANY_GROUP})[\\s-]?(${ANY_GROUP})$`),
  new RegExp(`^care-?(${CODE_GROUP})-?(${CODE_GROUP})$`),
  new RegExp(`^${JOIN_KEYWORD}\\s+(${CODE_GROUP})[\\s-]?(${CODE_GROUP})$`),
];

/**
 * The invitation code in `text`, in capitals without separators ("CAREK7QM4XPD"); undefined
 * when `text` is not a request to join a care circle.
 */
export function recognizeInvitationCode(text: string): string | undefined {
  const answer = normalizeAnswer(text);
  for (const pattern of PATTERNS) {
    const match = pattern.exec(answer);
    if (match) return normalizeInvitationCode(`${match[1]}${match[2]}`);
  }
  return undefined;
}
