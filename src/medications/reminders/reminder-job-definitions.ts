/**
 * The reminders engine's three Agenda jobs: 'dose-reminder' (one per occurrence),
 * 'dose-snooze' (one per snooze) and 'doses-sweep' (periodic). A failed reminder or snooze is
 * retried with backoff (its work is idempotent); a schedule that cannot be computed is a data
 * problem, logged and not retried. Also counts running jobs, for a clean stop.
 */
import type { Agenda, Job } from 'agenda';
import { DoseScheduleError } from '../schedule/dose-schedule-error.js';
import { DOSE_REMINDER_JOB, DOSE_SNOOZE_JOB, DOSES_SWEEP_JOB } from './agenda-schema.js';
import { runDoseReminder, type DoseReminderData } from './dose-reminder.js';
import { runDoseSnooze, type DoseSnoozeData } from './dose-snooze.js';
import { sweepDoses } from './doses-sweep.js';
import type { ReminderContext } from './reminder-context.js';
import type { ReminderJobs } from './reminder-jobs.js';

const STOP_POLL_MS = 20;
const RETRIES = 5;
const FIRST_RETRY_MS = 5_000;

export interface ReminderJobsSetup {
  agenda: Agenda;
  ctx: ReminderContext;
  jobs: ReminderJobs;
  /** (Re)plans one medication; the sweep uses it for medications with nothing planned. */
  planMedication(medicationId: string): Promise<void>;
  /** Lock lifetime of the sweep, which touches its lock between steps. */
  lockLifetimeMs: number;
}

/** Registers the three jobs on `agenda`, and logs Agenda's errors and failed jobs by id. */
export function defineReminderJobs(setup: ReminderJobsSetup): void {
  const { agenda, ctx, jobs, planMedication, lockLifetimeMs } = setup;
  const planNext = jobs.planOccurrence.bind(jobs);
  const retry = { backoff: ({ attempt }: { attempt: number }) => retryDelayMs(attempt) };
  agenda.define<DoseReminderData>(
    DOSE_REMINDER_JOB,
    (job) => tolerateBadSchedule(ctx, job, () => runDoseReminder(ctx, job.attrs.data, planNext)),
    { ...retry, removeOnComplete: true },
  );
  agenda.define<DoseSnoozeData>(
    DOSE_SNOOZE_JOB,
    (job) => tolerateBadSchedule(ctx, job, () => runDoseSnooze(ctx, job.attrs.data)),
    { ...retry, removeOnComplete: true },
  );
  agenda.define(
    DOSES_SWEEP_JOB,
    async (job) => {
      const steps = { planMedication, touch: () => job.touch() };
      ctx.logger.debug(await sweepDoses(ctx, steps, ctx.clock()), 'doses swept');
    },
    { concurrency: 1, lockLimit: 1, lockLifetime: lockLifetimeMs },
  );
  agenda.on('error', (error) => ctx.logger.warn({ err: error }, 'reminder jobs error'));
  agenda.on('fail', (error, job) => {
    ctx.logger.warn({ err: error, job: job.attrs.name, jobId: job.attrs._id }, 'job failed');
  });
}

async function tolerateBadSchedule(
  ctx: ReminderContext,
  job: Job<{ medicationId: string }>,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DoseScheduleError)) throw error;
    const { medicationId } = job.attrs.data;
    ctx.logger.warn({ medicationId, field: error.field }, 'medication schedule is invalid');
  }
}

/** 5 s, 10 s, 20 s, 40 s, 80 s, then no more (the sweep plans the medication again). */
function retryDelayMs(attempt: number): number | null {
  return attempt <= RETRIES ? FIRST_RETRY_MS * 2 ** (attempt - 1) : null;
}

/**
 * Counts the jobs this process is running, so `stop()` can wait for them, and asks Agenda to
 * lock more after each one completes (see `reminder-agenda.ts`).
 */
export function trackRunningJobs(agenda: Agenda, refill: (jobName: string) => void) {
  let running = 0;
  agenda.on('start', () => running++);
  agenda.on('complete', (job) => {
    running--;
    refill(job.attrs.name);
  });
  return {
    /** Resolves once no job is running, or after `timeoutMs`. */
    async idle(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (running > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
      }
    },
  };
}
