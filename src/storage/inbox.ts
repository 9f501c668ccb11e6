/**
 * The inbox: every inbound message, recorded before it is processed and unique on
 * (channel, external id), so a re-delivered message is acknowledged but not processed twice.
 */
import { executePrepared, type Db } from './database.js';
import type { ChannelId } from './schema.js';

/** An inbound message as the inbox records it. */
export interface InboundRecord {
  channel: ChannelId;
  externalId: string;
  /** `<channel>:<conversation id>`: turns of one key run one at a time, in order. */
  conversationKey: string;
  /** The channel's own delivery order within the conversation; unset: arrival order. */
  sequence?: number;
  payload: Record<string, unknown>;
}

/** A recorded message whose turn has not run yet. */
export interface InboxEntry {
  id: string;
  channel: ChannelId;
  externalId: string;
  payload: Record<string, unknown>;
}

/**
 * Records an inbound message. Returns its inbox id, or undefined when (channel, externalId)
 * was already recorded: a retried delivery.
 */
export async function recordInbound(db: Db, message: InboundRecord): Promise<string | undefined> {
  const row = await db
    .insertInto('inbox')
    .values({
      channel: message.channel,
      external_id: message.externalId,
      conversation_key: message.conversationKey,
      sequence: message.sequence === undefined ? null : String(message.sequence),
      payload: JSON.stringify(message.payload),
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The batch insert, prepared once per connection: one statement text whatever the batch
 * size (arrays, not a VALUES list per row). The payloads travel as one JSON array; as a
 * jsonb[] the driver would escape every quote in them.
 */
const RECORD_BATCH = `
  insert into inbox (channel, external_id, conversation_key, sequence, payload)
  select m.channel, m.external_id, m.conversation_key, m.sequence,
         $5::jsonb -> (m.position - 1)::int
  from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
    with ordinality as m(channel, external_id, conversation_key, sequence, position)
  order by m.position
  on conflict (channel, external_id) do nothing
  returning id, channel, external_id`;

/**
 * Records several inbound messages in one statement. Returns, for each, its new inbox id,
 * or undefined when it was recorded before (or earlier in the same batch).
 */
export async function recordInboundBatch(
  db: Db,
  messages: InboundRecord[],
): Promise<Array<string | undefined>> {
  if (messages.length === 0) return [];

  const rows = await executePrepared<{ id: string; channel: ChannelId; external_id: string }>(
    db,
    'inbox-record-batch',
    RECORD_BATCH,
    [
      messages.map((m) => m.channel),
      messages.map((m) => m.externalId),
      messages.map((m) => m.conversationKey),
      messages.map((m) => m.sequence ?? null),
      JSON.stringify(messages.map((m) => m.payload)),
    ],
  );
  const idByKey = new Map(rows.map((row) => [`${row.channel}\u0000${row.external_id}`, row.id]));
  return messages.map((m) => {
    const key = `${m.channel}\u0000${m.externalId}`;
    const id = idByKey.get(key);
    // A key twice in one batch: the first gets the id, the rest are re-deliveries.
    idByKey.delete(key);
    return id;
  });
}

/**
 * The conversation's next turn to run: its waiting message first in the channel's order
 * (then in arrival order), or undefined when none waits.
 */
export async function nextWaitingTurn(
  db: Db,
  conversationKey: string,
): Promise<InboxEntry | undefined> {
  const row = await db
    .selectFrom('inbox')
    .select(['id', 'channel', 'external_id', 'payload'])
    .where('conversation_key', '=', conversationKey)
    .where('status', '=', 'received')
    .orderBy('sequence')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && toEntry(row);
}

/**
 * Marks the message processed and drops its payload and conversation key (for SMS, the
 * person's number): the turn has what it needed, and nothing waits behind it any more.
 */
export async function markInboundProcessed(db: Db, inboxId: string): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ status: 'processed', payload: null, conversation_key: null, processed_at: new Date() })
    .where('id', '=', inboxId)
    .execute();
}

/** Counts a failed attempt; after `maxAttempts` the message is marked failed for staff. */
export async function recordInboundFailure(
  db: Db,
  inboxId: string,
  maxAttempts: number,
): Promise<'retry' | 'failed'> {
  const row = await db
    .updateTable('inbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', inboxId)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  if (row.attempts < maxAttempts) return 'retry';

  await db.updateTable('inbox').set({ status: 'failed' }).where('id', '=', inboxId).execute();
  return 'failed';
}

/**
 * Conversations with messages recorded before `receivedBefore` and never processed: a crash
 * between accepting and running, or a turn still waiting for its retry.
 */
export async function listConversationsWaiting(db: Db, receivedBefore: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox')
    .select('conversation_key')
    .distinct()
    .where('status', '=', 'received')
    .where('received_at', '<', receivedBefore)
    .where('conversation_key', 'is not', null)
    .execute();
  return rows.map((row) => row.conversation_key!);
}

function toEntry(row: {
  id: string;
  channel: ChannelId;
  external_id: string;
  payload: Record<string, unknown> | null;
}): InboxEntry {
  return {
    id: row.id,
    channel: row.channel,
    externalId: row.external_id,
    payload: row.payload ?? {},
  };
}
