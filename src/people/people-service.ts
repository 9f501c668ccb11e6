/**
 * People as the rest of CareLine sees them: found (or created on first contact) from a
 * channel identity, their profile changed, and all their data erased on request.
 */
import type { Db } from '../storage/database.js';
import { writeAudit } from '../storage/audit.js';
import { markReachable } from './reachability.js';
import { findIdentity, insertIdentity } from '../storage/channel-identities.js';
import { listConversations } from '../storage/conversations.js';
import { deletePersonRow, findPerson, insertPerson, updatePerson } from '../storage/people.js';
import type { ChannelId, Person, Role } from '../storage/schema.js';
import { eraseTranscripts } from '../storage/webchat-transcripts.js';

export interface IdentifiedPerson {
  person: Person;
  /** True when this message is the person's first contact with CareLine. */
  isNew: boolean;
}

/**
 * The person behind (channel, externalId), marked reachable there again if they were not;
 * on first contact a person is created with
 * `locale` as the first guess of their language.
 */
export async function identifyPerson(
  db: Db,
  channel: ChannelId,
  externalId: string,
  locale: string,
): Promise<IdentifiedPerson> {
  const identity = await findIdentity(db, channel, externalId);
  const known = identity && (await findPerson(db, identity.person_id));
  if (known) {
    // Writing again proves the channel works again (an unblocked bot, a number back in
    // service); cleared here, before any reply is queued, so the replies are not refused.
    if (identity.unreachable_at) await markReachable(db, channel, [externalId]);
    return { person: known, isNew: false };
  }

  return db.transaction().execute(async (trx) => {
    const created = await insertPerson(trx, locale);
    const linked = await insertIdentity(trx, created.id, channel, externalId);
    if (linked.person_id === created.id) return { person: created, isNew: true };
    // Another delivery created this person first: keep theirs, drop ours.
    await deletePersonRow(trx, created.id);
    return { person: (await findPerson(trx, linked.person_id))!, isNew: false };
  });
}

/** The profile fields a person can set and change. */
export interface ProfilePatch {
  role?: Role;
  display_name?: string;
  locale?: string;
  time_zone?: string;
  cancer_type?: string | null;
  region?: string | null;
  onboarded_at?: Date;
  /** The person's own quiet hours ('HH:mm'); both null: the operator's defaults. */
  quiet_hours_start?: string | null;
  quiet_hours_end?: string | null;
  /** True when texts and notifications may name a diagnosis or medicine. */
  sms_health_details?: boolean;
}

/** Saves profile changes; the audit row names the fields changed, never their values. */
export async function updateProfile(
  db: Db,
  personId: string,
  patch: ProfilePatch,
  actor = 'person',
): Promise<Person> {
  const person = await updatePerson(db, personId, patch);
  const fields = Object.keys(patch).sort().join(',');
  await writeAudit(db, { actor, action: 'profile.updated', personId, details: { fields } });
  return person;
}

/**
 * Erases everything CareLine holds about a person: profile, identities, conversations,
 * consents, escalations, queued messages, dialog state and web chat transcripts. The audit
 * row that remains records only that it happened.
 */
export async function eraseAllPersonData(db: Db, personId: string, actor = 'person') {
  await db.transaction().execute(async (trx) => {
    const conversations = await listConversations(trx, personId);
    const stateKeys = conversations.map((c) => `${c.channel}/conversations/${c.external_id}/`);
    if (stateKeys.length > 0)
      await trx.deleteFrom('bot_state').where('key', 'in', stateKeys).execute();
    const webchat = conversations.filter((c) => c.channel === 'webchat').map((c) => c.external_id);
    await eraseTranscripts(trx, webchat);
    await deletePersonRow(trx, personId);
    await writeAudit(trx, { actor, action: 'person.erased', personId });
  });
}
