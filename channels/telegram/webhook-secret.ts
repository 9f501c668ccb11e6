/**
 * The secret Telegram sends with every webhook call (`X-Telegram-Bot-Api-Secret-Token`),
 * and its check. Without TELEGRAM_WEBHOOK_SECRET the secret is derived from the bot token,
 * so it is the same after every restart and in every process, and Telegram's registered
 * webhook keeps working.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Telegram carries the secret in (express lower-cases header names). */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** What Telegram accepts as a secret_token. */
export const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
/** The longest secret_token Telegram accepts, in bytes (all its characters are ASCII). */
const SECRET_WIDTH = 256;
const DERIVATION_LABEL = 'careline:telegram-webhook-secret:v1';

/** A 43-character secret from the token (HMAC-SHA256, base64url: only A-Z a-z 0-9 _ -). */
export function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update(DERIVATION_LABEL).digest('base64url');
}

/**
 * The check of a header against `secret`, in constant time whatever the lengths: both are
 * compared as 256 bytes (Telegram's longest secret), zero-padded, together with their
 * lengths, so the time taken tells nothing about how much of a guess was right. A header
 * longer than any secret is refused at once; its length says nothing about the secret.
 */
export function createSecretCheck(secret: string): (candidate: string | undefined) => boolean {
  const expected = padded(secret);
  if (!expected) throw new Error('A webhook secret is at most 256 bytes.');
  const expectedLength = Buffer.byteLength(secret);

  return function isWebhookSecret(candidate) {
    if (typeof candidate !== 'string') return false;
    const given = padded(candidate);
    if (!given) return false;

    const sameBytes = timingSafeEqual(given, expected);
    const sameLength = Buffer.byteLength(candidate) === expectedLength;
    return sameBytes && sameLength;
  };
}

/** The first 256 bytes of `value` then zeros, or undefined when it is longer. */
function padded(value: string): Buffer | undefined {
  if (Buffer.byteLength(value) > SECRET_WIDTH) return undefined;
  const bytes = Buffer.alloc(SECRET_WIDTH);
  bytes.write(value);
  return bytes;
}
