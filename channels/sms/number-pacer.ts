/**
 * Keeps each sending number within its provisioned throughput (a US long code: about one
 * segment per second). A message of n segments books n / rate seconds of its number's time;
 * senders wait for their booking, so messages leave at the number's pace however many
 * deliveries run at once. People are given one number each, so a person always hears from
 * the same number (and their STOP applies to the number they see).
 */
import { createHash } from 'node:crypto';

export interface NumberPacerOptions {
  /** Sending numbers (E.164). At least one. */
  numbers: readonly string[];
  /** Segments per second each number may send; default 1. */
  segmentsPerSecond?: number;
  /** Injected for tests; default `Date.now`. */
  now?: () => number;
  /** Injected for tests; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export class NumberPacer {
  private readonly numbers: readonly string[];
  private readonly msPerSegment: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** When each number is free again, in ms since the epoch. */
  private readonly freeAt = new Map<string, number>();

  constructor(options: NumberPacerOptions) {
    if (options.numbers.length === 0) throw new RangeError('NumberPacer needs a sending number.');

    this.numbers = options.numbers;
    this.msPerSegment = 1000 / (options.segmentsPerSecond ?? 1);
    this.now = options.now ?? Date.now;
    this.sleep =
      options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  /** The number that texts `recipient`: always the same one for the same recipient. */
  numberFor(recipient: string): string {
    const digest = createHash('sha256').update(recipient).digest();
    return this.numbers[digest.readUInt32BE(0) % this.numbers.length]!;
  }

  /** How long a booking on `number` would wait now, in ms. */
  waitFor(number: string): number {
    return Math.max(0, (this.freeAt.get(number) ?? 0) - this.now());
  }

  /** Books `segments` of `number`'s time and waits until the booking starts. */
  async book(number: string, segments: number): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.freeAt.get(number) ?? 0);
    this.freeAt.set(number, start + segments * this.msPerSegment);
    if (start > now) await this.sleep(start - now);
  }

  /**
   * Gives back a booking that was not used (the send failed before Twilio took it), so the
   * number's next message is not delayed for nothing.
   */
  release(number: string, segments: number): void {
    const freeAt = this.freeAt.get(number);
    if (freeAt === undefined) return;

    this.freeAt.set(number, Math.max(this.now(), freeAt - segments * this.msPerSegment));
  }
}
