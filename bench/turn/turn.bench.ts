/**
 * bench/turn: full CareLine turns over the Direct Line API, with the whole pipeline and
 * dialog state in PostgreSQL, against a bare botbuilder echo turn through the same adapter
 * and channel with memory storage, measured in the same run on the same PostgreSQL.
 *
 * Each system serves CONVERSATIONS concurrent conversations; each conversation sends
 * TURNS messages one after another and waits for the bot's reply over the WebSocket stream.
 * Target: the full turn reaches at least 0.3 of the echo's throughput.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startCareLine } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Db } from '../../src/storage/database.js';
import { startBenchPostgres } from '../support/bench-postgres.js';
import { openConversation, type BenchConversation } from '../support/direct-line-driver.js';
import { ms, quantile } from '../support/stats.js';
import { startEchoServer } from './echo-server.js';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 16);
const TURNS = Number(process.env.BENCH_TURNS ?? 40);
const WARMUP_TURNS = 3;
const TARGET_RATIO = 0.3;
const FULL_TURN_TEXT = 'menu';

interface Measurement {
  turnsPerSecond: number;
  p50: number;
  p99: number;
}

async function measure(url: string, secret: string, users: string[], text: string) {
  const conversations: BenchConversation[] = await Promise.all(
    users.map((user) => openConversation(url, secret, user)),
  );
  const drive = async (conversation: BenchConversation, turns: number, into: number[]) => {
    for (let i = 0; i < turns; i++) into.push(await conversation.turn(text));
  };
  await Promise.all(conversations.map((c) => drive(c, WARMUP_TURNS, [])));

  const latencies: number[] = [];
  const startedAt = performance.now();
  await Promise.all(conversations.map((c) => drive(c, TURNS, latencies)));
  const seconds = (performance.now() - startedAt) / 1000;
  conversations.forEach((c) => c.close());
  return {
    turnsPerSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  } satisfies Measurement;
}

/** People who finished onboarding, so each full turn runs the whole pipeline and a dialog. */
async function onboardPeople(db: Db, users: string[], noticeVersion: string): Promise<void> {
  for (const [index, user] of users.entries()) {
    const person = await db
      .insertInto('people')
      .values({
        locale: 'en',
        role: 'patient',
        display_name: `Bench Person ${index}`,
        time_zone: 'America/Chicago',
        onboarded_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('channel_identities')
      .values({ person_id: person.id, channel: 'webchat', external_id: user })
      .execute();
    await db
      .insertInto('consents')
      .values({
        person_id: person.id,
        kind: 'privacy_notice',
        notice_version: noticeVersion,
        decision: 'given',
      })
      .execute();
  }
}

function report(name: string, m: Measurement): void {
  const rate = m.turnsPerSecond.toFixed(1).padStart(7);
  console.log(`${name.padEnd(34)} ${rate} turns/s   p50 ${ms(m.p50)}   p99 ${ms(m.p99)}`);
}

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const secret = randomBytes(32).toString('base64url');
  const users = (label: string) =>
    Array.from({ length: CONVERSATIONS }, (_, i) => `u_bench_${label}_${i}`);
  const running: Array<{ stop(): Promise<void> }> = [];
  try {
    const echo = await startEchoServer(await postgres.createDatabase('echo'), secret);
    running.push(echo);
    const echoResult = await measure(echo.url, secret, users('echo'), 'hello');
    await running.pop()!.stop();

    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'careline-bench-'));
    await chmod(dataDir, 0o755);
    const config = loadConfig({
      DATABASE_URL: await postgres.createDatabase('full'),
      DIRECT_LINE_SECRET: secret,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      // The benchmark sends far faster than a person: rate limits are measured, never met.
      WEBCHAT_NEW_SESSIONS_PER_HOUR: '1000000',
      WEBCHAT_MESSAGES_PER_MINUTE: '1000000',
    });
    const app = await startCareLine(config);
    running.push(app);
    const fullUsers = users('full');
    await onboardPeople(app.db, fullUsers, config.PRIVACY_NOTICE_VERSION);
    const fullResult = await measure(app.url, secret, fullUsers, FULL_TURN_TEXT);
    await running.pop()!.stop();

    console.log(`bench/turn: ${CONVERSATIONS} conversations x ${TURNS} turns each, same run`);
    report('echo (memory state, same adapter)', echoResult);
    report('full CareLine turn (PostgreSQL)', fullResult);
    const ratio = fullResult.turnsPerSecond / echoResult.turnsPerSecond;
    const verdict = ratio >= TARGET_RATIO ? 'meets' : 'MISSES';
    console.log(`ratio full/echo: ${ratio.toFixed(2)} (${verdict} the target of ${TARGET_RATIO})`);
  } finally {
    // Servers first: dropping their databases under them would end in connection errors.
    for (const server of running.reverse()) await server.stop();
    await postgres.stop();
  }
}

await main();
