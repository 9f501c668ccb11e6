/**
 * The page at `/`, its files, and the session endpoint it calls: language from
 * Accept-Language, security headers, the bundled Web Chat served compressed and cacheable,
 * and the session cookie that lets a returning browser resume its own conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { SESSION_COOKIE_NAME } from './session-cookie.js';
import { startWebchatTestApp, type WebchatTestApp } from './testing/webchat-test-app.js';

interface Session {
  token: string;
  conversationId: string;
  domain: string;
  locale: string;
}

let testDb: TestDatabase;
let app: WebchatTestApp;
let clockOffsetMs = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await startWebchatTestApp(testDb.db, {
    tokenTtlSeconds: 600,
    now: () => Date.now() + clockOffsetMs,
  });
});

afterAll(async () => {
  await app?.stop();
  await testDb?.drop();
});

async function openSession(headers: Record<string, string> = {}) {
  const response = await fetch(`${app.baseUrl}/api/webchat/session`, { method: 'POST', headers });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  return { session: (await response.json()) as Session, setCookie, cookie, response };
}

async function greetingOf(session: Session): Promise<string> {
  await app.settle();
  const response = await fetch(`${app.api}/conversations/${session.conversationId}/activities`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  const { activities } = (await response.json()) as { activities: { text?: string }[] };
  return activities.map((a) => a.text ?? '').join('\n');
}

describe('GET /', () => {
  it('serves the page in English by default, with the disclaimer', async () => {
    const response = await fetch(`${app.baseUrl}/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<title>CareLine chat</title>');
    expect(html).toContain(
      'CareLine is an automated assistant, not a clinician. In an emergency call 911.',
    );
    expect(html).toContain('<script src="/webchat/webchat.js" defer></script>');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/https?:\/\/(?!127)/);
  });

  it('speaks Spanish to a browser that prefers it', async () => {
    const response = await fetch(`${app.baseUrl}/`, {
      headers: { 'accept-language': 'fr-FR, es-MX;q=0.9, en;q=0.5' },
    });
    const html = await response.text();

    expect(html).toMatch(/<html lang="es">/);
    expect(html).toContain('Habla con CareLine');
    expect(html).toContain('llama al 911');
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const response = await fetch(`${app.baseUrl}/`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];

    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(nonce).toBeDefined();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('uses a new style nonce for every page', async () => {
    const nonceOf = async () =>
      /'nonce-([^']+)'/.exec(
        (await fetch(`${app.baseUrl}/`)).headers.get('content-security-policy') ?? '',
      )?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
  });
});

describe('page files', () => {
  it('serves the Web Chat bundle compressed and cacheable', async () => {
    const response = await fetch(`${app.baseUrl}/webchat/webchat.js`, {
      headers: { 'accept-encoding': 'br' },
    });
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body).toContain('renderWebChat');
  });

  it('answers 304 when the browser already has the current bundle', async () => {
    const first = await fetch(`${app.baseUrl}/webchat/webchat.js`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    // fetch() would add "Cache-Control: no-cache" to a conditional request, as browsers'
    // reload does; a plain revisit revalidates with max-age=0.
    const again = await fetch(`${app.baseUrl}/webchat/webchat.js`, {
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('serves gzip to browsers without Brotli, and plain text to those with neither', async () => {
    const gzip = await fetch(`${app.baseUrl}/webchat/page.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toContain('/api/webchat/session');

    const plain = await fetch(`${app.baseUrl}/webchat/page.css`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-type')).toMatch(/^text\/css/);
  });
});

describe('POST /api/webchat/session', () => {
  it('gives a new browser a conversation, a token and a strict HttpOnly cookie', async () => {
    const { session, setCookie } = await openSession();

    expect(session).toEqual({
      token: expect.any(String),
      conversationId: expect.any(String),
      domain: `${app.baseUrl}/v3/directline`,
      locale: 'en',
    });
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Max-Age=15552000/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    expect(await greetingOf(session)).toMatch(/I'm CareLine/);
  });

  it('resumes the same conversation for a returning browser, with a fresh token', async () => {
    const first = await openSession();
    const again = await openSession({ cookie: first.cookie });

    expect(again.session.conversationId).toBe(first.session.conversationId);
    expect(again.session.token).not.toBe(first.session.token);
    expect(again.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
  });

  it('resumes it even after the old token expired', async () => {
    const first = await openSession();
    clockOffsetMs = 3 * 24 * 60 * 60 * 1000;
    try {
      const again = await openSession({ cookie: first.cookie });
      expect(again.session.conversationId).toBe(first.session.conversationId);
      const response = await fetch(
        `${app.api}/conversations/${again.session.conversationId}/activities`,
        {
          headers: { authorization: `Bearer ${again.session.token}` },
        },
      );
      expect(response.status).toBe(200);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('starts over for a forged or tampered cookie', async () => {
    const first = await openSession();
    const tampered = `${first.cookie.slice(0, -3)}abc`;
    const again = await openSession({ cookie: tampered });
    expect(again.session.conversationId).not.toBe(first.session.conversationId);
  });

  it('greets a Spanish-speaking browser in Spanish', async () => {
    const { session } = await openSession({ 'accept-language': 'es-ES,es;q=0.9' });
    expect(session.locale).toBe('es');
    expect(await greetingOf(session)).toMatch(/Hola/);
  });

  it('never lets the response be cached', async () => {
    const { response } = await openSession();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
