/**
 * The path from a durable inbound message to durable replies. A channel calls `accept`
 * (inbox row, unique per channel and external id) before it acknowledges anything, then
 * `process`: the turn runs, in order per conversation, and its replies are written to the
 * outbox in the same transaction that marks the inbox row processed. The order holds across
 * processes: a conversation's turns run only in the process holding its lease, which runs
 * every waiting turn of it, in the channel's order, so a message received by another
 * process is not run beside or before an earlier one.
 */
import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { CareLineAdapter } from '../bot/careline-adapter.js';
import type { Logger } from '../logging/logger.js';
import { notifyOutboxQueued } from '../outbox/outbox-notifications.js';
import type { OutboxSignal } from '../outbox/outbox-signal.js';
import { StateConflictError } from '../storage/bot-state-storage.js';
import type { Db } from '../storage/database.js';
import {
  deleteExpiredLeases,
  releaseConversationLease,
  takeConversationLease,
} from '../storage/conversation-leases.js';
import {
  listConversationsWaiting,
  markInboundProcessed,
  nextWaitingTurn,
  recordInbound,
  recordInboundFailure,
  type InboundRecord,
  type InboxEntry,
} from '../storage/inbox.js';
import { enqueueOutbound, outboxAddressOf, type NewOutboxMessage } from '../storage/outbox.js';
import type { ChannelId } from '../storage/schema.js';
import { toStorable, toStorableText } from '../storage/storable-text.js';
import { InboxBatcher } from './inbox-batcher.js';
import { KeyedQueue } from './keyed-queue.js';

/** One inbound message as a channel hands it over. */
export interface InboundMessage {
  channel: ChannelId;
  /** The channel's own id for this delivery (activity id, update_id, MessageSid). */
  externalId: string;
  activity: Partial<Activity>;
  /**
   * The channel's own order of deliveries within the conversation (Telegram's update_id),
   * when it has one; turns run in that order. Unset: the order they were recorded in.
   */
  sequence?: number;
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
  /** How long this process keeps a conversation once it takes it; default 60 000 ms. */
  leaseMs?: number;
  /** Wait before a failed turn is tried again; default 1000 ms. */
  retryDelayMs?: number;
}

/** Messages this old and still waiting are taken over by any process's sweep. */
const STRANDED_AFTER_MS = 60_000;

/**
 * `<channel>:<conversation id>`: the turns that run one at a time, in order. Storable, as the
 * inbox records it, so a run looks for the same key its message was recorded under.
 */
function conversationKeyOf(message: InboundMessage): string {
  const conversationId = message.activity.conversation?.id ?? message.externalId;
  return toStorableText(`${message.channel}:${conversationId}`);
}

/** The message as the inbox records it: text PostgreSQL cannot hold is made storable. */
export function inboundRecordOf(message: InboundMessage): InboundRecord {
  // The turn runs from what is recorded, so it sees the same storable text (no NUL, no
  // half surrogate pair) that its state and replies will be written with.
  return {
    channel: message.channel,
    externalId: toStorableText(message.externalId),
    conversationKey: conversationKeyOf(message),
    sequence: message.sequence,
    payload: { activity: toStorable(message.activity) },
  };
}

