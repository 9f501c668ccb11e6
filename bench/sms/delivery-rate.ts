/**
 * What the fake Twilio saw of bench/sms's throughput run, measured against the provisioned
 * rate (sending numbers × segments per second per number).
 *
 * The measured window runs from the first accepted message to the moment the last one's
 * segments have used up their number's time (its arrival plus one segment-time per segment),
 * so a sender that keeps every number busy from start to end scores exactly 1.00. Each
 * number's own window is measured the same way: its utilization shows whether the sender
 * kept pace on that number, apart from how many messages the number was given.
 */
import type { AcceptedMessage } from './fake-twilio-server.js';

/** How one sending number was used. */
export interface NumberUse {
  number: string;
  messages: number;
  segments: number;
  /** Its first arrival to the end of its last message's segment-time, in ms. */
  windowMs: number;
  /**
   * Segment-time used over its window: 1 when the number never waited for the sender (a
   * little more when messages came early within the fake's jitter allowance).
   */
  utilization: number;
}

export interface DeliveryRate {
  messages: number;
  segments: number;
  /** First to last arrival at the fake, in ms. */
  firstToLastMs: number;
  /** First arrival to the end of the last message's segment-time, in ms. */
  windowMs: number;
  segmentsPerSecond: number;
  /** segmentsPerSecond over the provisioned rate. */
  ratio: number;
  perNumber: NumberUse[];
  /**
   * The best ratio the recipients' sticky numbers allow: mean segments per number over the
   * busiest number's, since the run cannot end before the busiest number has sent its share.
   */
  balanceBound: number;
}

/** Arrival span of `messages`, from the first to the end of the last one's segment-time. */
function windowOf(messages: AcceptedMessage[], segmentMs: number): number {
  const first = Math.min(...messages.map((m) => m.at));
  const end = Math.max(...messages.map((m) => m.at + m.segments * segmentMs));
  return end - first;
}

function useOf(number: string, messages: AcceptedMessage[], segmentMs: number): NumberUse {
  const segments = messages.reduce((sum, m) => sum + m.segments, 0);
  if (messages.length === 0) return { number, messages: 0, segments, windowMs: 0, utilization: 0 };

  const windowMs = windowOf(messages, segmentMs);
  return {
    number,
    messages: messages.length,
    segments,
    windowMs,
    utilization: (segments * segmentMs) / windowMs,
  };
}

/**
 * The delivery rate of `accepted` sent from `numbers`, each provisioned for one segment per
 * `segmentMs`.
 */
export function measureDeliveryRate(
  accepted: AcceptedMessage[],
  numbers: readonly string[],
  segmentMs: number,
): DeliveryRate {
  const segments = accepted.reduce((sum, m) => sum + m.segments, 0);
  const perNumber = numbers.map((number) =>
    useOf(
      number,
      accepted.filter((m) => m.from === number),
      segmentMs,
    ),
  );
  const times = accepted.map((m) => m.at);
  const windowMs = accepted.length > 0 ? windowOf(accepted, segmentMs) : 0;
  const segmentsPerSecond = windowMs > 0 ? (segments * 1000) / windowMs : 0;
  const provisioned = (numbers.length * 1000) / segmentMs;
  const busiest = Math.max(...perNumber.map((use) => use.segments));
  return {
    messages: accepted.length,
    segments,
    firstToLastMs: times.length > 0 ? Math.max(...times) - Math.min(...times) : 0,
    windowMs,
    segmentsPerSecond,
    ratio: segmentsPerSecond / provisioned,
    perNumber,
    balanceBound: busiest > 0 ? segments / numbers.length / busiest : 0,
  };
}
