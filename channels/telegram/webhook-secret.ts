/**
 * The secret Telegram sends with every webhook call (`X-Telegram-Bot-Api-Secret-Token`),
 * and its check. Without TELEGRAM_WEBHOOK_SECRET the secret is derived from the bot token,
 * so it is the same after every restart and in every process, and Telegram's registered
 * webhook keeps working.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The header Telegram carries the secret in (express lower-cases header names). */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** What Telegram accepts as a secret_token. */
export const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const DERIVATION_LABEL = 'careline:telegram-webhook-secret:v1';

/** A 43-character secret from the token (HMAC-SHA256, base64url: only A-Z a-z 0-9 _ -). */
export function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update(DERIVATION_LABEL).digest('base64url');
}

/**
 * The check of a header against `secret`, in constant time whatever the lengths: both sides
 * are hashed first (the secret once, here), so the time taken tells nothing about how much
 * of a guess was right.
 */
export function createSecretCheck(secret: string): (candidate: string | undefined) => boolean {
  const expected = sha256(secret);
  return function isWebhookSecret(candidate) {
    return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), expected);
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
