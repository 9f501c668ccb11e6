/**
 * Exclusive outbox dispatch between "processes": each has its own pool, wake-up signal and
 * lease connection, all on one test database, as separate CareLine processes would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createLogger } from '../logging/logger.js';
import { openDatabase, type Db } from '../storage/database.js';
import { enqueueOutbound } from '../storage/outbox.js';
import type { ChannelId, OutboxRow } from '../storage/schema.js';
import { DispatchLease, LEASE_APPLICATION_NAME } from './dispatch-lease.js';
import { OutboxDispatcher, type ChannelSender } from './outbox-dispatcher.js';
import { OutboxSignal } from './outbox-signal.js';

const logger = createLogger('silent');
let testDb: TestDatabase;
/** Pools opened for this test's "processes"; each dispatcher uses its own. */
let pools: Db[] = [];
let dispatchers: OutboxDispatcher[] = [];
let leases: DispatchLease[] = [];
let blockers: pg.Client[] = [];
/** Opens a test's held-back sends, so a failed test cannot leave a dispatcher stuck. */
let openGates: Array<() => void> = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  openGates.forEach((open) => open());
  openGates = [];
  await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
  await Promise.all(leases.map((lease) => lease.release()));
  await Promise.all(blockers.map((client) => client.end()));
  await Promise.all(pools.map((pool) => pool.destroy()));
  dispatchers = [];
  leases = [];
  blockers = [];
  pools = [];
  // Stopped dispatchers and released leases leave no connection behind.
  await until(async () => (await leaseSessions()) === 0);
  await testDb.db.deleteFrom('outbox').execute();
});
afterAll(() => testDb.drop());

/** One CareLine process: its own pool and its own wake-up signal. */
interface FakeProcess {
  dispatcher: OutboxDispatcher;
  signal: OutboxSignal;
  sent: string[];
}

/**
 * A sender recording what it delivered; each send waits for `gate` (default: none), so a
 * test can keep deliveries under way.
 */
function recordingSender(channel: ChannelId, gate?: () => Promise<void>) {
  const sent: string[] = [];
  const sender: ChannelSender = {
    channel,
    async send(row: OutboxRow) {
      await gate?.();
      sent.push(String(row.payload.text));
    },
  };
  return { sender, sent };
}

function startProcess(
  channel: ChannelId,
  options: { exclusive: boolean; gate?: () => Promise<void>; concurrency?: number },
): FakeProcess {
  const db = openDatabase(testDb.url, 3);
  pools.push(db);
  const signal = new OutboxSignal();
  const { sender, sent } = recordingSender(channel, options.gate);
  const dispatcher = new OutboxDispatcher({
    db,
    sender,
    signal,
    logger,
    pollIntervalMs: 20,
    leaseMs: 5000,
    concurrency: options.concurrency ?? 2,
    exclusive: options.exclusive ? { connectionString: testDb.url, leaseRetryMs: 20 } : undefined,
  });
  dispatchers.push(dispatcher);
  dispatcher.start();
  return { dispatcher, signal, sent };
}

/** Queues one message per text, each to its own conversation, and wakes every process. */
async function queue(channel: ChannelId, texts: string[], processes: FakeProcess[]) {
  await enqueueOutbound(
    testDb.db,
    texts.map((text) => ({
      personId: null,
      channel,
      address: { conversationId: `conversation-${text}` },
      payload: { type: 'message', text },
      idempotencyKey: `${channel}:${text}`,
    })),
  );
  processes.forEach(({ signal }) => signal.notifyQueued(channel));
}

function texts(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

async function openRows(): Promise<number> {
  const row = await testDb.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('rows'))
    .where('status', '!=', 'delivered')
    .executeTakeFirstOrThrow();
  return Number(row.rows);
}

async function sendingRows(): Promise<number> {
  const row = await testDb.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('rows'))
    .where('status', '=', 'sending')
    .executeTakeFirstOrThrow();
  return Number(row.rows);
}

/** The session holding `channel`'s dispatch lock, found the way PostgreSQL lists it. */
async function leaseHolderPid(channel: string): Promise<number | undefined> {
  const key = `careline:outbox:${channel}`;
  const result = await sql<{ pid: number }>`
    select l.pid from pg_locks l, hashtextextended(${key}, 0) as k
    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
      and l.database = (select oid from pg_database where datname = current_database())
      and l.classid::bigint = (k >> 32) & 4294967295
      and l.objid::bigint = k & 4294967295`.execute(testDb.db);
  return result.rows[0]?.pid;
}

async function leaseSessions(): Promise<number> {
  const result = await sql<{ sessions: string }>`
    select count(*) as sessions from pg_stat_activity
    where application_name = ${LEASE_APPLICATION_NAME} and datname = current_database()`.execute(
    testDb.db,
  );
  return Number(result.rows[0]?.sessions);
}

/** A session of the test's own that waits for `channel`'s lock and then holds it. */
async function waitForLockInTest(channel: string): Promise<{ granted: Promise<unknown> }> {
  const client = new pg.Client({ connectionString: testDb.url });
  client.on('error', () => undefined);
  blockers.push(client);
  await client.connect();
  const granted = client.query('select pg_advisory_lock(hashtextextended($1, 0))', [
    `careline:outbox:${channel}`,
  ]);
  return { granted };
}

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A send slow enough that a second process has many chances to claim meanwhile. */
const slowSend = () => pause(5);

