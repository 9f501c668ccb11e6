/**
 * Forgets old message text on a schedule (see `storage/message-retention.ts`), and deletes
 * expired care invitations (each names a patient, and the caregiver who used it): a minute
 * after start, then every hour, in every process. Its statements are idempotent, so two
 * processes sweeping at once only find less to do. It logs counts, never what was removed.
 */
import type { Logger } from '../logging/logger.js';
import type { Db } from '../storage/database.js';
import { deleteExpiredInvitations } from '../storage/care-links.js';
import { forgetMessagesBefore, type ForgottenMessages } from '../storage/message-retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;
const DEFAULT_FIRST_RUN_DELAY_MS = 60 * 1000;

/** How many rows of each kind one sweep removed or emptied. */
export interface Swept extends ForgottenMessages {
  expiredInvitations: number;
}

export interface RetentionSweepOptions {
  db: Db;
  logger: Logger;
  /** MESSAGE_RETENTION_DAYS: message text older than this many days is forgotten. */
  retentionDays: number;
  /** Between sweeps; default one hour. */
  intervalMs?: number;
  /** Before the first sweep; default one minute, so start-up is not slowed. */
  firstRunDelayMs?: number;
  /** Default `() => new Date()`. */
  clock?: () => Date;
}

export interface RetentionSweep {
  /** Sweeps now; resolves with what was forgotten. */
  runNow(): Promise<Swept>;
  /** Cancels the next sweep and waits for one under way. */
  stop(): Promise<void>;
}

/** Schedules the sweep; returns at once. */
export function startRetentionSweep(options: RetentionSweepOptions): RetentionSweep {
  const { db, retentionDays } = options;
  const logger = options.logger.child({ job: 'message-retention' });
  const clock = options.clock ?? (() => new Date());
  let running: Promise<Swept> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function sweep(): Promise<Swept> {
    const now = clock();
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    const swept = {
      ...(await forgetMessagesBefore(db, cutoff)),
      expiredInvitations: await deleteExpiredInvitations(db, now),
    };
    if (Object.values(swept).some((count) => count > 0)) {
      logger.info({ ...swept, retentionDays }, 'old message text forgotten');
    }
    return swept;
  }

  function runNow(): Promise<Swept> {
    running ??= sweep().finally(() => (running = undefined));
    return running;
  }

  function scheduleNext(delayMs: number): void {
    if (stopped) return;

    timer = setTimeout(() => {
      runNow()
        .catch((error: unknown) => logger.warn({ err: error }, 'message retention sweep failed'))
        .finally(() => scheduleNext(options.intervalMs ?? DEFAULT_INTERVAL_MS));
    }, delayMs);
    timer.unref();
  }

  scheduleNext(options.firstRunDelayMs ?? DEFAULT_FIRST_RUN_DELAY_MS);
  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
