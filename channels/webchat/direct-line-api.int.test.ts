/**
 * The Direct Line REST API over real HTTP, in front of the real bot and PostgreSQL: tokens,
 * conversations, posting and polling activities. Every refused request is checked for its
 * status and for having stored nothing (no inbox row, no transcript entry, no conversation).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createDirectLineTokens } from './direct-line-tokens.js';
import {
  startWebchatTestApp,
  TEST_SECRET,
  type WebchatTestApp,
} from './testing/webchat-test-app.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface CallOptions {
  auth?: string;
  json?: unknown;
  /** Sent as is, with Content-Type application/json. */
  raw?: string;
  headers?: Record<string, string>;
}

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  replyToId?: string;
  suggestedActions?: { actions: Record<string, unknown>[] };
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

let testDb: TestDatabase;
let app: WebchatTestApp;
/** Added to the real clock: lets a test move time forward past a token's expiry. */
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

afterEach(() => {
  clockOffsetMs = 0;
});

async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = `Bearer ${options.auth}`;
  let body: string | undefined;
  if (options.json !== undefined || options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.raw ?? JSON.stringify(options.json);
  }
  const response = await fetch(`${app.api}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** A new person's conversation, started the way a trusted server does it. */
async function newConversation(userId?: string) {
  const generated = await call('POST', '/tokens/generate', {
    auth: TEST_SECRET,
    json: userId ? { user: { id: userId } } : {},
  });
  expect(generated.status).toBe(200);
  return generated.body as { conversationId: string; token: string; expires_in: number };
}

async function rowCounts() {
  const count = async (table: 'inbox' | 'webchat_activities' | 'webchat_conversations') => {
    const row = await testDb.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    inbox: await count('inbox'),
    activities: await count('webchat_activities'),
    conversations: await count('webchat_conversations'),
  };
}

async function activitiesOf(conversationId: string, token: string, watermark = '') {
  const answer = await call(
    'GET',
    `/conversations/${conversationId}/activities?watermark=${watermark}`,
    { auth: token },
  );
  expect(answer.status).toBe(200);
  return answer.body as { activities: Activity[]; watermark: string };
}

/** Runs a refused request and checks that it changed no table. */
async function expectRefusedWithoutSideEffects(
  expectedStatus: number,
  request: () => Promise<Answer>,
) {
  await app.settle();
  const before = await rowCounts();
  const answer = await request();
  expect(answer.status).toBe(expectedStatus);
  expect(answer.body.error).toEqual(expect.objectContaining({ code: expect.any(String) }));
  await app.settle();
  expect(await rowCounts()).toEqual(before);
  return answer;
}

describe('POST /tokens/generate', () => {
  it('starts a conversation for the named user and greets them', async () => {
    const { conversationId, token, expires_in } = await newConversation('patient-123');

    expect(conversationId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(token).toEqual(expect.any(String));
    expect(expires_in).toBe(600);
    const owner = await testDb.db
      .selectFrom('webchat_conversations')
      .select('user_id')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(owner.user_id).toBe('patient-123');

    await app.settle();
    const { activities } = await activitiesOf(conversationId, token);
    expect(activities.length).toBeGreaterThan(0);
    expect(activities[0]!.from).toEqual({ id: 'careline', name: 'CareLine', role: 'bot' });
    expect(activities.map((a) => a.text).join('\n')).toMatch(/CareLine/);
  });

  it('makes up a u_ user id when none is given', async () => {
    const { conversationId } = await newConversation();
    const owner = await testDb.db
      .selectFrom('webchat_conversations')
      .select('user_id')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(owner.user_id).toMatch(/^u_[A-Za-z0-9_-]{10,}$/);
  });

  it('refuses a missing credential with 401 and stores nothing', async () => {
    await expectRefusedWithoutSideEffects(401, () =>
      call('POST', '/tokens/generate', { json: {} }),
    );
  });

  it('refuses a wrong secret with 403 and stores nothing', async () => {
    await expectRefusedWithoutSideEffects(403, () =>
      call('POST', '/tokens/generate', { auth: `${TEST_SECRET}-wrong`, json: {} }),
    );
  });

  it('refuses a conversation token in place of the secret with 403', async () => {
    const { token } = await newConversation();
    await expectRefusedWithoutSideEffects(403, () =>
      call('POST', '/tokens/generate', { auth: token }),
    );
  });

  it('refuses user ids starting with dl_ (reserved for Direct Line) with 400', async () => {
    const answer = await expectRefusedWithoutSideEffects(400, () =>
      call('POST', '/tokens/generate', { auth: TEST_SECRET, json: { user: { id: 'dl_mallory' } } }),
    );
    expect(JSON.stringify(answer.body)).toMatch(/dl_/);
  });

  it('refuses malformed JSON with 400', async () => {
    await expectRefusedWithoutSideEffects(400, () =>
      call('POST', '/tokens/generate', { auth: TEST_SECRET, raw: '{"user": ' }),
    );
  });
});

describe('POST /tokens/refresh', () => {
  it('gives a new token for the same conversation and user', async () => {
    const { conversationId, token } = await newConversation('refresher');
    const refreshed = await call('POST', '/tokens/refresh', { auth: token });

    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(conversationId);
    expect(refreshed.body.token).not.toBe(token);
    const verify = createDirectLineTokens({ secret: TEST_SECRET, ttlSeconds: 1 });
    expect(verify.verify(String(refreshed.body.token))).toEqual(
      expect.objectContaining({
        ok: true,
        claims: expect.objectContaining({ conversationId, userId: 'refresher' }),
      }),
    );
  });

  it('refuses an expired token with 403: it cannot be refreshed after expiry', async () => {
    const { token } = await newConversation();
    clockOffsetMs = 601_000;
    const answer = await call('POST', '/tokens/refresh', { auth: token });
    expect(answer.status).toBe(403);
  });

  it('refuses a forged token with 403 and a missing one with 401', async () => {
    const { token } = await newConversation();
    expect(
      (await call('POST', '/tokens/refresh', { auth: `${token.slice(0, -2)}xx` })).status,
    ).toBe(403);
    expect((await call('POST', '/tokens/refresh')).status).toBe(401);
  });

  it('refuses the secret, which is not a conversation token, with 403', async () => {
    expect((await call('POST', '/tokens/refresh', { auth: TEST_SECRET })).status).toBe(403);
  });
});

describe('POST /conversations', () => {
  it("with a token: returns the token's conversation and its stream", async () => {
    const { conversationId, token } = await newConversation();
    const started = await call('POST', '/conversations', { auth: token, json: {} });

    const streamPath = `/v3/directline/conversations/${conversationId}/stream`;
    expect(started.status).toBe(201);
    expect(started.body).toEqual({
      conversationId,
      token: expect.any(String),
      expires_in: 600,
      streamUrl: expect.stringMatching(
        new RegExp(`^ws://127\\.0\\.0\\.1:\\d+${streamPath}\\?watermark=0&t=`),
      ),
    });
  });

  it('with the secret: starts a new conversation for a new user, who is greeted', async () => {
    const before = await rowCounts();
    const started = await call('POST', '/conversations', { auth: TEST_SECRET, json: {} });

    expect(started.status).toBe(201);
    expect((await rowCounts()).conversations).toBe(before.conversations + 1);
    await app.settle();
    const { activities } = await activitiesOf(
      String(started.body.conversationId),
      String(started.body.token),
    );
    expect(activities[0]?.from.role).toBe('bot');
  });

  it('greets in the language the client asked for', async () => {
    const started = await call('POST', '/conversations', {
      auth: TEST_SECRET,
      json: { locale: 'es-MX' },
    });
    await app.settle();
    const { activities } = await activitiesOf(
      String(started.body.conversationId),
      String(started.body.token),
    );
    expect(activities.map((a) => a.text).join('\n')).toMatch(/Hola/);
  });

  it('greets each conversation once', async () => {
    const { conversationId, token } = await newConversation();
    await call('POST', '/conversations', { auth: token, json: {} });
    await app.settle();
    const joined = await testDb.db
      .selectFrom('inbox')
      .select('id')
      .where('external_id', '=', `${conversationId}:joined`)
      .execute();
    expect(joined).toHaveLength(1);
  });

  it('refuses missing, forged and expired credentials, storing nothing', async () => {
    const { token } = await newConversation();
    await expectRefusedWithoutSideEffects(401, () => call('POST', '/conversations', { json: {} }));
    await expectRefusedWithoutSideEffects(403, () =>
      call('POST', '/conversations', { auth: 'abc.def', json: {} }),
    );
    clockOffsetMs = 601_000;
    await expectRefusedWithoutSideEffects(403, () =>
      call('POST', '/conversations', { auth: token, json: {} }),
    );
  });
});

