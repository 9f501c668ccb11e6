/**
 * Records inbound messages that arrive together in one transaction. Accepting a message
 * costs a durable commit (nothing is acknowledged before it is on disk), and one commit can
 * carry many rows: while one batch commits, the next gathers, so a quiet channel waits for
 * no timer and a busy one shares its commits.
 */
import type { Db } from '../storage/database.js';
import { recordInboundBatch, type InboundRecord } from '../storage/inbox.js';

/** Rows written in one statement at most. */
const MAX_BATCH_ROWS = 200;

interface Waiting extends InboundRecord {
  resolve(inboxId: string | undefined): void;
  reject(error: unknown): void;
}

export class InboxBatcher {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  /** Resolves with the new inbox id, or undefined when the message was already recorded. */
  record(message: InboundRecord): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...message, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH_ROWS);
      try {
        const ids = await recordInboundBatch(this.db, batch);
        batch.forEach((item, index) => item.resolve(ids[index]));
      } catch (error) {
        batch.forEach((item) => item.reject(error));
      }
    }
    this.flushing = false;
  }
}
