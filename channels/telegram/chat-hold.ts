/**
 * Puts one chat's updates back in `update_id` order before their turns run.
 *
 * Why: Telegram numbers updates in the order they happened, but a webhook may deliver two
 * of them over parallel connections (`max_connections`), a retried delivery can land after
 * a later one, and two requests can reach two CareLine processes. Once a turn has started,
 * a later arrival can no longer go before it. So each chat's updates wait a short moment
 * (`holdMs` after the chat's latest arrival, at most `maxHoldMs` in all) and are then
 * released together, lowest `update_id` first. The cost is that wait on every message;
 * 150 ms is far below what a person notices in a chat, and covers the usual spread of
 * parallel deliveries. An update that arrives after its chat's batch was released runs
 * late rather than never.
 *
 * Across processes the order comes from the inbox: each update is recorded with its
 * `update_id`, and a chat's turns run only in the process holding the chat's lease, lowest
 * `update_id` first (see `src/turns/turn-processor.ts`). The hold gives an update that
 * reached another process the same moment to be recorded before its chat's turns start.
 */

/** Default wait after a chat's latest update. */
export const DEFAULT_HOLD_MS = 150;

export interface ChatHoldOptions<T> {
  /** Wait after the chat's latest arrival before releasing; default 150 ms. */
  holdMs?: number;
  /** Longest wait since the chat's first held arrival; default 4 × holdMs. */
  maxHoldMs?: number;
  /** Receives one chat's held items in `update_id` order; releases of a chat never overlap. */
  release: (chatId: string, items: T[]) => Promise<void>;
}

interface Held<T> {
  items: { updateId: number; item: T }[];
  firstAt: number;
  timer: NodeJS.Timeout;
}

/** Per-chat hold-and-sort of updates. */
export class ChatHold<T> {
  private readonly held = new Map<string, Held<T>>();
  private readonly releasing = new Map<string, Promise<void>>();
  private readonly holdMs: number;
  private readonly maxHoldMs: number;

  constructor(private readonly options: ChatHoldOptions<T>) {
    this.holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
    this.maxHoldMs = options.maxHoldMs ?? this.holdMs * 4;
  }

  /** Holds `item` (update `updateId` of `chatId`) until its chat's batch is released. */
  add(chatId: string, updateId: number, item: T): void {
    const now = Date.now();
    const existing = this.held.get(chatId);
    if (existing) clearTimeout(existing.timer);
    const batch = existing ?? { items: [], firstAt: now, timer: undefined! };
    batch.items.push({ updateId, item });
    const wait = Math.min(this.holdMs, batch.firstAt + this.maxHoldMs - now);
    batch.timer = setTimeout(() => this.releaseChat(chatId), Math.max(0, wait));
    this.held.set(chatId, batch);
  }

  /** Releases everything held now and resolves when every release has finished. */
  async flush(): Promise<void> {
    for (const [chatId, batch] of this.held) {
      clearTimeout(batch.timer);
      this.releaseChat(chatId);
    }
    await Promise.all(this.releasing.values());
  }

  private releaseChat(chatId: string): void {
    const batch = this.held.get(chatId);
    if (!batch) return;

    this.held.delete(chatId);
    const items = batch.items.sort((a, b) => a.updateId - b.updateId).map(({ item }) => item);
    const previous = this.releasing.get(chatId) ?? Promise.resolve();
    const next = previous.then(() => this.options.release(chatId, items));
    this.releasing.set(chatId, next);
    void next.finally(() => {
      if (this.releasing.get(chatId) === next) this.releasing.delete(chatId);
    });
  }
}