describe('GET /conversations/:id (resume)', () => {
  it('returns a fresh token and a stream URL from the watermark', async () => {
    const { conversationId, token } = await newConversation();
    const resumed = await call('GET', `/conversations/${conversationId}?watermark=3`, {
      auth: token,
    });

    expect(resumed.status).toBe(200);
    expect(resumed.body.conversationId).toBe(conversationId);
    expect(resumed.body.expires_in).toBe(600);
    const streamUrl = new URL(String(resumed.body.streamUrl));
    expect(streamUrl.pathname).toBe(`/v3/directline/conversations/${conversationId}/stream`);
    expect(streamUrl.searchParams.get('watermark')).toBe('3');
    expect(streamUrl.searchParams.get('t')).toBe(resumed.body.token);
  });

  it('refuses a token for another conversation (403) or an unknown one (404)', async () => {
    const mine = await newConversation();
    const theirs = await newConversation();
    expect(
      (await call('GET', `/conversations/${theirs.conversationId}`, { auth: mine.token })).status,
    ).toBe(403);

    const tokens = createDirectLineTokens({ secret: TEST_SECRET, ttlSeconds: 60 });
    const ghost = tokens.issue('ghost-conversation-id', 'u_ghost').token;
    expect(
      (await call('GET', '/conversations/ghost-conversation-id', { auth: ghost })).status,
    ).toBe(404);
  });

  it('refuses a watermark that is not a number with 400', async () => {
    const { conversationId, token } = await newConversation();
    expect(
      (await call('GET', `/conversations/${conversationId}?watermark=abc`, { auth: token })).status,
    ).toBe(400);
  });
});

