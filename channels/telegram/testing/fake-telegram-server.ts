/**
 * For tests and benchmarks only: a small Telegram Bot API server on 127.0.0.1, spoken to by
 * grammY through `apiRoot`. It implements the methods CareLine calls (getMe, setWebhook,
 * deleteWebhook, getUpdates with long polling, sendMessage, answerCallbackQuery) with the
 * Bot API's JSON shapes, records every call, and can be told to fail: 429 with
 * `retry_after`, 5xx, 403 "Forbidden: bot was blocked by the user", or anything else. It can
 * also enforce a messages-per-second limit the way Telegram does, answering 429 beyond it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

export const FAKE_BOT_TOKEN = '123456789:TEST-token_for-the-fake-server';
export const FAKE_BOT_ID = 123456789;

/** One call the server answered, successful or not. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** A Bot API error answer: `{ ok: false, error_code, description, parameters }`. */
export interface FakeFailure {
  error_code: number;
  description: string;
  retry_after?: number;
}

export const BLOCKED_BY_USER: FakeFailure = {
  error_code: 403,
  description: 'Forbidden: bot was blocked by the user',
};
export const SERVER_ERROR: FakeFailure = {
  error_code: 502,
  description: 'Bad Gateway',
};
export const tooManyRequests = (retryAfterSeconds: number): FakeFailure => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfterSeconds}`,
  retry_after: retryAfterSeconds,
});

export interface FakeTelegramOptions {
  token?: string;
  /** Answer sendMessage with 429 (retry_after 1) beyond this many per rolling second. */
  messagesPerSecond?: number;
}

interface ScriptedFailure {
  method: string;
  chatId?: string;
  /** Matching calls still to answer normally before this failure applies. */
  skip: number;
  failure: FakeFailure;
}

interface WaitingPoll {
  offset: number;
  respond: (updates: Update[]) => void;
}

type ApiAnswer = { status: number; body: Record<string, unknown> };

/** The fake server; `start` it, point grammY's apiRoot at `apiRoot`, `stop` it after. */
export class FakeTelegramServer {
  readonly calls: RecordedCall[] = [];
  /** The webhook setWebhook registered (undefined after deleteWebhook). */
  webhook: Record<string, unknown> | undefined;
  /** sendMessage calls refused by the messagesPerSecond limit. */
  rateLimitedCount = 0;
  private readonly failures: ScriptedFailure[] = [];
  private readonly updates: Update[] = [];
  private readonly polls = new Set<WaitingPoll>();
  private readonly sendTimes: number[] = [];
  private nextMessageId = 1;
  private readonly server: http.Server;
  private readonly token: string;

  private constructor(private readonly options: FakeTelegramOptions) {
    this.token = options.token ?? FAKE_BOT_TOKEN;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  /** Starts on 127.0.0.1 on a free port. */
  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegramServer> {
    const fake = new FakeTelegramServer(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** For grammY's `apiRoot`: `http://127.0.0.1:<port>`. */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The recorded calls of one method, in arrival order. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Successful and failed sendMessage calls to `chatId` (or all), in order. */
  messagesTo(chatId?: string | number): RecordedCall[] {
    return this.callsTo('sendMessage').filter(
      (call) => chatId === undefined || String(call.params.chat_id) === String(chatId),
    );
  }

  /**
   * Answers the next `times` calls of `method` (to `chatId`, when given) with `failure`,
   * after letting `skip` matching calls through.
   */
  failNext(
    method: string,
    failure: FakeFailure,
    options: { chatId?: string; times?: number; skip?: number } = {},
  ): void {
    for (let i = 0; i < (options.times ?? 1); i++) {
      this.failures.push({ method, chatId: options.chatId, skip: options.skip ?? 0, failure });
    }
  }

  /** Queues an update for getUpdates (and wakes a waiting long poll). */
  pushUpdate(update: Update): void {
    this.updates.push(update);
    for (const poll of this.polls) this.answerPoll(poll);
  }

  /** Resolves once `method` was called `count` times; rejects after `timeoutMs`. */
  async waitForCalls(method: string, count: number, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} ${method} calls, saw ${this.callsTo(method).length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.callsTo(method);
  }

  /** Answers waiting long polls and closes every connection. */
  async stop(): Promise<void> {
    for (const poll of this.polls) poll.respond([]);
    this.polls.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const params = await readParams(req);
    const reply = (answer: ApiAnswer) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    };
    if (!match || match[1] !== this.token) {
      reply(failureAnswer({ error_code: 401, description: 'Unauthorized' }));
      return;
    }
    const method = match[2]!;
    this.calls.push({ method, params, at: Date.now() });
    const scripted = this.takeFailure(method, params);
    if (scripted) {
      reply(failureAnswer(scripted));
      return;
    }
    if (method === 'getUpdates') {
      this.longPoll(params, (updates) => reply(success(updates)));
      return;
    }
    reply(this.answer(method, params));
  }

  private takeFailure(method: string, params: Record<string, unknown>): FakeFailure | undefined {
    const index = this.failures.findIndex(
      (f) => f.method === method && (f.chatId === undefined || f.chatId === String(params.chat_id)),
    );
    const scripted = this.failures[index];
    if (scripted && scripted.skip > 0) scripted.skip--;
    else if (scripted) return this.failures.splice(index, 1)[0]!.failure;
    if (method === 'sendMessage' && this.overLimit()) {
      this.rateLimitedCount++;
      return tooManyRequests(1);
    }
    return undefined;
  }

  /** Telegram-like flood control: more than the limit within the last second is refused. */
  private overLimit(): boolean {
    const limit = this.options.messagesPerSecond;
    if (!limit) return false;

    const now = Date.now();
    while (this.sendTimes.length > 0 && this.sendTimes[0]! <= now - 1000) this.sendTimes.shift();
    if (this.sendTimes.length >= limit) return true;
    this.sendTimes.push(now);
    return false;
  }

  private answer(method: string, params: Record<string, unknown>): ApiAnswer {
    switch (method) {
      case 'getMe':
        return success({
          id: FAKE_BOT_ID,
          is_bot: true,
          first_name: 'CareLine',
          username: 'CareLineTestBot',
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case 'setWebhook':
        this.webhook = params;
        return success(true);
      case 'deleteWebhook':
        this.webhook = undefined;
        return success(true);
      case 'answerCallbackQuery':
        return success(true);
      case 'sendMessage':
        return success(this.sentMessage(params));
      default:
        return failureAnswer({ error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private sentMessage(params: Record<string, unknown>): Record<string, unknown> {
    const chatId = Number(params.chat_id);
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Test' },
      from: { id: FAKE_BOT_ID, is_bot: true, first_name: 'CareLine', username: 'CareLineTestBot' },
      text: params.text,
      ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
    };
  }

  private longPoll(params: Record<string, unknown>, respond: (updates: Update[]) => void): void {
    const offset = Number(params.offset ?? 0);
    // Updates before the offset are confirmed: Telegram forgets them.
    while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
    const poll: WaitingPoll = { offset, respond };
    if (this.answerPoll(poll)) return;

    const seconds = Math.min(Number(params.timeout ?? 0), 50);
    const timer = setTimeout(() => {
      this.polls.delete(poll);
      respond([]);
    }, seconds * 1000);
    poll.respond = (updates) => {
      clearTimeout(timer);
      this.polls.delete(poll);
      respond(updates);
    };
    this.polls.add(poll);
  }

  private answerPoll(poll: WaitingPoll): boolean {
    const ready = this.updates.filter((update) => update.update_id >= poll.offset);
    if (ready.length === 0) return false;

    poll.respond(ready.slice(0, 100));
    return true;
  }
}

function success(result: unknown): ApiAnswer {
  return { status: 200, body: { ok: true, result } };
}

function failureAnswer(failure: FakeFailure): ApiAnswer {
  const parameters = failure.retry_after === undefined ? {} : { retry_after: failure.retry_after };
  return {
    status: failure.error_code,
    body: {
      ok: false,
      error_code: failure.error_code,
      description: failure.description,
      ...(failure.retry_after === undefined ? {} : { parameters }),
    },
  };
}

async function readParams(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);

  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(body);
  return Object.fromEntries(new URLSearchParams(body));
}
