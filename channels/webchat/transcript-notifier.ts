/**
 * Tells open activity streams that their conversation's transcript grew: those in this
 * process at once, and those in other processes through an optional relay (PostgreSQL
 * NOTIFY in production). Streams then read the transcript themselves, so a missed or doubled
 * signal costs a query, never a message; a slow re-read in each stream covers a lost one.
 */
import { EventEmitter } from 'node:events';

export interface TranscriptNotifierOptions {
  /** Passes each announcement on to other processes; must not throw. */
  relay?: (conversationId: string) => void;
}

export class TranscriptNotifier {
  private readonly emitter = new EventEmitter();

  constructor(private readonly options: TranscriptNotifierOptions = {}) {
    // One listener per open stream; a busy process legitimately has thousands.
    this.emitter.setMaxListeners(0);
  }

  /** Announces that `conversationId` has new activities, here and in other processes. */
  notify(conversationId: string): void {
    this.notifyLocally(conversationId);
    this.options.relay?.(conversationId);
  }

  /** Announces what another process reported: to this process's streams only. */
  notifyLocally(conversationId: string): void {
    this.emitter.emit(eventOf(conversationId));
  }

  /** Calls `listener` on each announcement for `conversationId`; returns the unsubscribe. */
  subscribe(conversationId: string, listener: () => void): () => void {
    const event = eventOf(conversationId);
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}

/** Prefixed, so no id (such as one relayed from elsewhere) is taken for `error`. */
function eventOf(conversationId: string): string {
  return `conversation:${conversationId}`;
}
