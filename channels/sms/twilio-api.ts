/**
 * The Twilio REST calls CareLine makes (sending one SMS), through the official `twilio`
 * client pointed at TWILIO_API_BASE_URL, and the one error type they fail with. Errors are
 * sorted by kind here, so the sender can decide what to do: wait on 429, back off on 5xx and
 * network errors, stop for good on refusals, and record an opt-out when Twilio says so.
 */
import twilio from 'twilio';

/** Twilio's own REST API. */
export const DEFAULT_TWILIO_API_BASE_URL = 'https://api.twilio.com';
/** A send that takes longer than this is treated as a network failure and retried. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Twilio error 21610: the recipient texted STOP to this number (carrier-level opt-out). */
export const TWILIO_UNSUBSCRIBED = 21610;
/** Refusals about the number itself: it will never receive texts from us as it is. */
const UNREACHABLE_NUMBER_CODES = new Set([21211, 21214, 21612, 21614, 21408]);

export type TwilioFailureKind =
  'rate_limited' | 'transient' | 'opted_out' | 'unreachable' | 'unauthorized' | 'rejected';

/** A Twilio call failed; `code` is Twilio's error code when it gave one. */
export class TwilioApiError extends Error {
  override name = 'TwilioApiError';

  constructor(
    message: string,
    readonly kind: TwilioFailureKind,
    readonly code?: number,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OutgoingSms {
  from: string;
  to: string;
  body: string;
  /** Where Twilio posts delivery receipts for this message. */
  statusCallback?: string;
}

export interface SentSms {
  /** Twilio's message SID (SM…). */
  sid: string;
  /** Twilio's first status, usually 'queued' or 'accepted'. */
  status: string;
}

/** What CareLine needs from Twilio. */
export interface TwilioApi {
  /** @throws TwilioApiError */
  sendSms(message: OutgoingSms): Promise<SentSms>;
}

export interface TwilioApiOptions {
  accountSid: string;
  /** Never logged. */
  authToken: string;
  /** TWILIO_API_BASE_URL; default Twilio's own. */
  baseUrl?: string;
  /**
   * Keep connections to Twilio open between texts; default true. The tests turn it off:
   * nock 14 cannot answer a request that carries `Connection: keep-alive`.
   */
  keepAlive?: boolean;
}

/** A Twilio client for one account. */
export function createTwilioApi(options: TwilioApiOptions): TwilioApi {
  const client = twilio(options.accountSid, options.authToken, {
    timeout: REQUEST_TIMEOUT_MS,
    autoRetry: false,
    keepAlive: options.keepAlive ?? true,
  });
  client.api.baseUrl = (options.baseUrl ?? DEFAULT_TWILIO_API_BASE_URL).replace(/\/+$/, '');

  async function sendSms(message: OutgoingSms): Promise<SentSms> {
    try {
      const sent = await client.messages.create({
        from: message.from,
        to: message.to,
        body: message.body,
        ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
      });
      return { sid: sent.sid, status: sent.status };
    } catch (error) {
      throw toTwilioApiError(error);
    }
  }

  return { sendSms };
}

/** Sorts whatever the client threw by what the sender should do about it. */
export function toTwilioApiError(error: unknown): TwilioApiError {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  const httpStatus = typeof status === 'number' ? status : undefined;
  const twilioCode = typeof code === 'number' ? code : undefined;
  const kind = failureKindOf(httpStatus, twilioCode);
  const message =
    httpStatus === undefined
      ? 'Twilio could not be reached.'
      : `Twilio answered ${httpStatus}${twilioCode ? ` (error ${twilioCode})` : ''}.`;
  return new TwilioApiError(message, kind, twilioCode, httpStatus, { cause: error });
}

function failureKindOf(status: number | undefined, code: number | undefined): TwilioFailureKind {
  if (status === undefined) return 'transient';
  if (status === 429 || code === 20429) return 'rate_limited';
  if (status >= 500) return 'transient';
  if (code === TWILIO_UNSUBSCRIBED) return 'opted_out';
  if (code !== undefined && UNREACHABLE_NUMBER_CODES.has(code)) return 'unreachable';
  if (status === 401 || status === 403 || code === 20003) return 'unauthorized';
  return 'rejected';
}
