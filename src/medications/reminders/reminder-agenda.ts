/**
 * The Agenda instance behind the reminders engine, on PostgreSQL (`@agendajs/postgres-backend`)
 * in the same database as everything else.
 *
 * Two choices differ from Agenda's defaults:
 * - Each worker locks at most `lockLimit` reminder jobs at a time, so a worker that dies holds
 *   back only that many until their locks expire (`lockLifetimeMs`) and another takes them.
 *   The jobs are idempotent (see `dose-reminder.ts`), so a short lock is safe.
 * - Agenda locks more jobs only on its polling interval or on a notification. Instead of
 *   PostgreSQL LISTEN/NOTIFY (every job would NOTIFY several times), an in-process channel is
 *   nudged whenever one of our jobs completes, so a burst of due reminders keeps every worker
 *   busy. Jobs are always planned ahead of time, so polling finds them before they are due.
 */
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda, InMemoryNotificationChannel, toJobId } from 'agenda';
import type pg from 'pg';
import { AGENDA_TABLE } from './agenda-schema.js';

export interface ReminderAgendaOptions {
  pool: pg.Pool;
  /** This process in `agenda_jobs.last_modified_by`. */
  name: string;
  /** How often Agenda looks for jobs due soon, in milliseconds. */
  processEveryMs: number;
  /** Reminder jobs run at once per process. */
  concurrency: number;
  /** Reminder jobs locked at once per process. */
  lockLimit: number;
  /** How long a lock holds before another worker may take the job, in milliseconds. */
  lockLifetimeMs: number;
}

/** An Agenda with a way to ask it to lock more jobs of one name now. */
export interface ReminderAgenda {
  agenda: Agenda;
  /** Asks this process's Agenda to lock and run more `jobName` jobs now; one ask at a time. */
  refill(jobName: string): void;
}

/** Creates the Agenda; `agenda_jobs` must exist (see `ensureAgendaSchema`). */
export function createReminderAgenda(options: ReminderAgendaOptions): ReminderAgenda {
  const channel = new InMemoryNotificationChannel();
  const agenda = new Agenda({
    backend: new PostgresBackend({
      pool: options.pool,
      tableName: AGENDA_TABLE,
      ensureSchema: false,
      disableNotifications: true,
    }),
    notificationChannel: channel,
    name: options.name,
    processEvery: options.processEveryMs,
    maxConcurrency: options.concurrency * 2,
    defaultConcurrency: options.concurrency,
    defaultLockLimit: options.lockLimit,
    defaultLockLifetime: options.lockLifetimeMs,
  });
  const asking = new Set<string>();
  function refill(jobName: string): void {
    if (asking.has(jobName) || channel.state !== 'connected') return;

    asking.add(jobName);
    const nudge = { jobId: toJobId(jobName), jobName, nextRunAt: null, priority: 0 };
    channel
      .publish({ ...nudge, timestamp: new Date() })
      .catch(() => undefined)
      .finally(() => asking.delete(jobName));
  }
  return { agenda, refill };
}
