/**
 * What every reminder job needs, passed in so tests can use a fake clock and read the rows
 * each job leaves behind.
 */
import type { i18n as I18n } from 'i18next';
import type { Logger } from '../../logging/logger.js';
import type { Db } from '../../storage/database.js';
import type { OutboxAnnouncer } from './outbox-announcer.js';
import type { ResolvedReminderSettings } from './reminder-settings.js';

export interface ReminderContext {
  db: Db;
  i18n: I18n;
  logger: Logger;
  /** The current time; tests pass a fake. */
  clock: () => Date;
  /** Wakes outbox dispatchers after a message is queued. */
  announcer: OutboxAnnouncer;
  settings: ResolvedReminderSettings;
}
