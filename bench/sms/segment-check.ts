/**
 * The segment-count half of bench/sms: each case of `segment-cases.ts` is queued in the
 * outbox and sent by the real SMS channel, then each part CareLine sent is compared three
 * ways: the segments CareLine counted for it (`sms_parts.segments`, from `countSegments`),
 * the fake Twilio's independent count of what it received, and the hand-worked expectation.
 */
import type { Db } from '../../src/storage/database.js';
import type { AcceptedMessage } from './fake-twilio-server.js';
import type { SegmentCase } from './segment-cases.js';

/** One case's parts, as CareLine counted them and as the fake counted them. */
export interface CaseOutcome {
  name: string;
  /** Encoding of each part, as the fake read it. */
  encodings: string[];
  ours: number[];
  fake: number[];
  expected: number[];
  /** CareLine's count equals the fake's, part by part. */
  exact: boolean;
  /** Both equal the hand-worked expectation, encoding included. */
  asExpected: boolean;
}

/** The outbox idempotency key of case `index`. */
export function caseKey(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(2, '0')}`;
}

/** Compares what was sent for each case; a part the fake never accepted counts as 0. */
export async function compareSegmentCounts(
  db: Db,
  cases: readonly SegmentCase[],
  keyPrefix: string,
  accepted: AcceptedMessage[],
): Promise<CaseOutcome[]> {
  const parts = await db
    .selectFrom('sms_parts')
    .innerJoin('outbox', 'outbox.id', 'sms_parts.outbox_id')
    .select(['outbox.idempotency_key', 'sms_parts.message_sid', 'sms_parts.segments'])
    .where('outbox.idempotency_key', 'like', `${keyPrefix}%`)
    .orderBy('sms_parts.part')
    .execute();
  const bySid = new Map(accepted.map((message) => [message.sid, message]));
  return cases.map((segmentCase, index) => {
    const own = parts.filter((part) => part.idempotency_key === caseKey(keyPrefix, index));
    const received = own.map((part) => bySid.get(part.message_sid ?? ''));
    const ours = own.map((part) => part.segments);
    const fake = received.map((message) => message?.segments ?? 0);
    const encodings = received.map((message) => message?.encoding ?? 'not received');
    const expected = segmentCase.segments;
    const exact = ours.length > 0 && sameNumbers(ours, fake);
    const asExpected =
      exact &&
      sameNumbers(ours, expected) &&
      encodings.every((encoding) => encoding === segmentCase.encoding);
    return { name: segmentCase.name, encodings, ours, fake, expected, exact, asExpected };
  });
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
