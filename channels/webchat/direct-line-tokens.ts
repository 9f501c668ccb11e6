/**
 * Direct Line tokens: opaque to the client, signed with a key derived from the Direct Line
 * secret. A token is bound to one conversation and one user and expires; it can be
 * exchanged for a fresh one only while it is still valid.
 */
import { randomBytes } from 'node:crypto';
import { constantTimeEquals, deriveKey, openEnvelope, sealEnvelope } from './signed-envelope.js';

/** Shortest secret accepted: 32 characters, as DIRECT_LINE_SECRET requires. */
export const MIN_SECRET_CHARS = 32;

/** Who and what a valid token speaks for. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Seconds since the epoch; the token is refused from this second on. */
  expiresAt: number;
}

/** A token as handed to a client. */
export interface IssuedToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/** The outcome of checking a token; `reason` is for tests and metrics, never for clients. */
export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface DirectLineTokens {
  /** Issues a token for `userId` in `conversationId`, valid for the configured lifetime. */
  issue(conversationId: string, userId: string): IssuedToken;
  /** Checks signature and expiry. */
  verify(token: string): TokenCheck;
  /** True when `candidate` is the Direct Line secret itself (compared in constant time). */
  isSecret(candidate: string): boolean;
}

export interface TokenOptions {
  secret: string;
  /** Token lifetime in seconds. */
  ttlSeconds: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/**
 * Creates the token issuer and checker.
 * @throws Error when the secret is shorter than 32 characters or the lifetime is not positive
 */
export function createDirectLineTokens(options: TokenOptions): DirectLineTokens {
  const { secret, ttlSeconds } = options;
  if (secret.length < MIN_SECRET_CHARS) {
    throw new Error(`The Direct Line secret needs at least ${MIN_SECRET_CHARS} characters.`);
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error('The Direct Line token lifetime must be a whole number of seconds above 0.');
  }

  const key = deriveKey(secret, 'direct-line-token');
  const now = options.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);

  function issue(conversationId: string, userId: string): IssuedToken {
    const iat = nowSeconds();
    const payload = {
      c: conversationId,
      u: userId,
      iat,
      exp: iat + ttlSeconds,
      n: randomBytes(9).toString('base64url'),
    };
    return { token: sealEnvelope(key, payload), expiresIn: ttlSeconds };
  }

  function verify(token: string): TokenCheck {
    const payload = openEnvelope(key, token);
    if (typeof payload === 'string') return { ok: false, reason: payload };

    const { c, u, iat, exp } = payload;
    if (typeof c !== 'string' || typeof u !== 'string') return { ok: false, reason: 'malformed' };
    if (typeof iat !== 'number' || typeof exp !== 'number')
      return { ok: false, reason: 'malformed' };
    if (nowSeconds() >= exp) return { ok: false, reason: 'expired' };

    return { ok: true, claims: { conversationId: c, userId: u, issuedAt: iat, expiresAt: exp } };
  }

  return { issue, verify, isSecret: (candidate) => constantTimeEquals(candidate, secret) };
}
