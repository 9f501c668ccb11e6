/**
 * Where CareLine reaches a person on its own initiative (reminders, relays, staff replies):
 * the channel they prefer, when it can still reach them, otherwise wherever they were
 * reachable most recently. Also the channels a person has linked, to choose from.
 */
import { sql } from 'kysely';
import { writeAudit } from '../storage/audit.js';
import type { Db } from '../storage/database.js';
import { outboxAddressOf, type OutboxAddress } from '../storage/outbox.js';
import { findPerson, updatePerson } from '../storage/people.js';
import type { ChannelId, Person } from '../storage/schema.js';

/** Channels in the order they are offered. */
export const CHANNEL_ORDER: readonly ChannelId[] = ['webchat', 'telegram', 'sms'];

/** A conversation CareLine can send to: its channel and the stored reply address. */
export interface PreferredAddress {
  channel: ChannelId;
  conversationId: string;
  /** `conversations.address`: the conversation reference of the person's latest message. */
  address: Record<string, unknown>;
  /** The same place as an outbox row's address: what enqueueOutbound takes. */
  outboxAddress: OutboxAddress;
}

/**
 * The address for proactive messages: the most recent conversation on the person's
 * preferred channel whose identity is reachable, else the most recent reachable
 * conversation on any channel; undefined when none is reachable. "Most recent" is the
 * latest created: conversations carry no time of last message yet.
 */
export async function findPreferredAddress(
  db: Db,
  personId: string,
): Promise<PreferredAddress | undefined> {
  const person = await findPerson(db, personId);
  if (!person) return undefined;

  const row = await db
    .selectFrom('conversations')
    // The conversation's user is the identity it reaches (address.user.id).
    .innerJoin('channel_identities', (join) =>
      join
        .onRef('channel_identities.channel', '=', 'conversations.channel')
        .onRef('channel_identities.person_id', '=', 'conversations.person_id')
        .on(
          'channel_identities.external_id',
          '=',
          sql<string>`conversations.address -> 'user' ->> 'id'`,
        ),
    )
    .select(['conversations.id', 'conversations.channel', 'conversations.address'])
    .where('conversations.person_id', '=', personId)
    .where('channel_identities.unreachable_at', 'is', null)
    .orderBy(sql`conversations.channel = ${person.preferred_channel ?? ''}`, 'desc')
    .orderBy('conversations.created_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;

  const outboxAddress = outboxAddressOf(row.address);
  return { channel: row.channel, conversationId: row.id, address: row.address, outboxAddress };
}

/** The distinct channels a person has an identity on, in CHANNEL_ORDER. */
export async function listLinkedChannels(db: Db, personId: string): Promise<ChannelId[]> {
  const rows = await db
    .selectFrom('channel_identities')
    .select('channel')
    .distinct()
    .where('person_id', '=', personId)
    .execute();
  const linked = new Set(rows.map((row) => row.channel));
  return CHANNEL_ORDER.filter((channel) => linked.has(channel));
}

/**
 * Sets the channel a person prefers. Only a channel they have linked can be chosen: for
 * any other the person is returned unchanged. The audit row names the field, not the value.
 */
export async function setPreferredChannel(
  db: Db,
  personId: string,
  channel: ChannelId,
): Promise<Person> {
  const linked = await listLinkedChannels(db, personId);
  if (!linked.includes(channel)) return (await findPerson(db, personId))!;

  const person = await updatePerson(db, personId, { preferred_channel: channel });
  await writeAudit(db, {
    actor: 'person',
    action: 'profile.updated',
    personId,
    details: { fields: 'preferred_channel' },
  });
  return person;
}
