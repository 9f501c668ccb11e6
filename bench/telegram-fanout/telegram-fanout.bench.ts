/**
 * bench/telegram-fanout: one proactive message to each of MESSAGES Telegram chats, queued in
 * the outbox (PostgreSQL) and drained by the real OutboxDispatcher and Telegram sender
 * (throttle on its defaults) against the fake Bot API server enforcing LIMIT_PER_SECOND
 * messages per rolling second, as Telegram does, with 429 and retry_after beyond it.
 *
 * Measured at the fake server: the time from the first to the last accepted sendMessage and
 * the delivery rate over it, against the limit. Targets: at least 0.9 of the limit, no 429
 * after the first, and every chat receives its message exactly once.
 */
import type { Api } from 'grammy';
import { SendThrottle } from '../../channels/telegram/send-throttle.js';
import { botIdOf, createTelegramApi } from '../../channels/telegram/telegram-api.js';
import { createTelegramSender } from '../../channels/telegram/telegram-sender.js';
import {
  FAKE_BOT_TOKEN,
  FakeTelegramServer,
} from '../../channels/telegram/testing/fake-telegram-server.js';
import { createLogger } from '../../src/logging/logger.js';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';
import { startBenchPostgres } from '../support/bench-postgres.js';
import { createTelegramPeople, queueOneMessageEach } from './fanout-audience.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const LIMIT_PER_SECOND = 30;
const TARGET_RATIO = 0.9;
/** 1,000 messages take about 35 s at the sender's pace; rows still open after this are lost. */
const DELIVERY_DEADLINE_MS = 50_000;
const DRAIN_POLL_MS = 200;

/** What the fake server answered one sendMessage: 200, an error code, or no answer. */
interface SendOutcome {
  chatId: string;
  status: number | 'network';
}

/** One sendMessage as the fake server saw it: arrival time and answer. */
interface AnsweredSend extends SendOutcome {
  at: number;
}

interface FanoutResult {
  delivered: number;
  spanMs: number;
  perSecond: number;
  /** Most messages accepted within one rolling second. */
  busiestSecond: number;
  rateLimited: number;
  /** Milliseconds from the first send to the first 429. */
  firstRateLimitMs: number | undefined;
  duplicates: number;
  lost: number;
  outbox: Record<string, number>;
}

/** Records the answer to every sendMessage `api` makes, in the order the answers arrive. */
function recordSendOutcomes(api: Api): SendOutcome[] {
  const outcomes: SendOutcome[] = [];
  api.config.use(async (prev, method, payload, signal) => {
    if (method !== 'sendMessage') return prev(method, payload, signal);

    const chatId = String((payload as { chat_id: unknown }).chat_id);
    try {
      const answer = await prev(method, payload, signal);
      outcomes.push({ chatId, status: answer.ok ? 200 : answer.error_code });
      return answer;
    } catch (error) {
      outcomes.push({ chatId, status: 'network' });
      throw error;
    }
  });
  return outcomes;
}

/**
 * Pairs the fake server's recorded sendMessage calls with their answers. A chat's sends go
 * one at a time (the throttle's per-chat queue), so its nth call is its nth answer.
 */
function answeredSends(fake: FakeTelegramServer, outcomes: SendOutcome[]): AnsweredSend[] {
  const byChat = new Map<string, SendOutcome[]>();
  for (const outcome of outcomes) {
    byChat.set(outcome.chatId, [...(byChat.get(outcome.chatId) ?? []), outcome]);
  }
  return fake.callsTo('sendMessage').map((call) => {
    const chatId = String(call.params.chat_id);
    const outcome = byChat.get(chatId)?.shift();
    if (!outcome) throw new Error(`the fake server saw a sendMessage to ${chatId} never answered`);
    return { ...outcome, at: call.at };
  });
}

/** Most timestamps (sorted, ms) within any second, counted the way the fake server does. */
function busiestSecond(times: number[]): number {
  let busiest = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[start]! <= times[end]! - 1000) start++;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}

