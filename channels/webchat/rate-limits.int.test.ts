/**
 * Web chat's rate limits over real HTTP: new conversations per client address per hour
 * (page sessions, tokens/generate, POST /conversations with the secret) and messages per
 * conversation per minute. A refused request answers 429 with Retry-After and stores
 * nothing; a returning browser is never refused; two apps on one database (two processes)
 * share the counts. Limits are tiny, and no test waits for a window to pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  startWebchatTestApp,
  TEST_SECRET,
  type WebchatTestApp,
} from './testing/webchat-test-app.js';

const NEW_SESSIONS_PER_HOUR = 3;
const MESSAGES_PER_MINUTE = 5;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
  cookie: string;
}

let testDb: TestDatabase;
let appA: WebchatTestApp;
let appB: WebchatTestApp;
/** Each test speaks from its own documentation address, so its counts start at zero. */
let nextAddress = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const limits = {
    newSessionsPerHour: NEW_SESSIONS_PER_HOUR,
    messagesPerMinute: MESSAGES_PER_MINUTE,
  };
  appA = await startWebchatTestApp(testDb.db, limits);
  appB = await startWebchatTestApp(testDb.db, limits);
});

afterAll(async () => {
  await appA?.stop();
  await appB?.stop();
  await testDb?.drop();
});

function newAddress(): string {
  return `203.0.113.${++nextAddress}`;
}

async function request(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
}

/** The page's session call from a browser at `address`. */
function openSession(app: WebchatTestApp, address: string, headers: Record<string, string> = {}) {
  return request(`${app.baseUrl}/api/webchat/session`, {
    method: 'POST',
    headers: { 'x-forwarded-for': address, ...headers },
  });
}

/** A trusted server at `address` starting a conversation with the secret. */
function startWithSecret(
  app: WebchatTestApp,
  address: string,
  path: '/tokens/generate' | '/conversations' = '/tokens/generate',
) {
  return request(`${app.api}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TEST_SECRET}`,
      'content-type': 'application/json',
      'x-forwarded-for': address,
    },
    body: '{}',
  });
}

