/**
 * The reminders engine: Agenda on PostgreSQL running one job per upcoming dose occurrence
 * ('dose-reminder'), one per snooze ('dose-snooze') and a periodic sweep ('doses-sweep').
 * `planMedication` plans a medication's next occurrence; each reminder job plans the one
 * after it, so every active medication has exactly one reminder job waiting.
 *
 * Start it after migrations and stop it before the database closes:
 *
 * ```ts
 * const reminders = createReminderScheduler({ db, connectionString, logger, i18n });
 * await reminders.start();
 * // ...
 * await reminders.stop();
 * ```
 */
import type { i18n as I18n } from 'i18next';
import pg from 'pg';
import type { Logger } from '../../logging/logger.js';
import type { OutboxSignal } from '../../outbox/outbox-signal.js';
import type { Db } from '../../storage/database.js';
import { DOSES_SWEEP_JOB, ensureAgendaSchema } from './agenda-schema.js';
import { snoozeOpenDose } from './dose-snooze.js';
import { cancelMedicationReminders, planMedicationReminders } from './plan-medication.js';
import { createOutboxAnnouncer } from './outbox-announcer.js';
import { createReminderAgenda } from './reminder-agenda.js';
import type { ReminderContext } from './reminder-context.js';
import { defineReminderJobs, trackRunningJobs } from './reminder-job-definitions.js';
import { ReminderJobs } from './reminder-jobs.js';
import type { ReminderScheduler } from './reminder-scheduler.js';
import { resolveReminderSettings, type ReminderSettings } from './reminder-settings.js';

export interface ReminderSchedulerOptions extends Partial<ReminderSettings> {
  db: Db;
  /** Agenda's connection: a connection string (the scheduler opens and closes a pool)... */
  connectionString?: string;
  /** ...or a pool the caller owns and closes. */
  pool?: pg.Pool;
  logger: Logger;
  i18n: I18n;
  /** The current time; default the system clock. Agenda itself always runs on real time. */
  clock?: () => Date;
  /** Wakes this process's outbox dispatchers after a message is queued. */
  signal?: OutboxSignal;
  /** How often Agenda looks for jobs due soon, in milliseconds; default 5000. */
  processEvery?: number;
  /** Reminder jobs run at once per process; default 10. */
  concurrency?: number;
  /** Reminder jobs locked at once per process; default twice `concurrency`. */
  lockLimit?: number;
  /** How long a job's lock holds before another worker may take it, in ms; default 30000. */
  lockLifetimeMs?: number;
  /** Minutes between sweeps (missed doses, follow-ups, re-planning); default 1. */
  sweepEveryMinutes?: number;
  /** This process in `agenda_jobs.last_modified_by`; default `careline-<pid>`. */
  name?: string;
  /** Longest wait in `stop()` for running jobs to finish, in milliseconds; default 10000. */
  stopTimeoutMs?: number;
}

/** The scheduler with its lifecycle. */
export type RunningReminderScheduler = ReminderScheduler & {
  /** Creates Agenda's table if needed and starts running jobs. */
  start(): Promise<void>;
  /**
   * Stops taking jobs (jobs locked but not started are released to other workers), waits for
   * running ones (at most `stopTimeoutMs`) and closes the pool it opened. Call before the
   * database closes; safe to call more than once.
   */
  stop(): Promise<void>;
};

const DEFAULT_CONCURRENCY = 10;
const DEFAULT_LOCK_LIFETIME_MS = 30_000;
const DEFAULT_PROCESS_EVERY_MS = 5_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/**
 * Creates the reminders engine. Create it once the database is reachable (after migrations):
 * Agenda connects at once. Planning works before `start()`; jobs run only after it.
 * @throws Error when neither `connectionString` nor `pool` is given
 */
export function createReminderScheduler(
  options: ReminderSchedulerOptions,
): RunningReminderScheduler {
  if (!options.pool && !options.connectionString) {
    throw new Error('createReminderScheduler needs `connectionString` or `pool` for Agenda.');
  }

  const ctx = contextOf(options);
  const pool = options.pool ?? openPool(options.connectionString!, options.logger);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const lockLifetimeMs = options.lockLifetimeMs ?? DEFAULT_LOCK_LIFETIME_MS;
  const { agenda, refill } = createReminderAgenda({
    pool,
    name: options.name ?? `careline-${process.pid}`,
    processEveryMs: options.processEvery ?? DEFAULT_PROCESS_EVERY_MS,
    concurrency,
    lockLimit: options.lockLimit ?? concurrency * 2,
    lockLifetimeMs,
  });
  const jobs = new ReminderJobs(agenda, ctx.db, ctx.settings.prepareMinutesAhead);
  let schema: Promise<void> | undefined;
  const forgetSchema = (error: unknown) => {
    schema = undefined;
    throw error;
  };
  // Once per process, and again after a failure (the database may have been down).
  const ensureSchema = () => (schema ??= ensureAgendaSchema(ctx.db).catch(forgetSchema));
  const running = trackRunningJobs(agenda, refill);

  async function planMedication(medicationId: string): Promise<void> {
    await ensureSchema();
    await planMedicationReminders(ctx, jobs, medicationId);
  }

  defineReminderJobs({ agenda, ctx, jobs, planMedication, lockLifetimeMs });
  let started = false;
  let stopped: Promise<void> | undefined;
  return {
    planMedication,
    async cancelMedication(medicationId) {
      await ensureSchema();
      await cancelMedicationReminders(ctx, jobs, medicationId);
    },
    async snoozeDose(doseId) {
      await ensureSchema();
      const { until, plan } = await snoozeOpenDose(ctx, doseId);
      if (plan) await jobs.planSnooze(plan);
      return until;
    },
    async start() {
      await ensureSchema();
      await agenda.start();
      const every = `${options.sweepEveryMinutes ?? 1} minutes`;
      await agenda.every(every, DOSES_SWEEP_JOB, {}, { skipImmediate: true });
      started = true;
    },
    stop() {
      stopped ??= (async () => {
        if (started) await agenda.stop(false);
        await running.idle(options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
        if (!options.pool) await pool.end();
      })();
      return stopped;
    },
  };
}

function contextOf(options: ReminderSchedulerOptions): ReminderContext {
  const logger = options.logger.child({ component: 'reminders' });
  const onNotifyError = (error: unknown) => logger.warn({ err: error }, 'outbox notify failed');
  return {
    db: options.db,
    i18n: options.i18n,
    logger,
    clock: options.clock ?? (() => new Date()),
    announcer: createOutboxAnnouncer(options.db, options.signal, onNotifyError),
    settings: resolveReminderSettings(options),
  };
}

function openPool(connectionString: string, logger: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString, application_name: 'careline_reminders' });
  pool.on('error', (error) => logger.warn({ err: error }, 'reminders pool lost a connection'));
  return pool;
}