export class TurnProcessor {
  private readonly queue = new KeyedQueue();
  private readonly inbox: InboxBatcher;
  /** This process, as the holder of conversation leases. */
  private readonly holder = randomUUID();
  /** Conversations with a run queued here that has not started: one is enough. */
  private readonly queuedRuns = new Map<string, Promise<void>>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TurnProcessorOptions) {
    this.inbox = new InboxBatcher(options.db);
  }

  /**
   * Records the message in the inbox. Returns its inbox id, or undefined for a re-delivery.
   * Messages accepted at the same time share one commit.
   * @param trx a transaction, to record it together with the channel's own rows
   */
  async accept(message: InboundMessage, trx?: Db): Promise<string | undefined> {
    const record = inboundRecordOf(message);
    if (trx) return recordInbound(trx, record);

    return this.inbox.record(record);
  }

  /**
   * Runs the waiting turns of the message's conversation, the message's among them, in the
   * channel's order, unless another process is already running them (it runs this one too).
   * Never rejects.
   */
  process(message: InboundMessage): Promise<void> {
    return this.runWaitingTurns(conversationKeyOf(message));
  }

  /** `accept` then `process`; resolves once the message is durable, before the turn runs. */
  async receive(message: InboundMessage): Promise<'accepted' | 'duplicate'> {
    const inboxId = await this.accept(message);
    if (!inboxId) return 'duplicate';

    void this.process(message);
    return 'accepted';
  }

  /** Resolves when every turn started so far has finished (used on shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Runs the turns of messages recorded before `receivedBefore` and never processed (a
   * crash between accepting and running). Returns how many conversations had some.
   */
  async recoverUnprocessed(receivedBefore: Date = new Date()): Promise<number> {
    const conversations = await listConversationsWaiting(this.options.db, receivedBefore);
    for (const key of conversations) void this.runWaitingTurns(key);
    return conversations.length;
  }

  /**
   * Every `intervalMs` (default 30 s), takes over turns left waiting for a minute or more:
   * those of a process that died holding them, or whose retry never came.
   */
  startSweeping(intervalMs = 30_000): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = setInterval(() => {
      this.recoverUnprocessed(new Date(Date.now() - STRANDED_AFTER_MS))
        // A lease left by a process that died names its conversation (for SMS, a number).
        .then(() => deleteExpiredLeases(this.options.db))
        .catch((error: unknown) =>
          this.options.logger.warn({ err: error }, 'sweep for waiting turns failed'),
        );
    }, intervalMs);
    this.sweepTimer.unref();
  }

  /** Stops the sweep started by `startSweeping`. */
  stopSweeping(): void {
    clearInterval(this.sweepTimer);
  }

  private runWaitingTurns(conversationKey: string): Promise<void> {
    const queued = this.queuedRuns.get(conversationKey);
    if (queued) return queued;

    const run = this.queue.run(conversationKey, async () => {
      this.queuedRuns.delete(conversationKey);
      try {
        await this.runWhileLeased(conversationKey);
      } catch (error) {
        // The database is out of reach: the messages stay waiting for the sweep.
        this.options.logger.error({ err: error }, 'waiting turns could not be run');
      }
    });
    this.queuedRuns.set(conversationKey, run);
    return run;
  }

  /** Takes the conversation, runs its waiting turns in order, gives it back; again if needed. */
  private async runWhileLeased(conversationKey: string): Promise<void> {
    const { db } = this.options;
    for (;;) {
      if (!(await takeConversationLease(db, conversationKey, this.holder, this.leaseMs))) return;

      let outcome: 'drained' | 'retrying';
      try {
        outcome = await this.runTurnsInOrder(conversationKey);
      } catch (error) {
        // Left unreleased, the lease would only expire; the sweep then takes the turns over.
        await releaseConversationLease(db, conversationKey, this.holder).catch(() => undefined);
        throw error;
      }
      const { turnsWaiting } = await releaseConversationLease(db, conversationKey, this.holder);
      // A failed turn's retry comes back on its own; until then its successors wait.
      if (outcome === 'retrying' || !turnsWaiting) return;
    }
  }

  private async runTurnsInOrder(conversationKey: string): Promise<'drained' | 'retrying'> {
    const { db } = this.options;
    let leasedAt = Date.now();
    for (;;) {
      const entry = await nextWaitingTurn(db, conversationKey);
      if (!entry) return 'drained';

      if (!(await this.processNow(entry))) return 'retrying';

      // Extend the lease once half of it is used, so a long run keeps the conversation.
      if (Date.now() - leasedAt > this.leaseMs / 2) {
        if (!(await takeConversationLease(db, conversationKey, this.holder, this.leaseMs))) {
          return 'retrying';
        }
        leasedAt = Date.now();
      }
    }
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  /** Runs one turn; false when it failed and will be tried again. */
  private async processNow(entry: InboxEntry): Promise<boolean> {
    const { db, logger, signal } = this.options;
    const message: InboundMessage = {
      channel: entry.channel,
      externalId: entry.externalId,
      activity: (entry.payload.activity ?? {}) as Partial<Activity>,
    };
    const log = logger.child({ inboxId: entry.id, channel: message.channel });
    try {
      const replies = await this.runWithConflictRetries(message);
      await db.transaction().execute(async (trx) => {
        const queued = await enqueueOutbound(trx, replies);
        if (queued > 0) await notifyOutboxQueued(trx, message.channel);
        await markInboundProcessed(trx, entry.id);
      });
      if (replies.length > 0) signal.notifyQueued(message.channel);
      log.debug({ replies: replies.length }, 'turn processed');
      return true;
    } catch (error) {
      return this.recordFailure(entry.id, message, error, log);
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

  /** Counts the failure; true when the message is given up (so its successors may run). */
  private async recordFailure(
    inboxId: string,
    message: InboundMessage,
    error: unknown,
    log: Logger,
  ): Promise<boolean> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    try {
      const outcome = await recordInboundFailure(this.options.db, inboxId, maxAttempts);
      log.error({ err: error, outcome }, 'turn failed');
      if (outcome === 'failed') return true;

      const retry = setTimeout(
        () => void this.runWaitingTurns(conversationKeyOf(message)),
        this.options.retryDelayMs ?? 1000,
      );
      retry.unref();
    } catch (secondError) {
      // The database itself is unreachable: the row stays 'received' for the sweep.
      log.error({ err: secondError }, 'turn failed and could not be recorded');
    }
    return false;
  }
}
