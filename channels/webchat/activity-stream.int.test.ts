/**
 * The WebSocket activity stream: the backlog after the watermark, then each new batch as
 * it is stored; refused with close code 1008 for a missing, forged, expired or foreign
 * token; closed by the server on shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocket } from 'ws';
import { appendActivity } from '../../src/storage/webchat-transcripts.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createDirectLineTokens } from './direct-line-tokens.js';
import {
  startWebchatTestApp,
  TEST_SECRET,
  type WebchatTestApp,
} from './testing/webchat-test-app.js';

interface Batch {
  activities: { id: string; type: string; text?: string; from: { id: string } }[];
  watermark: string;
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

async function startConversation(): Promise<{
  conversationId: string;
  token: string;
  streamUrl: string;
}> {
  const response = await fetch(`${app.api}/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_SECRET}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return (await response.json()) as { conversationId: string; token: string; streamUrl: string };
}

async function post(conversationId: string, token: string, text: string): Promise<string> {
  const response = await fetch(`${app.api}/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** An open stream that collects every batch it receives. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const batches: Batch[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data) => batches.push(JSON.parse(data.toString()) as Batch));
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const activities = () => batches.flatMap((batch) => batch.activities);
  async function waitFor(predicate: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(predicate()).toBe(true);
  }
  return { ws, batches, activities, closed, waitFor };
}

function withParams(url: string, params: Record<string, string | null>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value === null) parsed.searchParams.delete(key);
    else parsed.searchParams.set(key, value);
  }
  return parsed.toString();
}

describe('activity stream', () => {
  it('sends the backlog, then each message and reply as it is stored', async () => {
    const { conversationId, token, streamUrl } = await startConversation();
    await app.settle();
    const stream = await openStream(streamUrl);
    await stream.waitFor(() => stream.activities().length > 0);
    const greeting = stream.activities().length;

    const sentId = await post(conversationId, token, 'hello there');
    await stream.waitFor(() => stream.activities().some((a) => a.id === sentId));
    await app.settle();
    await stream.waitFor(() => stream.activities().length > greeting + 1);

    const ids = stream.activities().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const seqs = ids.map((id) => Number(id.split('|')[1]));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(stream.batches.at(-1)!.watermark).toBe(String(seqs.length));
    stream.ws.close();
  });

  it('starts after the watermark it is given', async () => {
    const { conversationId, token, streamUrl } = await startConversation();
    await app.settle();
    await post(conversationId, token, 'first');
    await app.settle();

    const stream = await openStream(withParams(streamUrl, { watermark: '2' }));
    await stream.waitFor(() => stream.activities().length > 0);
    expect(Number(stream.activities()[0]!.id.split('|')[1])).toBe(3);
    stream.ws.close();
  });

  it('accepts the token in an Authorization header instead of the query', async () => {
    const { token, streamUrl } = await startConversation();
    await app.settle();
    const stream = await openStream(withParams(streamUrl, { t: null }), {
      authorization: `Bearer ${token}`,
    });
    await stream.waitFor(() => stream.activities().length > 0);
    stream.ws.close();
  });

  it('picks up activities stored without any notification, on its safety-net re-read', async () => {
    const { conversationId, streamUrl } = await startConversation();
    await app.settle();
    const rereading = await startWebchatTestApp(testDb.db, { streamPollIntervalMs: 200 });
    try {
      const wsOrigin = (baseUrl: string) => baseUrl.replace(/^http/, 'ws');
      const stream = await openStream(
        streamUrl.replace(wsOrigin(app.baseUrl), wsOrigin(rereading.baseUrl)),
      );
      await stream.waitFor(() => stream.activities().length > 0);
      const before = stream.activities().length;

      // Written straight to the table: no signal at all, as when a notification is lost.
      await appendActivity(testDb.db, conversationId, {
        type: 'message',
        text: 'from elsewhere',
        from: { id: 'careline' },
      });
      await stream.waitFor(() => stream.activities().length === before + 1);
      stream.ws.close();
    } finally {
      await rereading.stop();
    }
  });

  describe('closes with 1008', () => {
    it.each([
      ['no token', (url: string) => withParams(url, { t: null })],
      ['a forged token', (url: string) => withParams(url, { t: 'eyJjIjoiYSJ9.AAAA' })],
      ['the secret', (url: string) => withParams(url, { t: TEST_SECRET })],
      ['a bad watermark', (url: string) => withParams(url, { watermark: 'x' })],
    ])('for %s', async (_name, change) => {
      const { streamUrl } = await startConversation();
      const stream = await openStream(change(streamUrl));
      expect((await stream.closed).code).toBe(1008);
      expect(stream.batches).toEqual([]);
    });

    it("for another conversation's token", async () => {
      const mine = await startConversation();
      const theirs = await startConversation();
      const stream = await openStream(withParams(theirs.streamUrl, { t: mine.token }));
      expect((await stream.closed).code).toBe(1008);
    });

    it('for an expired token', async () => {
      const { streamUrl } = await startConversation();
      clockOffsetMs = 601_000;
      try {
        const stream = await openStream(streamUrl);
        expect((await stream.closed).code).toBe(1008);
      } finally {
        clockOffsetMs = 0;
      }
    });

    it('for an unknown conversation', async () => {
      const tokens = createDirectLineTokens({ secret: TEST_SECRET, ttlSeconds: 60 });
      const token = tokens.issue('ghost-conversation', 'u_ghost').token;
      const url = app.baseUrl.replace('http', 'ws');
      const stream = await openStream(
        `${url}/v3/directline/conversations/ghost-conversation/stream?t=${token}`,
      );
      expect((await stream.closed).code).toBe(1008);
    });
  });

  it('refuses upgrades on other paths with 404', async () => {
    const ws = new WebSocket(`${app.baseUrl.replace('http', 'ws')}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});

describe('shutdown', () => {
  it('closes open streams with 1001', async () => {
    const ownDb = await createTestDatabase();
    const own = await startWebchatTestApp(ownDb.db);
    try {
      const response = await fetch(`${own.api}/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_SECRET}` },
      });
      const { streamUrl } = (await response.json()) as { streamUrl: string };
      const ws = new WebSocket(streamUrl);
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

      await own.stop();
      expect(await closed).toBe(1001);
    } finally {
      await ownDb.drop();
    }
  });
});
