/**
 * bench/sms: MESSAGES one-segment texts, one to each of MESSAGES people, queued in the outbox
 * (PostgreSQL) and sent by CareLine's SMS channel, built by `createCareLineServer` as
 * `src/app.ts` builds it, against a fake Twilio (`fake-twilio-server.ts`) that enforces one
 * segment per second per sending number, with 429 (error 20429) beyond it.
 *
 * Baseline, in the same run: the provisioned rate, NUMBERS × 1 segment/s. Measured at the
 * fake server: segments accepted per second from the first arrival to the end of the last
 * message's segment-time (see `delivery-rate.ts`). Targets: at least 0.95 of the provisioned
 * rate, no 429, no text sent twice, none lost.
 *
 * Then segment counts: the texts of `segment-cases.ts` (GSM-7 and UCS-2 around every
 * boundary) go the same way, and CareLine's count of each part it sent is compared with the
 * fake's independent count of what it received. Target: exact on every case.
 *
 * BENCH_SMS_MESSAGES (default 1000), BENCH_SMS_NUMBERS (default 10) and
 * BENCH_SMS_TOLERANCE_MS (the fake's allowance for jitter, default 50) shorten or vary a
 * run. A full run takes about two minutes: 1,000 segments at 10 per second, then the cases.
 */
import { createCareLineServer, type CareLineServer } from '../../src/careline-server.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';
import { startBenchPostgres } from '../support/bench-postgres.js';
import { measureDeliveryRate, type DeliveryRate } from './delivery-rate.js';
import { FakeTwilioServer, type RefusedMessage } from './fake-twilio-server.js';
import { extraAttempts, outboxStatuses, waitUntilSent } from './outbox-watch.js';
import { SEGMENT_CASES } from './segment-cases.js';
import { caseKey, compareSegmentCounts, type CaseOutcome } from './segment-check.js';
import { createSmsPeople, queueTexts, type SmsPerson } from './sms-audience.js';

/** A whole number of at least `minimum` from the environment variable `name`, or `fallback`. */
function wholeNumberSetting(name: string, fallback: number, minimum: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(
      `${name} must be a whole number of at least ${minimum}; unset it or fix it.`,
    );
  }
  return value;
}

const MESSAGES = wholeNumberSetting('BENCH_SMS_MESSAGES', 1000, 1);
const NUMBERS = wholeNumberSetting('BENCH_SMS_NUMBERS', 10, 1);
const TOLERANCE_MS = wholeNumberSetting('BENCH_SMS_TOLERANCE_MS', 50, 0);
const SEGMENTS_PER_SECOND_PER_NUMBER = 1;
const TARGET_RATIO = 0.95;
/** Rows still open this long after the run should have ended are lost. */
const DEADLINE_SLACK_MS = 60_000;

const ACCOUNT_SID = `AC${'be5c4b1e'.repeat(4)}`;
const AUTH_TOKEN = 'bench-twilio-auth-token-0123456789';
/** Fictional 555 sending numbers, +1 555 010 0001 onwards. */
const SENDING_NUMBERS = Array.from({ length: NUMBERS }, (_, i) => `+1${5_550_100_001 + i}`);
const RATE_KEY_PREFIX = 'bench:sms:rate:';
const CASE_KEY_PREFIX = 'bench:sms:segments:';

interface RateRun {
  rate: DeliveryRate;
  elapsedMs: number;
  /** 429 answers: arrived early by network jitter, or booked into a slot already used. */
  refused: { jitter: number; doubleBooked: number };
  duplicates: number;
  lost: number;
  extraAttempts: number;
  outbox: Record<string, number>;
}

/** Builds CareLine's server with the SMS channel as `src/app.ts` does, Twilio faked. */
function startCareLine(db: Db, fake: FakeTwilioServer): CareLineServer {
  const logger = createLogger('silent');
  const i18n = createI18n();
  return createCareLineServer({
    db,
    logger,
    // Nothing texts in: only the outbound path is measured.
    bot: { logic: async () => undefined, personOfTurn: () => null },
    webchat: { secret: 'bench-direct-line-secret-0123456789abcdef', tokenTtlSeconds: 1800, i18n },
    sms: {
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      phoneNumbers: SENDING_NUMBERS,
      apiBaseUrl: fake.baseUrl,
      publicUrl: 'https://careline.example.org',
      segmentsPerSecondPerNumber: SEGMENTS_PER_SECOND_PER_NUMBER,
      maxSegments: 3,
      program: { program: 'CareLine', contact: 'help@careline.example.org' },
      i18n,
      defaultLocale: 'en',
    },
  });
}

