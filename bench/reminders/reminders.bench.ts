/**
 * bench/reminders: REMINDERS reminders due in the same minute across as many people (in six
 * time zones), run by the reminders engine (Agenda on PostgreSQL, `createReminderScheduler`
 * with its defaults) in two worker processes, against a bare `FOR UPDATE SKIP LOCKED` loop in
 * two worker processes doing the same work per reminder (the dose-reminder transaction and
 * planning the next occurrence), on the same database in the same run.
 *
 * Both prepare each reminder ahead, as CareLine does: the job runs a lead before the due
 * time (BENCH_PREPARE_MINUTES, default 3; CareLine's default is 10, see `prepare-lead.ts`)
 * and queues the reminder held until the due time, when the outbox dispatcher releases it.
 *
 * Three rounds: Agenda; Agenda with one worker killed (SIGKILL) once half are reminded; the
 * bare loop. Each prints reminders per second (from the instant the jobs could first run, the
 * due time minus the lead, to the last queued), lateness, duplicates and lost. Lateness is
 * the time a reminder became deliverable minus its due time, at least zero: deliverable is
 * its hold time (the due time) or, when it was queued later than that, the time it was
 * queued. So a reminder prepared in time is 0 s late, and one prepared after its due time is
 * as late as it was queued. Targets: Agenda at least 0.25 of the bare loop's rate, p99
 * lateness under 10 s, no duplicates and none lost, also with the kill. Planning is timed on
 * a sample (see `round-planning.ts`).
 */
import type { ChildProcess } from 'node:child_process';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import { createReminderScheduler } from '../../src/medications/reminders/create-reminder-scheduler.js';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';
import { startBenchPostgres } from '../support/bench-postgres.js';
import { createBareQueue } from './bare-reminder-loop.js';
import { createPatients, setDoseTime, type BenchPatient } from './reminder-audience.js';
import { measureRound, waitForReminders, type RoundResult } from './round-results.js';
import { dropWaitingAgendaJobs, insertAgendaJobs, insertBareRows } from './round-planning.js';
import { killWorker, startWorker, stopWorker } from './worker-processes.js';
import { PREPARE_MINUTES_AHEAD, PREPARE_MS } from './prepare-lead.js';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);
/** Medications planned through `planMedication` (timed) before the rest is inserted. */
const PLAN_SAMPLE = Math.min(REMINDERS, Number(process.env.BENCH_PLAN_SAMPLE ?? 1000));
/** Time between starting to plan a round and the minute its doses are due, at least. */
const LEAD_MS = Number(process.env.BENCH_LEAD_SECONDS ?? 15) * 1000;
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 10_000;
/**
 * Reminders not queued this long after their due time count as lost. A killed worker's locks
 * expire after the engine's 30 s lock lifetime, so a system on target is done well before.
 */
const ROUND_DEADLINE_MS = Number(process.env.BENCH_ROUND_DEADLINE_SECONDS ?? 90) * 1000;
const PLANNING_CONCURRENCY = 20;
const MS_PER_MINUTE = 60_000;

interface Round {
  label: string;
  result: RoundResult;
}

/** The first whole minute at least LEAD_MS plus the prepare lead away. */
function nextDueMinute(): Date {
  const earliest = Date.now() + LEAD_MS + PREPARE_MS;
  return new Date(Math.ceil(earliest / MS_PER_MINUTE) * MS_PER_MINUTE);
}

/** Plans `patients`' medications through the engine, 20 at a time; returns plans per second. */
async function planWithEngine(db: Db, url: string, patients: BenchPatient[]): Promise<number> {
  const logger = createLogger('silent');
  const scheduler = createReminderScheduler({
    db,
    connectionString: url,
    logger,
    i18n: createI18n(),
    prepareMinutesAhead: PREPARE_MINUTES_AHEAD,
  });
  const startedAt = performance.now();
  let next = 0;
  const planner = async () => {
    while (next < patients.length) await scheduler.planMedication(patients[next++]!.medicationId);
  };
  await Promise.all(Array.from({ length: PLANNING_CONCURRENCY }, planner));
  const perSecond = patients.length / ((performance.now() - startedAt) / 1000);
  await scheduler.stop();
  return perSecond;
}