describe('POST /conversations/:id/activities', () => {
  it('stores the message as from the token holder, and the bot replies', async () => {
    const { conversationId, token } = await newConversation('sender-1');
    await app.settle();
    const posted = await call('POST', `/conversations/${conversationId}/activities`, {
      auth: token,
      json: {
        type: 'message',
        text: 'hello',
        from: { id: 'someone-else', name: 'Sam' },
        channelId: 'telegram',
        recipient: { id: 'not-the-bot' },
        conversation: { id: 'elsewhere' },
        locale: 'en-US',
        channelData: { clientActivityID: 'client-1', sneaky: true },
      },
    });

    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${conversationId}\\|\\d+$`)),
    });
    await app.settle();
    const { activities } = await activitiesOf(conversationId, token);
    const mine = activities.find((a) => a.id === posted.body.id)!;
    expect(mine).toEqual(
      expect.objectContaining({
        type: 'message',
        text: 'hello',
        channelId: 'webchat',
        from: { id: 'sender-1', name: 'Sam', role: 'user' },
        recipient: { id: 'careline', name: 'CareLine', role: 'bot' },
        conversation: { id: conversationId },
        locale: 'en-US',
        serviceUrl: `${app.api}`,
        timestamp: expect.any(String),
      }),
    );
    expect(mine.channelData).toEqual({
      clientActivityID: 'client-1',
      'webchat:sequence-id': expect.any(Number),
    });
    const replies = activities.filter((a) => a.replyToId === posted.body.id);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((a) => a.from.id === 'careline')).toBe(true);
  });

  it('drops a client name that is not a short string', async () => {
    const { conversationId, token } = await newConversation('sender-2');
    const posted = await call('POST', `/conversations/${conversationId}/activities`, {
      auth: token,
      json: { type: 'message', text: 'hi', from: { id: 'x', name: 'N'.repeat(500) } },
    });
    const { activities } = await activitiesOf(conversationId, token);
    expect(activities.find((a) => a.id === posted.body.id)?.from).toEqual({
      id: 'sender-2',
      role: 'user',
    });
  });

  it('normalises text to NFC and removes control characters but \\n and \\t', async () => {
    const { conversationId, token } = await newConversation();
    const posted = await call('POST', `/conversations/${conversationId}/activities`, {
      auth: token,
      json: { type: 'message', text: 'Jose\u0301\u0007 line\r\none\ttab\u0000\u009b' },
    });
    const { activities } = await activitiesOf(conversationId, token);
    expect(activities.find((a) => a.id === posted.body.id)?.text).toBe('José line\none\ttab');
  });

  it('answers a re-POST of a clientActivityID with the original id, storing nothing', async () => {
    const { conversationId, token } = await newConversation();
    const activity = {
      type: 'message',
      text: 'only once',
      channelData: { clientActivityID: 'retry-me' },
    };
    const first = await call('POST', `/conversations/${conversationId}/activities`, {
      auth: token,
      json: activity,
    });
    await app.settle();
    const before = await rowCounts();

    const again = await call('POST', `/conversations/${conversationId}/activities`, {
      auth: token,
      json: activity,
    });
    await app.settle();
    expect(again).toEqual(first);
    expect(await rowCounts()).toEqual(before);
  });

  it('stores one message when the same clientActivityID arrives twice at once', async () => {
    const { conversationId, token } = await newConversation();
    await app.settle();
    const before = await rowCounts();
    const activity = {
      type: 'message',
      text: 'twice at once',
      channelData: { clientActivityID: 'race-1' },
    };
    const path = `/conversations/${conversationId}/activities`;
    const [a, b] = await Promise.all([
      call('POST', path, { auth: token, json: activity }),
      call('POST', path, { auth: token, json: activity }),
    ]);

    expect(a.status).toBe(200);
    expect(b).toEqual(a);
    await app.settle();
    const { activities } = await activitiesOf(conversationId, token);
    expect(activities.filter((x) => x.text === 'twice at once')).toHaveLength(1);
    expect((await rowCounts()).inbox).toBe(before.inbox + 1);
  });

  it('acknowledges typing and events without storing them', async () => {
    const { conversationId, token } = await newConversation();
    for (const type of ['typing', 'event']) {
      await app.settle();
      const before = await rowCounts();
      const answer = await call('POST', `/conversations/${conversationId}/activities`, {
        auth: token,
        json: { type, name: 'webchat/join' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body.id).toEqual(expect.any(String));
      await app.settle();
      expect(await rowCounts()).toEqual(before);
    }
  });

  describe('refuses, storing nothing', () => {
    let conversationId: string;
    let token: string;
    const path = () => `/conversations/${conversationId}/activities`;

    beforeAll(async () => {
      ({ conversationId, token } = await newConversation());
    });

    it('malformed JSON: 400', async () => {
      await expectRefusedWithoutSideEffects(400, () =>
        call('POST', path(), { auth: token, raw: '{"type":"message",' }),
      );
    });

    it('a body over 256 KB: 413', async () => {
      const text = 'a'.repeat(300 * 1024);
      await expectRefusedWithoutSideEffects(413, () =>
        call('POST', path(), { auth: token, json: { type: 'message', text } }),
      );
    });

    it('a body that is not JSON: 400', async () => {
      await expectRefusedWithoutSideEffects(400, () =>
        call('POST', path(), {
          auth: token,
          raw: 'hello',
          headers: { 'content-type': 'text/plain' },
        }),
      );
    });

    it('an unknown conversation: 404', async () => {
      const tokens = createDirectLineTokens({ secret: TEST_SECRET, ttlSeconds: 60 });
      const ghost = tokens.issue('ghost-conversation-id', 'u_ghost').token;
      await expectRefusedWithoutSideEffects(404, () =>
        call('POST', '/conversations/ghost-conversation-id/activities', {
          auth: ghost,
          json: { type: 'message', text: 'hi' },
        }),
      );
    });

    it('a missing token: 401', async () => {
      await expectRefusedWithoutSideEffects(401, () =>
        call('POST', path(), { json: { type: 'message', text: 'hi' } }),
      );
    });

    it('a forged token: 403', async () => {
      const [payload] = token.split('.');
      const forged = `${payload}.${Buffer.alloc(32).toString('base64url')}`;
      await expectRefusedWithoutSideEffects(403, () =>
        call('POST', path(), { auth: forged, json: { type: 'message', text: 'hi' } }),
      );
    });

    it('an expired token: 403', async () => {
      clockOffsetMs = 601_000;
      await expectRefusedWithoutSideEffects(403, () =>
        call('POST', path(), { auth: token, json: { type: 'message', text: 'hi' } }),
      );
    });

    it("another conversation's token: 403", async () => {
      const other = await newConversation();
      await expectRefusedWithoutSideEffects(403, () =>
        call('POST', path(), { auth: other.token, json: { type: 'message', text: 'hi' } }),
      );
    });

    it('the secret: 403 (it is accepted only to start conversations)', async () => {
      await expectRefusedWithoutSideEffects(403, () =>
        call('POST', path(), { auth: TEST_SECRET, json: { type: 'message', text: 'hi' } }),
      );
    });

    it.each([
      ['an unknown type', { type: 'invoke', text: 'hi' }],
      ['no type', { text: 'hi' }],
      ['a JSON array', [{ type: 'message', text: 'hi' }]],
      ['text over 4,000 characters', { type: 'message', text: 'a'.repeat(4001) }],
      ['text that is not a string', { type: 'message', text: 42 }],
      ['no text', { type: 'message' }],
      ['only control characters', { type: 'message', text: '\u0000\u0001' }],
      [
        'an attachment',
        { type: 'message', text: 'hi', attachments: [{ contentType: 'image/png' }] },
      ],
      [
        'a bad clientActivityID',
        { type: 'message', text: 'hi', channelData: { clientActivityID: 'a b' } },
      ],
    ])('%s: 400', async (_name, json) => {
      await expectRefusedWithoutSideEffects(400, () => call('POST', path(), { auth: token, json }));
    });
  });

  it('accepts text of exactly 4,000 characters, counting emoji as one', async () => {
    const { conversationId, token } = await newConversation();
    const text = '💙'.repeat(4000);
    const answer = await call('POST', `/conversations/${conversationId}/activities`, {
      auth: token,
      json: { type: 'message', text },
    });
    expect(answer.status).toBe(200);
  });

  it('keeps a message holding a NUL or half an emoji, stored with those made safe', async () => {
    const { conversationId, token } = await newConversation();
    for (const text of ['take\u0000 it', 'half \ud83d']) {
      const answer = await call('POST', `/conversations/${conversationId}/activities`, {
        auth: token,
        json: { type: 'message', text },
      });
      expect(answer.status).toBe(200);
    }
    await app.settle();

    const { activities } = await activitiesOf(conversationId, token);
    const mine = activities.filter((a) => a.from.role === 'user').map((a) => a.text);
    expect(mine.slice(-2)).toEqual(['take it', 'half \uFFFD']);
  });
});

describe('GET /conversations/:id/activities', () => {
  it('returns what follows the watermark, and the watermark to use next', async () => {
    const { conversationId, token } = await newConversation();
    await app.settle();
    const all = await activitiesOf(conversationId, token);
    const count = all.activities.length;
    expect(count).toBeGreaterThan(0);
    expect(all.watermark).toBe(String(count));
    expect(all.activities.map((a) => a.channelData?.['webchat:sequence-id'])).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );

    const later = await activitiesOf(conversationId, token, '1');
    expect(later.activities.map((a) => a.id)).toEqual(all.activities.slice(1).map((a) => a.id));

    const none = await activitiesOf(conversationId, token, all.watermark);
    expect(none).toEqual({ activities: [], watermark: all.watermark });
  });

  it("shows the bot's buttons as messageBack actions titled for the person", async () => {
    const { conversationId, token } = await newConversation();
    await app.settle();
    const { activities } = await activitiesOf(conversationId, token);
    const actions = activities.flatMap((a) => a.suggestedActions?.actions ?? []);
    expect(actions).toContainEqual({
      type: 'messageBack',
      title: 'English',
      text: 'lang:en',
      displayText: 'English',
    });
  });

  it("never shows CareLine's own bookkeeping to the client", async () => {
    const { conversationId, token } = await newConversation();
    await app.settle();
    const { activities } = await activitiesOf(conversationId, token);
    expect(JSON.stringify(activities)).not.toMatch(/careline:/);
  });

  it('refuses a foreign token (403), no token (401) and a bad watermark (400)', async () => {
    const mine = await newConversation();
    const theirs = await newConversation();
    const path = `/conversations/${theirs.conversationId}/activities`;
    expect((await call('GET', path, { auth: mine.token })).status).toBe(403);
    expect((await call('GET', path)).status).toBe(401);
    expect((await call('GET', `${path}?watermark=-1`, { auth: theirs.token })).status).toBe(400);
  });
});