/** A one-segment GSM-7 check-in; the reference makes each text unique (the fake's marker). */
function checkInText(index: number): string {
  const reference = `B${String(index).padStart(5, '0')}`;
  return `CareLine check-in ${reference}: how are you feeling today? Reply to tell us, or HELP for help.`;
}

async function runRate(
  db: Db,
  careline: CareLineServer,
  fake: FakeTwilioServer,
  people: SmsPerson[],
): Promise<RateRun> {
  const texts = people.map((person, i) => ({
    person,
    text: checkInText(i),
    idempotencyKey: `${RATE_KEY_PREFIX}${person.personId}`,
  }));
  const startedAt = performance.now();
  await queueTexts(db, texts);
  careline.signal.notifyQueued('sms');
  const expectedMs = (MESSAGES / NUMBERS / SEGMENTS_PER_SECOND_PER_NUMBER) * 1000;
  await waitUntilSent(db, RATE_KEY_PREFIX, Date.now() + 2 * expectedMs + DEADLINE_SLACK_MS);
  const elapsedMs = performance.now() - startedAt;

  const accepted = [...fake.accepted];
  const reached = new Set(accepted.map((message) => message.to));
  return {
    rate: measureDeliveryRate(accepted, SENDING_NUMBERS, fake.segmentMs),
    elapsedMs,
    refused: classifyRefusals(fake.refused, fake.segmentMs),
    duplicates: fake.duplicates,
    lost: people.filter((person) => !reached.has(person.phone)).length,
    extraAttempts: await extraAttempts(db, RATE_KEY_PREFIX),
    outbox: await outboxStatuses(db, RATE_KEY_PREFIX),
  };
}

/**
 * Sorts 429s by how early they came: by less than half a segment-time, the request before
 * took longer on the way than this one (network jitter); by more, two texts were sent in one
 * slot of the number's time.
 */
function classifyRefusals(refused: RefusedMessage[], segmentMs: number): RateRun['refused'] {
  const doubleBooked = refused.filter((refusal) => refusal.earlyMs >= segmentMs / 2).length;
  return { jitter: refused.length - doubleBooked, doubleBooked };
}

async function runSegmentCases(
  db: Db,
  careline: CareLineServer,
  fake: FakeTwilioServer,
  people: SmsPerson[],
): Promise<{ outcomes: CaseOutcome[]; refused: number }> {
  const refusedBefore = fake.refused.length;
  const texts = SEGMENT_CASES.map((segmentCase, i) => ({
    person: people[i]!,
    text: segmentCase.text,
    idempotencyKey: caseKey(CASE_KEY_PREFIX, i),
  }));
  await queueTexts(db, texts);
  careline.signal.notifyQueued('sms');
  await waitUntilSent(db, CASE_KEY_PREFIX, Date.now() + DEADLINE_SLACK_MS);
  const outcomes = await compareSegmentCounts(db, SEGMENT_CASES, CASE_KEY_PREFIX, fake.accepted);
  return { outcomes, refused: fake.refused.length - refusedBefore };
}

