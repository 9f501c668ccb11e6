/**
 * CareLine's Direct Line API as the official client (`botframework-directlinejs`, the one
 * inside Web Chat) uses it, over both polling and WebSocket: a new person's conversation
 * gets the bot's greeting, the person posts a message, and the bot's reply arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  Activity as ClientActivity,
  DirectLine as DirectLineClient,
} from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import XMLHttpRequest from 'xhr2';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  startWebchatTestApp,
  TEST_SECRET,
  type WebchatTestApp,
} from './testing/webchat-test-app.js';

/** Any activity, with the fields this test reads from messages. */
type Activity = ClientActivity & { text?: string; replyToId?: string };

// The client looks for browser globals when it is loaded and when it connects.
Object.assign(globalThis, { WebSocket, XMLHttpRequest });
const { DirectLine } = await import('botframework-directlinejs');

let testDb: TestDatabase;
let app: WebchatTestApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await startWebchatTestApp(testDb.db);
});

afterAll(async () => {
  await app?.stop();
  await testDb?.drop();
});

async function generateToken(): Promise<{ token: string; conversationId: string }> {
  const response = await fetch(`${app.api}/tokens/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_SECRET}` },
  });
  return (await response.json()) as { token: string; conversationId: string };
}

/** A connected client and everything it has received. */
function connect(options: { token: string; conversationId?: string; webSocket: boolean }) {
  const client: DirectLineClient = new DirectLine({
    ...options,
    domain: app.api,
    pollingInterval: 200,
  });
  const received: Activity[] = [];
  const subscription = client.activity$.subscribe((activity) =>
    received.push(activity as Activity),
  );

  async function waitFor(predicate: (activity: Activity) => boolean): Promise<Activity> {
    for (let i = 0; i < 400; i++) {
      const found = received.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the activity did not arrive');
  }

  function post(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      client
        .postActivity({ type: 'message', from: { id: 'ignored-by-server' }, text })
        .subscribe({ next: resolve, error: reject });
    });
  }

  function end(): void {
    subscription.unsubscribe();
    client.end();
  }

  return { client, received, waitFor, post, end };
}

const fromBot = (activity: Activity) => activity.from.role === 'bot';

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('the official Direct Line client, %s', (_mode, webSocket) => {
  it("greets a new person, and answers the person's message", async () => {
    let upgrades = 0;
    const countUpgrade = () => upgrades++;
    app.server.on('upgrade', countUpgrade);
    const { token } = await generateToken();
    const session = connect({ token, webSocket });
    try {
      const greeting = await session.waitFor(fromBot);
      expect(greeting.text).toMatch(/CareLine/);

      const id = await session.post('English');
      expect(id).toMatch(/\|\d+$/);
      const echo = await session.waitFor((a) => a.id === id);
      expect(echo.from).toEqual(expect.objectContaining({ role: 'user' }));
      expect(echo.from.id).not.toBe('ignored-by-server');

      const reply = await session.waitFor((a) => fromBot(a) && a.replyToId === id);
      expect(reply.text).toEqual(expect.any(String));
      expect(upgrades > 0).toBe(webSocket);
    } finally {
      session.end();
      app.server.off('upgrade', countUpgrade);
    }
  });

  it('resumes a conversation it is given, with the earlier activities', async () => {
    const { token, conversationId } = await generateToken();
    const first = connect({ token, webSocket });
    await first.waitFor(fromBot);
    const id = await first.post('hello');
    await first.waitFor((a) => a.replyToId === id);
    first.end();

    const again = connect({ token, conversationId, webSocket });
    try {
      await again.waitFor((a) => a.id === id);
      expect(again.received.filter(fromBot).length).toBeGreaterThan(1);
    } finally {
      again.end();
    }
  });
});
