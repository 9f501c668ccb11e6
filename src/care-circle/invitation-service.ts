/**
 * Joining a care circle: a patient makes an invitation code and gives it to a caregiver,
 * who types it to link to the patient. The new link shares nothing; the patient then
 * chooses what the caregiver may do and see (care-links.ts). Codes work once, for
 * INVITATION_TTL_HOURS, and are stored only as keyed hashes; every bad code gets the same
 * answer, and attempts are limited per redeeming person. A spent code remembers who spent
 * it until it expires, so that caregiver typing it again (a turn run again after a state
 * conflict) hears "joined" again; for anyone else it is just a bad code.
 *
 * Only a patient invites and only a caregiver joins: a person's profile has one role, and a
 * link between two patients or two caregivers would say nothing about who cares for whom.
 * The dialogs explain kindly how to change one's role in the profile.
 */
import { writeAudit } from '../storage/audit.js';
import { codeKeyOf } from '../linking/code-key.js';
import {
  findUnexpiredInvitation,
  hasCareLink,
  insertCareLink,
  insertInvitation,
  keepNewestInvitations,
  markInvitationUsed,
  type CareInvitation,
} from '../storage/care-links.js';
import type { Db } from '../storage/database.js';
import { databaseNow } from '../storage/link-codes.js';
import { findPerson } from '../storage/people.js';
import { createRateLimiter, type RateLimiter } from '../storage/rate-limits.js';
import { generateInvitationCode, hashInvitationCode } from './invitation-code.js';

/** How long an invitation works after it is made. */
export const INVITATION_TTL_HOURS = 24;
/** Unexpired invitations a patient may hold; making another drops the oldest. */
export const MAX_LIVE_INVITATIONS = 5;
/** Codes a person may type in one window, right or wrong, before they are refused. */
export const MAX_ACCEPT_ATTEMPTS = 5;
/** The fixed window accept attempts are counted in; it starts at a person's first attempt. */
export const ACCEPT_ATTEMPT_WINDOW_MINUTES = 15;

const HOUR_MS = 3_600_000;
const SECONDS_PER_MINUTE = 60;
const MAX_CODE_COLLISIONS = 3;

/** The current time; by default the database's clock, so every process agrees. */
export type Clock = () => Date;

export interface InvitationOptions {
  /** Tests pass a fixed clock; default: the database's `now()`. */
  clock?: Clock;
  /** The HMAC key for codes; default: the database's link-code key (linking/code-key.ts). */
  codeKey?: Uint8Array;
  /** Counts accept attempts; default: MAX_ACCEPT_ATTEMPTS per person and window, shared. */
  limiter?: RateLimiter;
}

/** A code to show the patient, and when it stops working; or why none was made. */
export type InvitationResult =
  { kind: 'issued'; invitationId: string; code: string; expiresAt: Date } | { kind: 'not_patient' };

/**
 * What typing a code did. `invalid` covers a wrong, expired, withdrawn and spent code alike,
 * so the answer reveals nothing about any code or person. The one exception is the
 * caregiver who spent the code and is still linked through it: they get `joined` again,
 * with the same invitation, whose notice to the patient is queued once (join-notice.ts).
 */
export type AcceptOutcome =
  | { kind: 'joined'; patientId: string; invitationId: string }
  | { kind: 'already_linked'; patientId: string }
  | { kind: 'own_invitation' }
  | { kind: 'not_caregiver' }
  | { kind: 'invalid' }
  | { kind: 'rate_limited'; retryAfterMinutes: number };

/**
 * Makes a new invitation for `patientId`. Their other unexpired invitations keep working
 * (a patient may invite several people at once), up to MAX_LIVE_INVITATIONS.
 */
export async function createInvitation(
  db: Db,
  patientId: string,
  options: InvitationOptions = {},
): Promise<InvitationResult> {
  const patient = await findPerson(db, patientId);
  if (patient?.role !== 'patient') return { kind: 'not_patient' };

  const key = options.codeKey ?? (await codeKeyOf(db));
  return db.transaction().execute(async (trx) => {
    const now = options.clock?.() ?? (await databaseNow(trx));
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_HOURS * HOUR_MS);
    for (let attempt = 0; attempt < MAX_CODE_COLLISIONS; attempt++) {
      const code = generateInvitationCode();
      const invitationId = await insertInvitation(
        trx,
        patientId,
        hashInvitationCode(key, code),
        expiresAt,
      );
      if (!invitationId) continue;

      await keepNewestInvitations(trx, patientId, MAX_LIVE_INVITATIONS);
      await writeAudit(trx, {
        actor: 'person',
        action: 'care_invitation.created',
        personId: patientId,
        details: { invitationId },
      });
      return { kind: 'issued', invitationId, code, expiresAt };
    }
    throw new Error('Could not make a unique invitation code; try again.');
  });
}

