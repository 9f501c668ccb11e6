/**
 * Tells open activity streams in this process that their conversation's transcript grew.
 * Streams then read the transcript themselves, so a missed or doubled signal costs a query,
 * never a message. Streams served by other processes find new activities by polling.
 */
import { EventEmitter } from 'node:events';

export class TranscriptNotifier {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open stream; a busy process legitimately has thousands.
    this.emitter.setMaxListeners(0);
  }

  /** Announces that `conversationId` has new activities. */
  notify(conversationId: string): void {
    this.emitter.emit(conversationId);
  }

  /** Calls `listener` on each announcement for `conversationId`; returns the unsubscribe. */
  subscribe(conversationId: string, listener: () => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }
}
