/**
 * Keeps this process's sends within Telegram's limits: about one message per second to one
 * chat and about thirty per second overall. A send waits (it is not refused) until both
 * allow it; sends to one chat go one at a time, in call order. After a 429 the chat is
 * paused for Telegram's `retry_after`, and so is the bot as a whole: Telegram does not say
 * which limit was hit, and its advice on flood limits is to stop sending for that long.
 *
 * The counters live in this process, yet they hold for the whole deployment: the Telegram
 * outbox is dispatched exclusively, one process at a time (`src/outbox/dispatch-lease.ts`).
 * Notices the webhook intake sends directly (group replies, "text only") are paced only by
 * the process that received the update; they are rare enough for that to be acceptable.
 */

/**
 * Telegram counts messages when they arrive, after network jitter; pacing 5% under the
 * limit keeps a late message and an early one from landing in the same second.
 */
const PACING_MARGIN = 1.05;
/** Idle chats are forgotten once the map holds this many. */
const PRUNE_AT_CHATS = 10_000;

export interface SendThrottleOptions {
  /** Messages to one chat per second; default 1. */
  perChatPerSecond?: number;
  /** Messages to all chats per second; default 30. */
  perSecond?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

interface ChatState {
  /** Earliest time of the chat's next send. */
  nextAt: number;
  /** Telegram asked us to wait until then (429 retry_after). */
  pausedUntil: number;
  /** The chat's last queued send, which the next one waits for. */
  tail: Promise<void>;
  queued: number;
}

/** Paces sends per chat and overall. */
export class SendThrottle {
  private readonly chats = new Map<string, ChatState>();
  private readonly chatIntervalMs: number;
  private readonly globalIntervalMs: number;
  private readonly now: () => number;
  private nextGlobalAt = 0;
  /** The last overall slot handed out; the next is measured from when it was really used. */
  private globalTail: Promise<void> = Promise.resolve();

  constructor(options: SendThrottleOptions = {}) {
    this.chatIntervalMs = (1000 / (options.perChatPerSecond ?? 1)) * PACING_MARGIN;
    this.globalIntervalMs = (1000 / (options.perSecond ?? 30)) * PACING_MARGIN;
    this.now = options.now ?? Date.now;
  }

  /** Runs `send` once both limits allow it, after the chat's earlier sends. */
  async run<T>(chatId: string, send: () => Promise<T>): Promise<T> {
    const chat = this.chatState(chatId);
    const previous = chat.tail;
    let release = () => {};
    chat.tail = new Promise<void>((resolve) => (release = resolve));
    chat.queued++;
    try {
      await previous;
      await this.sleepUntil(Math.max(chat.nextAt, chat.pausedUntil));
      await this.takeGlobalSlot();
      chat.nextAt = this.now() + this.chatIntervalMs;
      return await send();
    } finally {
      chat.queued--;
      release();
      this.pruneIfLarge();
    }
  }

  /** Holds every send to `chatId` for `ms` (Telegram's 429 `retry_after`). */
  pause(chatId: string, ms: number): void {
    const chat = this.chatState(chatId);
    chat.pausedUntil = Math.max(chat.pausedUntil, this.now() + ms);
  }

  /** Holds every send, to any chat, for `ms` (a 429 whose limit Telegram does not name). */
  pauseAll(ms: number): void {
    this.nextGlobalAt = Math.max(this.nextGlobalAt, this.now() + ms);
  }

  /** Milliseconds until `chatId` may be sent to again after a 429; 0 when not paused. */
  pausedFor(chatId: string): number {
    const pausedUntil = this.chats.get(chatId)?.pausedUntil ?? 0;
    return Math.max(0, pausedUntil - this.now());
  }

  private chatState(chatId: string): ChatState {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { nextAt: 0, pausedUntil: 0, tail: Promise.resolve(), queued: 0 };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  /**
   * Overall slots are handed out one after another, each measured from when the previous
   * one was really taken: a timer that fires late then delays the next send instead of
   * letting two land in the same instant.
   */
  private takeGlobalSlot(): Promise<void> {
    const slot = this.globalTail.then(async () => {
      await this.sleepUntil(this.nextGlobalAt);
      this.nextGlobalAt = this.now() + this.globalIntervalMs;
    });
    this.globalTail = slot;
    return slot;
  }

  private async sleepUntil(at: number): Promise<void> {
    const ms = at - this.now();
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(ms)));
  }

  private pruneIfLarge(): void {
    if (this.chats.size < PRUNE_AT_CHATS) return;

    const now = this.now();
    for (const [chatId, chat] of this.chats) {
      if (chat.queued === 0 && chat.nextAt <= now && chat.pausedUntil <= now) {
        this.chats.delete(chatId);
      }
    }
  }
}
