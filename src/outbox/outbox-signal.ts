/**
 * Tells the dispatchers in this process that rows were queued, so a reply leaves at once
 * instead of at the next poll. Other processes find the rows by polling.
 */
import { EventEmitter } from 'node:events';
import type { ChannelId } from '../storage/schema.js';

export class OutboxSignal extends EventEmitter<{ queued: [ChannelId] }> {
  /** Announces that rows for `channel` are waiting. */
  notifyQueued(channel: ChannelId): void {
    this.emit('queued', channel);
  }
}
