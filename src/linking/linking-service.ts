/**
 * One person, several channels: a person makes a one-time code in one channel and redeems
 * it from another, which attaches that channel identity to their profile. The identity's
 * temporary person (usually made moments ago by first contact) hands over its
 * conversations and is erased. Codes expire, work once, are stored only as keyed hashes,
 * and failed redemptions are limited per redeeming identity.
 */
import { writeAudit } from '../storage/audit.js';
import type { Db } from '../storage/database.js';
import {
  countFailedAttempts,
  countOtherIdentities,
  databaseNow,
  deleteLinkCode,
  findLiveLinkCode,
  lockIdentity,
  moveConversations,
  moveIdentity,
  recordFailedAttempt,
  replaceLinkCode,
} from '../storage/link-codes.js';
import { deletePersonRow } from '../storage/people.js';
import type { ChannelId } from '../storage/schema.js';
import { codeKeyOf } from './code-key.js';
import { generateLinkCode, hashLinkCode } from './link-code.js';

/** How long a code works after it is made. */
export const LINK_CODE_TTL_MINUTES = 15;
/** Failed redemptions an identity may make in one window before it is refused. */
export const MAX_FAILED_REDEMPTIONS = 5;
/** The sliding window failed redemptions are counted in. */
export const FAILED_REDEMPTION_WINDOW_MINUTES = 15;

const MINUTE_MS = 60_000;
const MAX_CODE_COLLISIONS = 3;

/** The current time; by default the database's clock, so every process agrees. */
export type Clock = () => Date;

export interface LinkingOptions {
  /** Tests pass a fixed clock; default: the database's `now()`. */
  clock?: Clock;
  /**
   * The HMAC key for codes. Default: a random key kept in `link_code_keys`, made by the
   * first process that needs it (code-key.ts).
   */
  codeKey?: Uint8Array;
}

/** A code to show the person, and when it stops working. */
export interface IssuedLinkCode {
  code: string;
  expiresAt: Date;
}

/** The channel identity a code is typed from. */
export interface RedeemingIdentity {
  channel: ChannelId;
  externalId: string;
}

/**
 * What redeeming a code did. `invalid` covers a wrong, expired and used code alike, so the
 * answer reveals nothing about any code or person.
 */
export type RedemptionOutcome =
  | { kind: 'linked'; personId: string; erasedPersonId: string }
  | { kind: 'already_linked'; personId: string }
  | { kind: 'invalid' }
  | { kind: 'rate_limited'; retryAfterMinutes: number }
  | { kind: 'linked_elsewhere' };

/** Makes a new code for `personId`; their earlier unused codes stop working. */
export async function issueLinkCode(
  db: Db,
  personId: string,
  options: LinkingOptions = {},
): Promise<IssuedLinkCode> {
  const key = options.codeKey ?? (await codeKeyOf(db));
  return db.transaction().execute(async (trx) => {
    const now = options.clock?.() ?? (await databaseNow(trx));
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MINUTES * MINUTE_MS);
    for (let attempt = 0; attempt < MAX_CODE_COLLISIONS; attempt++) {
      const code = generateLinkCode();
      if (!(await replaceLinkCode(trx, personId, hashLinkCode(key, code), now, expiresAt))) {
        continue;
      }
      await writeAudit(trx, { actor: 'person', action: 'link_code.issued', personId });
      return { code, expiresAt };
    }
    throw new Error('Could not make a unique link code; try again.');
  });
}

/**
 * Redeems `typedCode` from `identity`, attaching the identity to the code's person and
 * erasing the identity's previous person. That person must have no other identity:
 * otherwise nothing changes and the outcome is `linked_elsewhere`.
 */
export async function redeemLinkCode(
  db: Db,
  identity: RedeemingIdentity,
  typedCode: string,
  options: LinkingOptions = {},
): Promise<RedemptionOutcome> {
  const key = options.codeKey ?? (await codeKeyOf(db));
  return db.transaction().execute(async (trx) => {
    const redeemer = await lockIdentity(trx, identity.channel, identity.externalId);
    if (!redeemer) return { kind: 'invalid' };

    const now = options.clock?.() ?? (await databaseNow(trx));
    const windowStart = new Date(now.getTime() - FAILED_REDEMPTION_WINDOW_MINUTES * MINUTE_MS);
    const failures = await countFailedAttempts(trx, redeemer.id, windowStart);
    if (failures.count >= MAX_FAILED_REDEMPTIONS) {
      return { kind: 'rate_limited', retryAfterMinutes: minutesUntilFree(failures.oldest, now) };
    }

    // Looked up by its keyed hash: no code is compared in JavaScript, and the lookup's
    // timing depends only on the hash, which tells an attacker nothing about a code.
    const code = await findLiveLinkCode(trx, hashLinkCode(key, typedCode), now);
    if (!code) {
      await recordFailedAttempt(trx, redeemer.id, now, windowStart);
      return { kind: 'invalid' };
    }
    if (code.person_id === redeemer.person_id) {
      await deleteLinkCode(trx, code.id);
      return { kind: 'already_linked', personId: code.person_id };
    }
    if ((await countOtherIdentities(trx, redeemer.person_id, redeemer.id)) > 0) {
      return { kind: 'linked_elsewhere' };
    }

    await deleteLinkCode(trx, code.id);
    await mergeInto(trx, redeemer.id, redeemer.person_id, code.person_id, identity.channel);
    return { kind: 'linked', personId: code.person_id, erasedPersonId: redeemer.person_id };
  });
}

/** Moves the identity and its person's conversations to `personId`, then erases that person. */
async function mergeInto(
  trx: Db,
  identityId: string,
  temporaryPersonId: string,
  personId: string,
  channel: ChannelId,
): Promise<void> {
  await moveIdentity(trx, identityId, personId);
  await moveConversations(trx, temporaryPersonId, personId);
  await deletePersonRow(trx, temporaryPersonId);
  await writeAudit(trx, {
    actor: 'person',
    action: 'identity.linked',
    personId,
    details: { identityId, channel, erasedPersonId: temporaryPersonId },
  });
  await writeAudit(trx, {
    actor: 'person',
    action: 'person.erased',
    personId: temporaryPersonId,
    details: { mergedInto: personId },
  });
}

/** Whole minutes until the oldest failure leaves the window (at least 1). */
function minutesUntilFree(oldest: Date | null, now: Date): number {
  if (!oldest) return FAILED_REDEMPTION_WINDOW_MINUTES;

  const freeAt = oldest.getTime() + FAILED_REDEMPTION_WINDOW_MINUTES * MINUTE_MS;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / MINUTE_MS));
}