/** One round: doses moved to the next minute, planned, run, measured. */
async function runRound(
  db: Db,
  patients: BenchPatient[],
  plan: (dueAt: Date) => Promise<void>,
  onProgress?: (reminded: number) => Promise<void>,
): Promise<RoundResult> {
  const since = new Date();
  const dueAt = nextDueMinute();
  await setDoseTime(db, dueAt);
  await plan(dueAt);
  const runnableAt = new Date(dueAt.getTime() - PREPARE_MS);
  if (Date.now() > runnableAt.getTime())
    console.log('warning: planning ended after jobs could run');
  await waitForReminders(
    db,
    dueAt,
    patients.length,
    dueAt.getTime() + ROUND_DEADLINE_MS,
    onProgress,
  );
  return measureRound(
    db,
    patients.map((p) => p.personId),
    { dueAt, runnableAt, since },
  );
}

function verdict(name: string, value: string, meets: boolean, target: string): void {
  console.log(`${name}: ${value} (${meets ? 'meets' : 'MISSES'} the target of ${target})`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function report(rounds: Round[], plansPerSecond: number): void {
  console.log(
    `bench/reminders: ${REMINDERS} reminders due in the same minute across ${REMINDERS} people, ` +
      'two worker processes each, same PostgreSQL, same run, ' +
      `each reminder prepared ${PREPARE_MINUTES_AHEAD} min ahead and held until due`,
  );
  console.log(
    `${'planMedication'.padEnd(27)}${plansPerSecond.toFixed(1)} plans/s (${PLAN_SAMPLE} timed)`,
  );
  for (const { label, result: r } of rounds) {
    console.log(
      `${label.padEnd(27)}${r.reminders} queued  ${r.perSecond.toFixed(1)} reminders/s  ` +
        `lateness p50 ${seconds(r.p50LatenessMs)}, p99 ${seconds(r.p99LatenessMs)}  ` +
        `duplicates ${r.duplicates}  lost ${r.lost}`,
    );
  }
  const [agenda, killed, bare] = rounds.map((round) => round.result) as RoundResult[];
  const ratio = agenda!.perSecond / bare!.perSecond;
  verdict('ratio agenda/bare', ratio.toFixed(2), ratio >= TARGET_RATIO, String(TARGET_RATIO));
  for (const [name, r] of [
    ['agenda', agenda!],
    ['agenda, worker killed', killed!],
  ] as const) {
    verdict(
      `p99 lateness (${name})`,
      seconds(r.p99LatenessMs),
      r.p99LatenessMs < TARGET_P99_MS,
      '10 s',
    );
    verdict(`duplicates (${name})`, String(r.duplicates), r.duplicates === 0, '0');
    const lost = `lost (${name}, not queued within ${ROUND_DEADLINE_MS / 1000} s of due)`;
    verdict(lost, String(r.lost), r.lost === 0, '0');
  }
}

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const url = await postgres.createDatabase('reminders');
  const db = openDatabase(url);
  const workers: ChildProcess[] = [];
  try {
    await migrate(db);
    await createBareQueue(db);
    const patients = await createPatients(db, REMINDERS);
    workers.push(await startWorker('agenda', url), await startWorker('agenda', url));
    const rounds: Round[] = [];
    let plansPerSecond = 0;
    const planFirst = async (dueAt: Date) => {
      plansPerSecond = await planWithEngine(db, url, patients.slice(0, PLAN_SAMPLE));
      await insertAgendaJobs(db, dueAt, PREPARE_MS);
    };
    rounds.push({ label: 'agenda', result: await runRound(db, patients, planFirst) });
    const planAgain = async (dueAt: Date) => {
      await dropWaitingAgendaJobs(db);
      await insertAgendaJobs(db, dueAt, PREPARE_MS);
    };
    let killed = false;
    const killHalfway = async (reminded: number) => {
      if (killed || reminded < patients.length / 2) return;
      killed = true;
      await killWorker(workers[0]!);
    };
    const afterKill = await runRound(db, patients, planAgain, killHalfway);
    rounds.push({ label: 'agenda, one worker killed', result: afterKill });
    await Promise.all(workers.splice(0).map(stopWorker));
    workers.push(await startWorker('bare', url), await startWorker('bare', url));
    const planBare = (dueAt: Date) => insertBareRows(db, dueAt);
    rounds.push({ label: 'bare SKIP LOCKED loop', result: await runRound(db, patients, planBare) });
    report(rounds, plansPerSecond);
  } finally {
    await Promise.all(workers.map(stopWorker));
    await db.destroy();
    await postgres.stop();
  }
}

await main();
