/**
 * The outbox: every outbound message is a row, drained by one dispatcher per channel.
 * Rows are claimed with a lease (`FOR UPDATE SKIP LOCKED`), so many dispatchers can run
 * and a dispatcher that dies mid-send leaves its rows to be claimed again.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { ChannelId, OutboxRow } from './schema.js';

export interface NewOutboxMessage {
  personId: string | null;
  channel: ChannelId;
  address: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** What this message is for; a second message with the same key is dropped. */
  idempotencyKey: string;
  /** Not before this time (quiet hours); the row steps out of its conversation's order. */
  holdUntil?: Date;
}

/** The fields of an outbox row's address that channel senders read. */
export interface OutboxAddress {
  channelId?: string;
  conversationId?: string;
  /** The person's id on the channel (the reply's recipient). */
  userId?: string;
  serviceUrl?: string;
}

/** A conversation reference (a turn's, or a stored `conversations.address`) as an address. */
export function outboxAddressOf(reference: {
  channelId?: string;
  conversation?: { id?: string };
  user?: { id?: string };
  serviceUrl?: string;
}): OutboxAddress {
  return {
    channelId: reference.channelId,
    conversationId: reference.conversation?.id,
    userId: reference.user?.id,
    serviceUrl: reference.serviceUrl,
  };
}

/** Rows with the same key are delivered strictly in order: one conversation, one queue. */
export function addressKeyOf(channel: string, address: Record<string, unknown>): string {
  const { conversationId } = address;
  const conversation =
    typeof conversationId === 'string' ? conversationId : JSON.stringify(address);
  return `${channel}:${conversation}`;
}

/** Queues messages; returns how many were new (duplicates by idempotency key are skipped). */
export async function enqueueOutbound(db: Db, messages: NewOutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;

  const rows = messages.map((message) => ({
    person_id: message.personId,
    channel: message.channel,
    address: JSON.stringify(message.address),
    payload: JSON.stringify(message.payload),
    idempotency_key: message.idempotencyKey,
    address_key: addressKeyOf(message.channel, message.address),
    ...(message.holdUntil
      ? { hold_until: message.holdUntil, next_attempt_at: message.holdUntil }
      : {}),
  }));
  const inserted = await db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Claims up to `limit` due rows of `channel` for `leaseMs`, oldest first, and only the
 * oldest undelivered row of each conversation: a later reply waits while an earlier one is
 * pending or in flight. A row still 'sending' after its lease belonged to a dispatcher that
 * died and is claimed again.
 */
export async function claimDue(
  db: Db,
  channel: ChannelId,
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  const result = await sql<OutboxRow>`
    update outbox set status = 'sending', attempts = attempts + 1,
      next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    where id in (
      select o.id from outbox o
      join (
        -- Each conversation's oldest open row: found per conversation first, so the cost
        -- does not grow with the square of the rows waiting.
        select distinct on (address_key) id from outbox
        where channel = ${channel} and status in ('pending', 'sending')
          -- A row held by quiet hours steps out of the line until its time comes.
          and (hold_until is null or hold_until <= now())
        order by address_key, id) head on head.id = o.id
      where o.next_attempt_at <= now() and o.status in ('pending', 'sending')
      order by o.id
      limit ${limit}
      for update of o skip locked)
    returning *`.execute(db);
  return result.rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The message reached the channel. */
export async function markDelivered(db: Db, outboxId: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'delivered', delivered_at: new Date(), last_error: null })
    .where('id', '=', outboxId)
    .execute();
}

/** A transient failure: try again after `delayMs`. `reason` is a code, never content. */
export async function scheduleRetry(
  db: Db,
  outboxId: string,
  delayMs: number,
  reason: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      last_error: reason,
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`,
    })
    .where('id', '=', outboxId)
    .execute();
}

/** A permanent failure: never retried. `reason` is a code, never content. */
export async function markFailed(db: Db, outboxId: string, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: reason })
    .where('id', '=', outboxId)
    .execute();
}