/**
 * Links `caregiverId` to the patient who made `typedCode`, sharing nothing yet. Each
 * attempt counts against the caregiver's limit, right or wrong, before the code is looked
 * at. A person who is not a caregiver is told so before that, and nothing is counted. The
 * caregiver who spent the code gets `joined` again while linked (see AcceptOutcome).
 */
export async function acceptInvitation(
  db: Db,
  caregiverId: string,
  typedCode: string,
  options: InvitationOptions = {},
): Promise<AcceptOutcome> {
  const caregiver = await findPerson(db, caregiverId);
  if (caregiver?.role !== 'caregiver') return { kind: 'not_caregiver' };

  const decision = await (options.limiter ?? acceptLimiterOf(db)).consume(caregiverId);
  if (!decision.allowed) {
    const retryAfterMinutes = Math.ceil(decision.retryAfterSeconds / SECONDS_PER_MINUTE);
    return { kind: 'rate_limited', retryAfterMinutes };
  }

  const key = options.codeKey ?? (await codeKeyOf(db));
  return db.transaction().execute(async (trx) => {
    const now = options.clock?.() ?? (await databaseNow(trx));
    // Looked up by its keyed hash: no code is compared in JavaScript.
    const hash = hashInvitationCode(key, typedCode);
    const invitation = await findUnexpiredInvitation(trx, hash, now);
    if (!invitation) return { kind: 'invalid' };
    if (invitation.used_by !== null) return answerSpentCode(trx, invitation, caregiverId);
    if (invitation.patient_id === caregiverId) return { kind: 'own_invitation' };
    // A patient who has since become a caregiver cannot be cared for through this code.
    if ((await findPerson(trx, invitation.patient_id))?.role !== 'patient') {
      return { kind: 'invalid' };
    }

    return linkCaregiver(trx, invitation, caregiverId);
  });
}

/** Links the caregiver and spends the code; a caregiver linked already leaves it unspent. */
async function linkCaregiver(
  trx: Db,
  invitation: { id: string; patient_id: string },
  caregiverId: string,
): Promise<AcceptOutcome> {
  const patientId = invitation.patient_id;
  if (!(await insertCareLink(trx, patientId, caregiverId))) {
    return { kind: 'already_linked', patientId };
  }

  await markInvitationUsed(trx, invitation.id, caregiverId);
  await writeAudit(trx, {
    actor: 'person',
    action: 'care_link.created',
    personId: patientId,
    details: { caregiverId, invitationId: invitation.id },
  });
  return { kind: 'joined', patientId, invitationId: invitation.id };
}

/**
 * A spent code says "joined" again only to the caregiver who spent it, while still linked
 * to its patient; nothing is written, so the link and its audit row stay single.
 */
async function answerSpentCode(
  trx: Db,
  invitation: CareInvitation,
  caregiverId: string,
): Promise<AcceptOutcome> {
  const patientId = invitation.patient_id;
  if (invitation.used_by !== caregiverId) return { kind: 'invalid' };
  if (!(await hasCareLink(trx, patientId, caregiverId))) return { kind: 'invalid' };

  return { kind: 'joined', patientId, invitationId: invitation.id };
}

// One limiter per database, made on first use.
const acceptLimiters = new WeakMap<Db, RateLimiter>();

function acceptLimiterOf(db: Db): RateLimiter {
  let limiter = acceptLimiters.get(db);
  if (!limiter) {
    limiter = createRateLimiter(db, {
      name: 'care_invitation_accept',
      points: MAX_ACCEPT_ATTEMPTS,
      durationSeconds: ACCEPT_ATTEMPT_WINDOW_MINUTES * SECONDS_PER_MINUTE,
    });
    acceptLimiters.set(db, limiter);
  }
  return limiter;
}
