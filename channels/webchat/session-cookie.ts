/**
 * The `careline_session` cookie: which user and conversation a browser had, signed so a
 * returning browser resumes its own conversation and no one else's. It outlives tokens
 * (180 days against minutes), which is what lets a browser come back after its token expired.
 */
import { deriveKey, openEnvelope, sealEnvelope } from './signed-envelope.js';

export const SESSION_COOKIE_NAME = 'careline_session';
export const SESSION_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** What the cookie remembers. */
export interface WebchatSession {
  userId: string;
  conversationId: string;
}

export interface SessionCookies {
  /** The session in a `Cookie` header, or undefined when absent, forged, malformed or expired. */
  read(cookieHeader: string | undefined): WebchatSession | undefined;
  /** A `Set-Cookie` value holding `session` for 180 days. */
  serialize(session: WebchatSession): string;
}

export interface SessionCookieOptions {
  secret: string;
  /** Adds `Secure`; set when the page is served over https. */
  secure: boolean;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

export function createSessionCookies(options: SessionCookieOptions): SessionCookies {
  const key = deriveKey(options.secret, 'webchat-session-cookie');
  const now = options.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);

  function read(cookieHeader: string | undefined): WebchatSession | undefined {
    const value = findCookie(cookieHeader, SESSION_COOKIE_NAME);
    if (!value) return undefined;

    const payload = openEnvelope(key, value);
    if (typeof payload === 'string') return undefined;

    const { u, c, exp } = payload;
    if (typeof u !== 'string' || typeof c !== 'string' || typeof exp !== 'number') return undefined;
    if (nowSeconds() >= exp) return undefined;

    return { userId: u, conversationId: c };
  }

  function serialize(session: WebchatSession): string {
    const exp = nowSeconds() + SESSION_MAX_AGE_SECONDS;
    const value = sealEnvelope(key, { u: session.userId, c: session.conversationId, exp });
    const attributes = [
      `${SESSION_COOKIE_NAME}=${value}`,
      'Path=/',
      `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
      'HttpOnly',
      'SameSite=Strict',
    ];
    if (options.secure) attributes.push('Secure');
    return attributes.join('; ');
  }

  return { read, serialize };
}

/** The raw value of cookie `name` in a `Cookie` header. */
export function findCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;

  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
