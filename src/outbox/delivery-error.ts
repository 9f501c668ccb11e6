/**
 * How a channel sender reports a failed send, so the dispatcher can decide by kind:
 * back off on transient failures, wait as told on rate limits, stop on permanent refusals.
 */
export type DeliveryFailureKind = 'transient' | 'rate_limited' | 'permanent';

export class DeliveryError extends Error {
  override name = 'DeliveryError';

  /**
   * @param kind how the dispatcher should react
   * @param reason a short code for the outbox row and logs (never message content)
   * @param retryAfterMs for 'rate_limited': how long the channel asked us to wait
   */
  constructor(
    readonly kind: DeliveryFailureKind,
    readonly reason: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(`Delivery ${kind}: ${reason}`, options);
  }
}