function analyse(
  sends: AnsweredSend[],
  chatIds: string[],
  outbox: Record<string, number>,
): FanoutResult {
  const accepted = sends.filter((send) => send.status === 200);
  const times = accepted.map((send) => send.at).sort((a, b) => a - b);
  const spanMs = times.length > 1 ? times.at(-1)! - times[0]! : 0;
  const perChat = new Map<string, number>();
  for (const { chatId } of accepted) perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
  const refused = sends.filter((send) => send.status === 429);
  const firstSendAt = sends[0]?.at ?? 0;
  return {
    delivered: accepted.length,
    spanMs,
    // n messages span n - 1 intervals.
    perSecond: spanMs > 0 ? ((times.length - 1) * 1000) / spanMs : 0,
    busiestSecond: busiestSecond(times),
    rateLimited: refused.length,
    firstRateLimitMs: refused[0] && refused[0].at - firstSendAt,
    duplicates: [...perChat.values()].filter((count) => count > 1).length,
    lost: chatIds.filter((chatId) => !perChat.has(chatId)).length,
    outbox,
  };
}

/** Waits until no outbox row is pending or being sent, or until `deadline` (epoch ms). */
async function waitUntilDrained(db: Db, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const open = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('rows'))
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow();
    if (Number(open.rows) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
}

async function outboxStatuses(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<string>().as('rows')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.rows)]));
}

function verdict(name: string, value: string, meets: boolean, target: string): void {
  console.log(`${name}: ${value} (${meets ? 'meets' : 'MISSES'} the target of ${target})`);
}

function report(r: FanoutResult): void {
  const seconds = (r.spanMs / 1000).toFixed(2);
  const firstAt =
    r.firstRateLimitMs === undefined
      ? ''
      : `, first at +${(r.firstRateLimitMs / 1000).toFixed(2)} s`;
  const outbox = Object.entries(r.outbox)
    .map(([status, rows]) => `${rows} ${status}`)
    .join(', ');
  console.log(
    `bench/telegram-fanout: ${MESSAGES} messages to ${MESSAGES} chats, fake Bot API ` +
      `enforcing ${LIMIT_PER_SECOND}/s, same run`,
  );
  console.log(`accepted sendMessage   ${r.delivered} in ${seconds} s (first to last, at the fake)`);
  console.log(
    `delivery rate          ${r.perSecond.toFixed(2)} msg/s (limit ${LIMIT_PER_SECOND}/s)`,
  );
  console.log(`busiest rolling second ${r.busiestSecond} messages`);
  console.log(`429 answers            ${r.rateLimited}${firstAt}`);
  console.log(`outbox rows            ${outbox}`);
  const ratio = r.perSecond / LIMIT_PER_SECOND;
  verdict('ratio rate/limit', ratio.toFixed(2), ratio >= TARGET_RATIO, String(TARGET_RATIO));
  const after = Math.max(0, r.rateLimited - 1);
  verdict('429s after the first', String(after), after === 0, '0');
  verdict('duplicates (chats sent to twice)', String(r.duplicates), r.duplicates === 0, '0');
  const lostName = `lost (chats not sent to within ${DELIVERY_DEADLINE_MS / 1000} s)`;
  verdict(lostName, String(r.lost), r.lost === 0, '0');
}

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const fake = await FakeTelegramServer.start({ messagesPerSecond: LIMIT_PER_SECOND });
  const databaseUrl = await postgres.createDatabase('telegram_fanout');
  const db = openDatabase(databaseUrl);
  const logger = createLogger('silent');
  const api = createTelegramApi(FAKE_BOT_TOKEN, fake.apiRoot);
  const outcomes = recordSendOutcomes(api);
  // Built as createTelegramChannel builds it when TELEGRAM_MESSAGES_PER_SECOND(_PER_CHAT)
  // are unset, and drained as createCareLineServer drains it (dispatcher defaults).
  const sender = createTelegramSender({ db, api, throttle: new SendThrottle(), logger });
  const signal = new OutboxSignal();
  const exclusive = { connectionString: databaseUrl };
  const dispatcher = new OutboxDispatcher({ db, sender, signal, logger, exclusive });
  try {
    await migrate(db);
    const bot = { id: botIdOf(FAKE_BOT_TOKEN), apiRoot: fake.apiRoot };
    const people = await createTelegramPeople(db, MESSAGES, bot);
    dispatcher.start();
    await queueOneMessageEach(db, people);
    signal.notifyQueued('telegram');
    await waitUntilDrained(db, Date.now() + DELIVERY_DEADLINE_MS);
    await dispatcher.stop();

    const sends = answeredSends(fake, outcomes);
    const chatIds = people.map((person) => person.chatId);
    report(analyse(sends, chatIds, await outboxStatuses(db)));
  } finally {
    // Dispatcher and fake first: dropping the database under them would end in errors.
    await dispatcher.stop();
    await fake.stop();
    await db.destroy();
    await postgres.stop();
  }
}

await main();
