/**
 * The path from a durable inbound message to durable replies. A channel calls `accept`
 * (inbox row, unique per channel and external id) before it acknowledges anything, then
 * `process`: the turn runs, in order per conversation, and its replies are written to the
 * outbox in the same transaction that marks the inbox row processed.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { CareLineAdapter } from '../bot/careline-adapter.js';
import type { Logger } from '../logging/logger.js';
import { notifyOutboxQueued } from '../outbox/outbox-notifications.js';
import type { OutboxSignal } from '../outbox/outbox-signal.js';
import { StateConflictError } from '../storage/bot-state-storage.js';
import type { Db } from '../storage/database.js';
import {
  listUnprocessed,
  markInboundProcessed,
  recordInbound,
  recordInboundFailure,
} from '../storage/inbox.js';
import { enqueueOutbound, outboxAddressOf, type NewOutboxMessage } from '../storage/outbox.js';
import type { ChannelId } from '../storage/schema.js';
import { InboxBatcher } from './inbox-batcher.js';
import { KeyedQueue } from './keyed-queue.js';

/** One inbound message as a channel hands it over. */
export interface InboundMessage {
  channel: ChannelId;
  /** The channel's own id for this delivery (activity id, update_id, MessageSid). */
  externalId: string;
  activity: Partial<Activity>;
}

/** Finds the person a turn was for, so their outbox rows carry the id. */
export type PersonOfTurn = (context: TurnContext) => string | null;

export interface TurnProcessorOptions {
  db: Db;
  adapter: CareLineAdapter;
  logic: (context: TurnContext) => Promise<void>;
  personOfTurn: PersonOfTurn;
  signal: OutboxSignal;
  logger: Logger;
  /** Times a turn is re-run after losing a state write race; default 5. */
  maxConflictRetries?: number;
  /** Failed attempts (database down, bug) before an inbox row is marked failed; default 5. */
  maxAttempts?: number;
}

export class TurnProcessor {
  private readonly queue = new KeyedQueue();
  private readonly inbox: InboxBatcher;

  constructor(private readonly options: TurnProcessorOptions) {
    this.inbox = new InboxBatcher(options.db);
  }

  /**
   * Records the message in the inbox. Returns its inbox id, or undefined for a re-delivery.
   * Messages accepted at the same time share one commit.
   * @param trx a transaction, to record it together with the channel's own rows
   */
  async accept(message: InboundMessage, trx?: Db): Promise<string | undefined> {
    const payload = { activity: message.activity };
    if (trx) return recordInbound(trx, message.channel, message.externalId, payload);

    return this.inbox.record(message.channel, message.externalId, payload);
  }

  /** Runs the turn after earlier turns of the same conversation. Never rejects. */
  process(inboxId: string, message: InboundMessage): Promise<void> {
    const key = `${message.channel}:${message.activity.conversation?.id ?? message.externalId}`;
    return this.queue.run(key, () => this.processNow(inboxId, message));
  }

  /** `accept` then `process`; resolves once the message is durable, before the turn runs. */
  async receive(message: InboundMessage): Promise<'accepted' | 'duplicate'> {
    const inboxId = await this.accept(message);
    if (!inboxId) return 'duplicate';

    void this.process(inboxId, message);
    return 'accepted';
  }

  /** Resolves when every turn started so far has finished (used on shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Processes messages a crash left recorded but unprocessed. */
  async recoverUnprocessed(receivedBefore: Date = new Date()): Promise<number> {
    const entries = await listUnprocessed(this.options.db, receivedBefore);
    for (const entry of entries) {
      const activity = (entry.payload.activity ?? {}) as Partial<Activity>;
      void this.process(entry.id, {
        channel: entry.channel,
        externalId: entry.externalId,
        activity,
      });
    }
    return entries.length;
  }

  private async processNow(inboxId: string, message: InboundMessage): Promise<void> {
    const { db, logger, signal } = this.options;
    const log = logger.child({ inboxId, channel: message.channel });
    try {
      const replies = await this.runWithConflictRetries(message);
      await db.transaction().execute(async (trx) => {
        const queued = await enqueueOutbound(trx, replies);
        if (queued > 0) await notifyOutboxQueued(trx, message.channel);
        await markInboundProcessed(trx, inboxId);
      });
      if (replies.length > 0) signal.notifyQueued(message.channel);
      log.debug({ replies: replies.length }, 'turn processed');
    } catch (error) {
      await this.recordFailure(inboxId, message, error, log);
    }
  }

  private async runWithConflictRetries(message: InboundMessage): Promise<NewOutboxMessage[]> {
    const { adapter, logic, personOfTurn } = this.options;
    const maxRetries = this.options.maxConflictRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        const { context, replies } = await adapter.runTurn(message.activity, logic);
        const personId = personOfTurn(context);
        return replies.map((reply, index) => ({
          personId,
          channel: message.channel,
          // A reply's recipient is the person: the user of its conversation reference.
          address: { ...outboxAddressOf({ ...reply, user: reply.recipient }) },
          payload: reply as Record<string, unknown>,
          idempotencyKey: `turn:${message.channel}:${message.externalId}:${index}`,
        }));
      } catch (error) {
        if (!(error instanceof StateConflictError) || attempt >= maxRetries) throw error;
        this.options.logger.debug({ attempt }, 'state conflict, running the turn again');
      }
    }
  }

  private async recordFailure(
    inboxId: string,
    message: InboundMessage,
    error: unknown,
    log: Logger,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    try {
      const outcome = await recordInboundFailure(this.options.db, inboxId, maxAttempts);
      log.error({ err: error, outcome }, 'turn failed');
      if (outcome === 'retry') {
        const retry = setTimeout(() => void this.process(inboxId, message), 1000);
        retry.unref();
      }
    } catch (secondError) {
      // The database itself is unreachable: the row stays 'received' for recovery at start.
      log.error({ err: secondError }, 'turn failed and could not be recorded');
    }
  }
}
