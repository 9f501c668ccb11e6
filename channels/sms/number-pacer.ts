/**
 * Keeps each sending number within its provisioned throughput (a US long code: about one
 * segment per second). Each number sends one message at a time, in turn: a message of n
 * segments holds its number for n / rate seconds from the moment it actually leaves, so a
 * late timer or a slow event loop delays the next message rather than squeezing it in early.
 * The pacing is per process but holds for the deployment: the SMS outbox is dispatched by one
 * process at a time (`src/outbox/dispatch-lease.ts`).
 */

export interface NumberPacerOptions {
  /** Segments per second each number may send; default 1. */
  segmentsPerSecond?: number;
  /** Injected for tests; default `Date.now`. */
  now?: () => number;
  /** Injected for tests; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** A number's turn for one message: it left at `start` and holds the number until `end`. */
export interface Booking {
  number: string;
  start: number;
  end: number;
}

export class NumberPacer {
  /** How long one segment holds a number, in ms. */
  readonly msPerSegment: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** When each number may send again, in ms since the epoch. */
  private readonly freeAt = new Map<string, number>();
  /** The last message waiting for each number: the next one waits for it. */
  private readonly tail = new Map<string, Promise<unknown>>();
  /** Segments waiting for each number, for `waitFor`. */
  private readonly waiting = new Map<string, number>();

  constructor(options: NumberPacerOptions = {}) {
    this.msPerSegment = 1000 / (options.segmentsPerSecond ?? 1);
    this.now = options.now ?? Date.now;
    this.sleep =
      options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  /** About how long a message for `number` would wait now, in ms. */
  waitFor(number: string): number {
    const queued = (this.waiting.get(number) ?? 0) * this.msPerSegment;
    return Math.max(0, (this.freeAt.get(number) ?? 0) - this.now()) + queued;
  }

  /**
   * Waits for `number`'s turn, then holds it for `segments`; resolves with the booking as
   * the message may leave. `release` gives the time back if the message did not go.
   */
  book(number: string, segments: number): Promise<Booking> {
    this.waiting.set(number, (this.waiting.get(number) ?? 0) + segments);
    const turn = (this.tail.get(number) ?? Promise.resolve()).then(async () => {
      const wait = (this.freeAt.get(number) ?? 0) - this.now();
      if (wait > 0) await this.sleep(wait);
      const start = this.now();
      const end = start + segments * this.msPerSegment;
      this.freeAt.set(number, end);
      this.waiting.set(number, (this.waiting.get(number) ?? segments) - segments);
      return { number, start, end };
    });
    this.tail.set(number, turn);
    return turn;
  }

  /**
   * Gives back a booking that was not used (the send failed before Twilio took it), so the
   * number's next message is not delayed for nothing. Only while no later message has left.
   */
  release(booking: Booking): void {
    if (this.freeAt.get(booking.number) !== booking.end) return;

    this.freeAt.set(booking.number, booking.start);
  }
}
