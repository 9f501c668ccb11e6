/**
 * One worker process of bench/reminders: `agenda` runs the reminders engine as CareLine runs
 * it (createReminderScheduler with its defaults but the bench's prepare lead, see
 * `prepare-lead.ts`), `bare` runs the bare SKIP LOCKED loops with the same lead.
 * The database is BENCH_DATABASE_URL. Prints "ready" once working; SIGTERM stops it cleanly.
 */
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import { createReminderScheduler } from '../../src/medications/reminders/create-reminder-scheduler.js';
import { createOutboxAnnouncer } from '../../src/medications/reminders/outbox-announcer.js';
import { resolveReminderSettings } from '../../src/medications/reminders/reminder-settings.js';
import { openDatabase } from '../../src/storage/database.js';
import { startBareLoops } from './bare-reminder-loop.js';
import { PREPARE_MINUTES_AHEAD } from './prepare-lead.js';

/** Loops of the bare worker: the reminders engine's default concurrency per process. */
export const BARE_CONCURRENCY = 10;

async function main(): Promise<void> {
  const mode = process.argv[2];
  const url = process.env.BENCH_DATABASE_URL;
  if (!url || (mode !== 'agenda' && mode !== 'bare')) {
    throw new Error('usage: BENCH_DATABASE_URL=... reminder-worker.ts agenda|bare');
  }

  const db = openDatabase(url);
  const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');
  const i18n = createI18n();
  let stop: () => Promise<void>;
  if (mode === 'agenda') {
    const scheduler = createReminderScheduler({
      db,
      connectionString: url,
      logger,
      i18n,
      prepareMinutesAhead: PREPARE_MINUTES_AHEAD,
    });
    await scheduler.start();
    stop = () => scheduler.stop();
  } else {
    const announcer = createOutboxAnnouncer(db, undefined, () => undefined);
    const clock = () => new Date();
    const settings = resolveReminderSettings({ prepareMinutesAhead: PREPARE_MINUTES_AHEAD });
    const ctx = { db, logger, i18n, clock, announcer, settings };
    stop = startBareLoops(ctx, BARE_CONCURRENCY);
  }
  process.once('SIGTERM', () => {
    void stop()
      .then(() => db.destroy())
      .then(() => process.exit(0));
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error('bench worker failed:', error);
  process.exit(1);
});
