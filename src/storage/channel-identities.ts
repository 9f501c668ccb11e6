/**
 * Channel identities: how one person is reached on one channel (a web chat user id, a
 * Telegram chat, a phone number), unique per (channel, external id).
 */
import type { Db } from './database.js';
import type { ChannelId } from './schema.js';

export interface ChannelIdentity {
  id: string;
  person_id: string;
  channel: ChannelId;
  external_id: string;
  unreachable_at: Date | null;
}

/** The identity for (channel, externalId), or undefined when this is first contact. */
export async function findIdentity(
  db: Db,
  channel: ChannelId,
  externalId: string,
): Promise<ChannelIdentity | undefined> {
  return db
    .selectFrom('channel_identities')
    .select(['id', 'person_id', 'channel', 'external_id', 'unreachable_at'])
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/**
 * Links (channel, externalId) to a person. When another request linked it first, the
 * existing identity wins and is returned, so first contact is safe to race.
 */
export async function insertIdentity(
  db: Db,
  personId: string,
  channel: ChannelId,
  externalId: string,
): Promise<ChannelIdentity> {
  const inserted = await db
    .insertInto('channel_identities')
    .values({ person_id: personId, channel, external_id: externalId })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning(['id', 'person_id', 'channel', 'external_id', 'unreachable_at'])
    .executeTakeFirst();
  if (inserted) return inserted;

  const existing = await findIdentity(db, channel, externalId);
  if (!existing) throw new Error(`identity for ${channel} vanished while being created`);
  return existing;
}

/** All identities of a person (for deletion and for reaching them proactively). */
export async function listIdentities(db: Db, personId: string): Promise<ChannelIdentity[]> {
  return db
    .selectFrom('channel_identities')
    .select(['id', 'person_id', 'channel', 'external_id', 'unreachable_at'])
    .where('person_id', '=', personId)
    .execute();
}