describe('exclusive outbox dispatch', () => {
  it('lets one of two processes drain an exclusive channel while both run', async () => {
    const first = startProcess('telegram', { exclusive: true, gate: slowSend });
    const second = startProcess('telegram', { exclusive: true, gate: slowSend });
    await queue('telegram', texts('m', 40), [first, second]);
    await until(async () => (await openRows()) === 0);

    const all = [...first.sent, ...second.sent];
    expect(all.sort()).toEqual(texts('m', 40).sort());
    expect([first.sent.length, second.sent.length].sort((a, b) => a - b)).toEqual([0, 40]);
  });

  it('hands the channel over when its holder stops', async () => {
    const first = startProcess('telegram', { exclusive: true });
    const second = startProcess('telegram', { exclusive: true });
    await queue('telegram', ['before'], [first, second]);
    await until(async () => (await openRows()) === 0);
    const [holder, other] = first.sent.length > 0 ? [first, second] : [second, first];

    await holder.dispatcher.stop();
    await queue('telegram', texts('after', 10), [first, second]);
    await until(async () => (await openRows()) === 0);

    expect(holder.sent).toEqual(['before']);
    expect(other.sent.sort()).toEqual(texts('after', 10).sort());
  });

  it('finishes its deliveries under way before it hands the channel over', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    openGates.push(open);
    const holder = startProcess('sms', { exclusive: true, gate: () => opened });
    await until(async () => (await leaseHolderPid('sms')) !== undefined);
    const heir = startProcess('sms', { exclusive: true });
    await queue('sms', ['held'], [holder, heir]);
    await until(async () => (await openRows()) === 1 && (await sendingRows()) === 1);
    const holderPid = await leaseHolderPid('sms');

    const stopped = holder.dispatcher.stop();
    await queue('sms', ['later'], [holder, heir]);
    await pause(150);
    expect(await leaseHolderPid('sms')).toBe(holderPid);
    expect(heir.sent).toEqual([]);

    open();
    await stopped;
    await until(async () => (await openRows()) === 0);
    expect(holder.sent).toEqual(['held']);
    expect(heir.sent).toEqual(['later']);
  });

  it('stops claiming when its lock connection dies, and takes the lease again later', async () => {
    const only = startProcess('telegram', { exclusive: true });
    await until(async () => (await leaseHolderPid('telegram')) !== undefined);
    const lostPid = (await leaseHolderPid('telegram'))!;

    // The test's session queues for the lock, so it gets it the moment the holder's dies.
    const blocker = await waitForLockInTest('telegram');
    await sql`select pg_terminate_backend(${lostPid})`.execute(testDb.db);
    await blocker.granted;
    await queue('telegram', ['while-lost'], [only]);
    await pause(200);
    expect(only.sent).toEqual([]);
    expect(await openRows()).toBe(1);

    await blockers.pop()!.end();
    await until(async () => (await openRows()) === 0);
    expect(only.sent).toEqual(['while-lost']);
    const newPid = await leaseHolderPid('telegram');
    expect(newPid).toBeDefined();
    expect(newPid).not.toBe(lostPid);
  });

  it('still lets every process drain a channel that is not exclusive', async () => {
    // Each send waits until both processes have a delivery under way: only sharing ends it.
    let bothSending!: () => void;
    const shared = new Promise<void>((resolve) => (bothSending = resolve));
    openGates.push(bothSending);
    const sendingBy = new Set<string>();
    const gateFor = (name: string) => async () => {
      sendingBy.add(name);
      if (sendingBy.size === 2) bothSending();
      await shared;
    };
    const first = startProcess('webchat', { exclusive: false, gate: gateFor('first') });
    const second = startProcess('webchat', { exclusive: false, gate: gateFor('second') });
    await queue('webchat', texts('w', 20), [first, second]);
    await until(async () => (await openRows()) === 0);

    expect([...first.sent, ...second.sent].sort()).toEqual(texts('w', 20).sort());
    expect(first.sent.length).toBeGreaterThan(0);
    expect(second.sent.length).toBeGreaterThan(0);
    expect(await leaseSessions()).toBe(0);
  });
});

describe('DispatchLease', () => {
  function lease(channel: string, onLost?: () => void): DispatchLease {
    const made = new DispatchLease({ connectionString: testDb.url, channel, logger, onLost });
    leases.push(made);
    return made;
  }

  it('is held by one session per channel at a time', async () => {
    const first = lease('telegram');
    const second = lease('telegram');
    const otherChannel = lease('sms');

    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    expect(await otherChannel.tryAcquire()).toBe(true);
    expect(second.held).toBe(false);
    expect(() => second.db).toThrow('not held');

    await first.release();
    expect(first.held).toBe(false);
    expect(await second.tryAcquire()).toBe(true);
  });

  it('is lost, and says so, when its session is ended by the server', async () => {
    let lost = 0;
    const held = lease('sms', () => lost++);
    await held.tryAcquire();
    const pid = (await leaseHolderPid('sms'))!;

    await sql`select pg_terminate_backend(${pid})`.execute(testDb.db);
    await until(async () => !held.held);

    expect(lost).toBe(1);
    expect(await held.tryAcquire()).toBe(true);
    expect(await leaseHolderPid('sms')).not.toBe(pid);
  });

  it('answers false rather than throwing when the database cannot be reached', async () => {
    const url = new URL(testDb.url);
    url.pathname = '/careline_no_such_database';
    const unreachable = new DispatchLease({
      connectionString: url.toString(),
      channel: 'sms',
      logger,
    });
    leases.push(unreachable);

    expect(await unreachable.tryAcquire()).toBe(false);
    expect(unreachable.held).toBe(false);
  });
});
