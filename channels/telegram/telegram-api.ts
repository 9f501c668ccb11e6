/**
 * The Bot API client (grammY's raw `Api`) and the one error class for everything Telegram
 * refuses or fails to answer, sorted by what a caller should do about it. The bot token is
 * part of every request URL, so it is kept out of every message this module builds.
 */
import { Api, GrammyError } from 'grammy';

/** Telegram's own Bot API server. */
export const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** Longer than a long poll's wait, so a getUpdates that waits its full time is not cut off. */
const REQUEST_TIMEOUT_SECONDS = 60;

/**
 * How a caller should react to a failed call:
 * - `rate_limited`: wait `retryAfterMs`, then try again;
 * - `transient`: network error or 5xx, back off and try again;
 * - `blocked`: the person blocked the bot or the chat is gone, never send to them again;
 * - `unauthorized`: the token is wrong or revoked, nothing will work until it is fixed;
 * - `rejected`: Telegram refused this request (400, 409...), sending it again will not help.
 */
export type TelegramFailureKind =
  'rate_limited' | 'transient' | 'blocked' | 'unauthorized' | 'rejected';

/** A Bot API call that failed; `cause` is grammY's error (its messages omit the token). */
export class TelegramApiError extends Error {
  override name = 'TelegramApiError';

  constructor(
    readonly method: string,
    readonly kind: TelegramFailureKind,
    readonly errorCode?: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(describe(method, kind, errorCode), options);
  }
}

/** A grammY API client for `token` on `apiRoot` (http or https). */
export function createTelegramApi(token: string, apiRoot: string = DEFAULT_API_ROOT): Api {
  return new Api(token, {
    apiRoot: apiRoot.replace(/\/+$/, ''),
    timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
  });
}

/** The bot's numeric id: the part of a BotFather token before the colon. */
export function botIdOf(token: string): string {
  return token.slice(0, token.indexOf(':'));
}

/** Runs one API call and turns any failure into a `TelegramApiError`. */
export async function callTelegram<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toTelegramApiError(method, error);
  }
}

/** Sorts a grammY error (or anything else thrown by a call) by kind. */
export function toTelegramApiError(method: string, error: unknown): TelegramApiError {
  if (error instanceof TelegramApiError) return error;
  // grammY's HttpError (network, timeout) and anything unforeseen: worth another try.
  if (!(error instanceof GrammyError)) {
    return new TelegramApiError(method, 'transient', undefined, undefined, { cause: error });
  }

  const code = error.error_code;
  const kind = kindOfRefusal(code, error.description);
  const retryAfterSeconds = error.parameters.retry_after;
  const retryAfterMs = kind === 'rate_limited' ? (retryAfterSeconds ?? 1) * 1000 : undefined;
  return new TelegramApiError(method, kind, code, retryAfterMs, { cause: error });
}

/** Chats that are gone for good: deleted accounts, chats we were never in. */
const GONE_CHAT = /chat not found|user is deactivated|peer_id_invalid/i;

function kindOfRefusal(code: number, description: string): TelegramFailureKind {
  if (code === 429) return 'rate_limited';
  if (code >= 500) return 'transient';
  // Telegram answers 404 for a token it does not know.
  if (code === 401 || code === 404) return 'unauthorized';
  if (code === 403) return 'blocked';
  if (code === 400 && GONE_CHAT.test(description)) return 'blocked';
  return 'rejected';
}

function describe(method: string, kind: TelegramFailureKind, code: number | undefined): string {
  const status = code === undefined ? 'no answer' : `error ${code}`;
  const hint: Record<TelegramFailureKind, string> = {
    rate_limited: 'Telegram asked us to slow down',
    transient: 'will be retried',
    blocked: 'the person blocked the bot or the chat no longer exists',
    unauthorized: 'check TELEGRAM_BOT_TOKEN against the token BotFather gave you',
    rejected: 'Telegram refused the request',
  };
  return `Telegram ${method} failed (${status}): ${hint[kind]}.`;
}