function postMessage(app: WebchatTestApp, conversationId: string, token: string, text: string) {
  return request(`${app.api}/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text }),
  });
}

async function settle(): Promise<void> {
  await Promise.all([appA.settle(), appB.settle()]);
}

async function rowCounts() {
  const count = async (
    table: 'people' | 'conversations' | 'webchat_conversations' | 'webchat_activities' | 'inbox',
  ) => {
    const row = await testDb.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    people: await count('people'),
    conversations: await count('conversations'),
    webchatConversations: await count('webchat_conversations'),
    activities: await count('webchat_activities'),
    inbox: await count('inbox'),
  };
}

/** Checks a refusal: 429, a Retry-After of whole seconds within the window, the usual body. */
function expectTooManyRequests(answer: Answer, windowSeconds: number): void {
  expect(answer.status).toBe(429);
  expect(answer.retryAfter).toMatch(/^\d+$/);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(windowSeconds);
  expect(answer.body.error).toEqual({ code: 'TooManyRequests', message: expect.any(String) });
}

/** Runs `request` after settling and checks that it changed no table. */
async function expectNothingStored(request: () => Promise<Answer>): Promise<Answer> {
  await settle();
  const before = await rowCounts();
  const answer = await request();
  await settle();
  expect(await rowCounts()).toEqual(before);
  return answer;
}

describe('new conversations per client address', () => {
  it('refuses the one over the limit with 429 and Retry-After, creating no person', async () => {
    const address = newAddress();
    for (let i = 0; i < NEW_SESSIONS_PER_HOUR; i++) {
      expect((await openSession(appA, address)).status).toBe(200);
    }

    const refused = await expectNothingStored(() => openSession(appA, address));
    expectTooManyRequests(refused, 3600);
    expect(refused.cookie).toBe('');
  });

  it('keeps addresses only as keyed hashes', async () => {
    const address = newAddress();
    await openSession(appA, address);

    const { rows } = await sql<{ key: string }>`select key from rate_limits`.execute(testDb.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.key.includes('203.0.113'))).toEqual([]);
  });

  it('tells the person why, kindly, in the language of their browser', async () => {
    const address = newAddress();
    for (let i = 0; i < NEW_SESSIONS_PER_HOUR; i++) await openSession(appA, address);

    const english = await openSession(appA, address, { 'accept-language': 'en-US' });
    const spanish = await openSession(appA, address, { 'accept-language': 'es-MX' });

    expect(english.body.error).toEqual(
      expect.objectContaining({ message: expect.stringMatching(/please wait a little while/i) }),
    );
    expect(spanish.body.error).toEqual(
      expect.objectContaining({ message: expect.stringMatching(/desde tu conexión.*Espera/) }),
    );
  });

  it('never refuses a returning browser resuming its own conversation', async () => {
    const address = newAddress();
    const first = await openSession(appA, address);
    for (let i = 1; i < NEW_SESSIONS_PER_HOUR; i++) await openSession(appA, address);
    expect((await openSession(appA, address)).status).toBe(429);

    for (let i = 0; i < NEW_SESSIONS_PER_HOUR + 2; i++) {
      const resumed = await openSession(appA, address, { cookie: first.cookie });
      expect(resumed.status).toBe(200);
      expect(resumed.body.conversationId).toBe(first.body.conversationId);
    }
  });

  it('counts tokens/generate and POST /conversations with the secret in one budget', async () => {
    const address = newAddress();
    expect((await openSession(appA, address)).status).toBe(200);
    expect((await startWithSecret(appA, address, '/tokens/generate')).status).toBe(200);
    expect((await startWithSecret(appA, address, '/conversations')).status).toBe(201);

    for (const path of ['/tokens/generate', '/conversations'] as const) {
      const refused = await expectNothingStored(() => startWithSecret(appA, address, path));
      expectTooManyRequests(refused, 3600);
    }
  });

  it('counts each address apart, and each IPv6 /64 as one address', async () => {
    const [busy, other] = [newAddress(), newAddress()];
    for (let i = 0; i < NEW_SESSIONS_PER_HOUR; i++) await openSession(appA, busy);
    expect((await openSession(appA, busy)).status).toBe(429);
    expect((await openSession(appA, other)).status).toBe(200);

    const subscriber = (host: number) => `2001:db8:${nextAddress}:7::${host.toString(16)}`;
    for (let i = 0; i < NEW_SESSIONS_PER_HOUR; i++) {
      expect((await openSession(appA, subscriber(i + 1))).status).toBe(200);
    }
    expect((await openSession(appA, subscriber(0xbeef))).status).toBe(429);
    expect((await openSession(appA, `2001:db8:${nextAddress}:8::1`)).status).toBe(200);
  });

  it('shares the count between two processes on one database', async () => {
    const address = newAddress();
    expect((await openSession(appA, address)).status).toBe(200);
    expect((await openSession(appB, address)).status).toBe(200);
    expect((await startWithSecret(appA, address)).status).toBe(200);

    expectTooManyRequests(await openSession(appB, address), 3600);
    expectTooManyRequests(await startWithSecret(appB, address), 3600);
  });
});

describe('messages per conversation', () => {
  async function newConversation(app: WebchatTestApp) {
    const started = await startWithSecret(app, newAddress());
    expect(started.status).toBe(200);
    return started.body as { conversationId: string; token: string };
  }

  it('refuses the one over the limit with 429 and Retry-After, storing nothing', async () => {
    const { conversationId, token } = await newConversation(appA);
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) {
      expect((await postMessage(appA, conversationId, token, `message ${i}`)).status).toBe(200);
    }

    const refused = await expectNothingStored(() =>
      postMessage(appA, conversationId, token, 'one too many'),
    );
    expectTooManyRequests(refused, 60);
  });

  it('counts each conversation apart', async () => {
    const busy = await newConversation(appA);
    const quiet = await newConversation(appA);
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) {
      await postMessage(appA, busy.conversationId, busy.token, `message ${i}`);
    }

    expect((await postMessage(appA, busy.conversationId, busy.token, 'more')).status).toBe(429);
    expect((await postMessage(appA, quiet.conversationId, quiet.token, 'hi')).status).toBe(200);
  });

  it('shares the count between two processes on one database', async () => {
    const { conversationId, token } = await newConversation(appA);
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) {
      const app = i % 2 === 0 ? appA : appB;
      expect((await postMessage(app, conversationId, token, `message ${i}`)).status).toBe(200);
    }

    const refused = await expectNothingStored(() =>
      postMessage(appB, conversationId, token, 'one too many'),
    );
    expectTooManyRequests(refused, 60);
  });
});
