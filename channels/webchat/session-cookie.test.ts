/**
 * The session cookie: signed, bound to one user and conversation, expiring after 180 days,
 * HttpOnly and SameSite=Strict, and Secure when CareLine is served over https.
 */
import { describe, expect, it } from '@jest/globals';
import { createSessionCookies, findCookie, SESSION_MAX_AGE_SECONDS } from './session-cookie.js';

const SECRET = 'cookie-test-secret-0123456789-abcdefghij';
const SESSION = { userId: 'u_abc', conversationId: 'conv-1' };

function cookieHeaderOf(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

describe('session cookie', () => {
  it('reads back what it wrote', () => {
    const cookies = createSessionCookies({ secret: SECRET, secure: false });
    const header = `theme=dark; ${cookieHeaderOf(cookies.serialize(SESSION))}; other=1`;
    expect(cookies.read(header)).toEqual(SESSION);
  });

  it('is HttpOnly, SameSite=Strict, for the whole site, for 180 days', () => {
    const setCookie = createSessionCookies({ secret: SECRET, secure: false }).serialize(SESSION);
    expect(setCookie).toMatch(
      /^careline_session=[\w-]+\.[\w-]+; Path=\/; Max-Age=15552000; HttpOnly; SameSite=Strict$/,
    );
  });

  it('is Secure when served over https', () => {
    const setCookie = createSessionCookies({ secret: SECRET, secure: true }).serialize(SESSION);
    expect(setCookie).toMatch(/; Secure$/);
  });

  it('is refused once 180 days have passed', () => {
    const clock = { ms: Date.UTC(2026, 0, 1) };
    const cookies = createSessionCookies({ secret: SECRET, secure: false, now: () => clock.ms });
    const header = cookieHeaderOf(cookies.serialize(SESSION));

    clock.ms += SESSION_MAX_AGE_SECONDS * 1000 - 1000;
    expect(cookies.read(header)).toEqual(SESSION);
    clock.ms += 1000;
    expect(cookies.read(header)).toBeUndefined();
  });

  it('is refused when signed with another secret or tampered with', () => {
    const mine = createSessionCookies({ secret: SECRET, secure: false });
    const theirs = createSessionCookies({ secret: `${SECRET}-other`, secure: false });
    const header = cookieHeaderOf(theirs.serialize(SESSION));
    expect(mine.read(header)).toBeUndefined();

    const [name, value] = cookieHeaderOf(mine.serialize(SESSION)).split('=');
    const [payload, signature] = value!.split('.');
    const swapped = Buffer.from(JSON.stringify({ u: 'u_other', c: 'conv-2', exp: 9e9 })).toString(
      'base64url',
    );
    expect(mine.read(`${name}=${swapped}.${signature}`)).toBeUndefined();
    expect(mine.read(`${name}=${payload}`)).toBeUndefined();
  });

  it('is absent when there is no cookie header or no such cookie', () => {
    const cookies = createSessionCookies({ secret: SECRET, secure: false });
    expect(cookies.read(undefined)).toBeUndefined();
    expect(cookies.read('a=1; b=2')).toBeUndefined();
  });
});

describe('findCookie', () => {
  it('finds a cookie by exact name', () => {
    expect(findCookie('x_careline_session=1; careline_session=2', 'careline_session')).toBe('2');
    expect(findCookie('novalue; careline_session=3', 'careline_session')).toBe('3');
  });
});
