/**
 * A small signed envelope: `base64url(JSON) + '.' + base64url(HMAC-SHA256)`. Direct Line
 * tokens and the session cookie both use it, each with its own key derived from the secret,
 * so one can never be passed off as the other.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longest envelope we read; anything longer is rejected before any work is done. */
const MAX_ENVELOPE_CHARS = 2048;

/** Why an envelope could not be opened. */
export type EnvelopeFailure = 'malformed' | 'forged';

/** Derives a key for one purpose from the shared secret. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`careline:${purpose}`).digest();
}

/** Serialises and signs `payload`. */
export function sealEnvelope(key: Buffer, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(key, body).toString('base64url')}`;
}

/**
 * Checks the signature in constant time and returns the payload, or why it was refused.
 * The payload's fields are not checked here: callers validate their own shape.
 */
export function openEnvelope(
  key: Buffer,
  envelope: string,
): Record<string, unknown> | EnvelopeFailure {
  if (envelope.length > MAX_ENVELOPE_CHARS) return 'malformed';

  const [body, signature, extra] = envelope.split('.');
  if (!body || !signature || extra !== undefined) return 'malformed';

  const given = Buffer.from(signature, 'base64url');
  const expected = sign(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';

  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return isRecord(payload) ? payload : 'malformed';
  } catch {
    return 'malformed';
  }
}

/** True when both strings are equal, taking the same time wherever they differ. */
export function constantTimeEquals(a: string, b: string): boolean {
  // Comparing fixed-length digests hides the length of the secret as well as its content.
  const key = Buffer.alloc(32);
  const digestA = createHmac('sha256', key).update(a).digest();
  const digestB = createHmac('sha256', key).update(b).digest();
  return timingSafeEqual(digestA, digestB);
}

function sign(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
