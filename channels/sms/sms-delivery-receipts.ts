/**
 * Twilio's delivery receipts (the status callback): each is recorded on its part and outbox
 * row. A part that did not arrive is sent again when the failure is passing (handset off,
 * carrier congestion), up to the row's attempts; a refusal about the number stops it for good
 * and marks the number unreachable; an unsubscribed number is marked opted out.
 */
import { sql } from 'kysely';
import type { Logger } from '../../src/logging/logger.js';
import { markUnreachable } from '../../src/people/reachability.js';
import type { Db } from '../../src/storage/database.js';
import { markFailed } from '../../src/storage/outbox.js';
import { recordReceipt } from '../../src/storage/sms-parts.js';
import { optOut } from './sms-subscription.js';
import { TWILIO_UNSUBSCRIBED } from './twilio-api.js';

/** Delivery errors that may pass: the part is sent again after a back-off. */
const TRANSIENT_DELIVERY_ERRORS = new Set(['30001', '30003', '30008', '30017', '30022']);
/** Delivery errors about the number itself: nothing more is sent to it. */
const UNREACHABLE_DELIVERY_ERRORS = new Set(['30004', '30005', '30006']);
/** Attempts after which an undelivered row is given up; as the dispatcher's default. */
const MAX_ATTEMPTS = 8;
/** First wait before a part is sent again, doubled per attempt; default 30 s. */
export const DEFAULT_RESEND_BACKOFF_MS = 30_000;

/** Statuses of Twilio's message life cycle this route accepts. */
export const RECEIPT_STATUSES = new Set([
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
]);

export interface DeliveryReceipt {
  messageSid: string;
  status: string;
  errorCode: string | null;
  /** The recipient's number. */
  to: string;
}

/** Records a receipt and does what it calls for; unknown SIDs are ignored. */
export async function handleDeliveryReceipt(
  db: Db,
  receipt: DeliveryReceipt,
  logger: Logger,
  resendBackoffMs = DEFAULT_RESEND_BACKOFF_MS,
): Promise<void> {
  const part = await recordReceipt(db, receipt.messageSid, receipt.status, receipt.errorCode);
  if (!part) {
    logger.debug('delivery receipt for a message CareLine did not send');
    return;
  }
  if (receipt.status !== 'undelivered' && receipt.status !== 'failed') return;

  const log = logger.child({ outboxId: part.outbox_id, errorCode: receipt.errorCode });
  const code = receipt.errorCode ?? '';
  if (code === String(TWILIO_UNSUBSCRIBED)) {
    await optOut(db, receipt.to, 'carrier');
    await markFailed(db, part.outbox_id, 'opted_out');
  } else if (UNREACHABLE_DELIVERY_ERRORS.has(code)) {
    await markUnreachable(db, 'sms', receipt.to, `twilio_${code}`);
    await markFailed(db, part.outbox_id, `twilio_${code}`);
  } else if (TRANSIENT_DELIVERY_ERRORS.has(code) && part.attempts < MAX_ATTEMPTS) {
    await sendAgainLater(db, part.outbox_id, part.attempts, resendBackoffMs, `twilio_${code}`);
  } else {
    await markFailed(db, part.outbox_id, `twilio_${code || receipt.status}`);
  }
  log.info({ status: receipt.status }, 'sms not delivered');
}

/** Puts the row back in the queue; only its undelivered parts will be sent. */
async function sendAgainLater(
  db: Db,
  outboxId: string,
  attempts: number,
  backoffMs: number,
  reason: string,
) {
  const delaySeconds = Math.min(600, (backoffMs / 1000) * 2 ** Math.max(0, attempts - 1));
  await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      last_error: reason,
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delaySeconds})`,
    })
    .where('id', '=', outboxId)
    .where('status', 'in', ['delivered', 'sending', 'pending'])
    .execute();
}
