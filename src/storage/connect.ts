/**
 * Opens the database CareLine is configured for: DATABASE_URL when set, otherwise an
 * embedded PostgreSQL with its data under DATA_DIR.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { openDatabase, type Db } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ConnectedDatabase {
  db: Db;
  /** The connection URL, for clients outside the pool (LISTEN). */
  url: string;
  /** 'external' (DATABASE_URL) or 'embedded'. */
  kind: 'external' | 'embedded';
  close(): Promise<void>;
}

const POOL_SIZE = 10;

export async function connectDatabase(config: Config, logger: Logger): Promise<ConnectedDatabase> {
  const onIdleError = (error: Error) =>
    logger.warn({ err: error }, 'idle database connection lost');
  if (config.DATABASE_URL) {
    const db = openDatabase(config.DATABASE_URL, POOL_SIZE, onIdleError);
    return { db, url: config.DATABASE_URL, kind: 'external', close: () => db.destroy() };
  }

  logger.info({ port: config.EMBEDDED_POSTGRES_PORT }, 'starting embedded PostgreSQL');
  const server = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_POSTGRES_PORT,
  });
  const db = openDatabase(server.url, POOL_SIZE, onIdleError);
  return {
    db,
    url: server.url,
    kind: 'embedded',
    close: async () => {
      await db.destroy();
      await server.stop();
    },
  };
}