function verdict(name: string, value: string, meets: boolean, target: string): void {
  console.log(`${name}: ${value} (${meets ? 'meets' : 'MISSES'} the target of ${target})`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function reportRate(run: RateRun): void {
  const { rate } = run;
  const provisioned = NUMBERS * SEGMENTS_PER_SECOND_PER_NUMBER;
  const loads = rate.perNumber.map((use) => use.segments);
  const utilizations = rate.perNumber.map((use) => use.utilization);
  const outbox = Object.entries(run.outbox)
    .map(([status, rows]) => `${rows} ${status}`)
    .join(', ');
  console.log(
    `bench/sms: ${MESSAGES} texts to ${MESSAGES} people from ${NUMBERS} numbers, fake Twilio ` +
      `enforcing ${SEGMENTS_PER_SECOND_PER_NUMBER} segment/s per number, same run`,
  );
  console.log(`messages accepted      ${rate.messages} (${rate.segments} segments)`);
  console.log(`elapsed                ${seconds(run.elapsedMs)} (queued to all sent)`);
  console.log(`first to last arrival  ${seconds(rate.firstToLastMs)} at the fake`);
  console.log(
    `measured window        ${seconds(rate.windowMs)} (to the end of the last segment's second)`,
  );
  console.log(
    `delivered              ${rate.segmentsPerSecond.toFixed(2)} segments/s (provisioned ${provisioned}/s)`,
  );
  console.log(
    `segments per number    min ${Math.min(...loads)}, max ${Math.max(...loads)}, mean ${(rate.segments / NUMBERS).toFixed(1)}`,
  );
  console.log(
    `number utilization     min ${Math.min(...utilizations).toFixed(3)}, max ${Math.max(...utilizations).toFixed(3)} (over each number's own window)`,
  );
  console.log(
    `balance bound          ${rate.balanceBound.toFixed(3)} (best ratio the sticky numbers allow these recipients)`,
  );
  console.log(`extra outbox claims    ${run.extraAttempts} (pacing hand-backs and retries)`);
  console.log(`outbox rows            ${outbox}`);
  verdict(
    'ratio delivered/provisioned',
    rate.ratio.toFixed(3),
    rate.ratio >= TARGET_RATIO,
    String(TARGET_RATIO),
  );
  const { jitter, doubleBooked } = run.refused;
  const refused = jitter + doubleBooked;
  verdict('429 answers', String(refused), refused === 0, '0');
  console.log(
    `  ${jitter} early by under half a second (arrival jitter, beyond the fake's ${TOLERANCE_MS} ms)`,
  );
  console.log(
    `  ${doubleBooked} early by half a second or more (two texts in one slot of a number)`,
  );
  verdict('duplicates (texts sent twice)', String(run.duplicates), run.duplicates === 0, '0');
  verdict('lost (texts never accepted)', String(run.lost), run.lost === 0, '0');
}

function reportSegments(outcomes: CaseOutcome[], refused: number): void {
  console.log('');
  console.log(`segment counts: CareLine's countSegments vs the fake's own count, per part sent`);
  for (const o of outcomes) {
    const mark = o.exact ? (o.asExpected ? 'ok' : 'ok, NOT as worked by hand') : 'DIFFERENT';
    const encodings = [...new Set(o.encodings)].join('/');
    console.log(
      `  ${o.name.padEnd(44)} ${encodings.padEnd(6)} ours ${o.ours.join('+').padEnd(4)} ` +
        `fake ${o.fake.join('+').padEnd(4)} by hand ${o.expected.join('+').padEnd(4)} ${mark}`,
    );
  }
  const exact = outcomes.filter((o) => o.exact).length;
  const asExpected = outcomes.filter((o) => o.asExpected).length;
  const n = outcomes.length;
  verdict('segment counts exact', `${exact}/${n}`, exact === n, `${n}/${n}`);
  verdict('hand-worked expectations met', `${asExpected}/${n}`, asExpected === n, `${n}/${n}`);
  verdict('429 answers while sending the cases', String(refused), refused === 0, '0');
}

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const fake = await FakeTwilioServer.start({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    segmentsPerSecond: SEGMENTS_PER_SECOND_PER_NUMBER,
    toleranceMs: TOLERANCE_MS,
  });
  const db = openDatabase(await postgres.createDatabase('sms'));
  const careline = startCareLine(db, fake);
  try {
    await migrate(db);
    const people = await createSmsPeople(db, MESSAGES);
    const casePeople = await createSmsPeople(db, SEGMENT_CASES.length, MESSAGES);
    await careline.listen(0, '127.0.0.1');

    reportRate(await runRate(db, careline, fake, people));
    const segments = await runSegmentCases(db, careline, fake, casePeople);
    reportSegments(segments.outcomes, segments.refused);
  } finally {
    // CareLine and the fake first: dropping the database under them would end in errors.
    await careline.close(10_000);
    await fake.stop();
    await db.destroy();
    await postgres.stop();
  }
}

await main();
