/**
 * The connection pool and the typed query builder every storage module uses.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

// bigint columns (ids, sequence numbers) come back as strings unless told otherwise;
// they stay strings so no id above 2^53 is ever rounded.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);
// date columns (a medication's start and end) are calendar days in the person's time zone:
// kept as their 'YYYY-MM-DD' text, never turned into a Date at this server's midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * Opens a pool on `connectionString` and wraps it in Kysely. Close with `db.destroy()`.
 * @param onIdleError told when an idle connection dies (a server restart or failover); the
 *   pool replaces it. Without a listener pg would crash the process on such an error.
 */
export function openDatabase(
  connectionString: string,
  maxConnections = 10,
  onIdleError: (error: Error) => void = () => undefined,
): Db {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  pool.on('error', onIdleError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The pool under each database opened here, for `executePrepared`. */
const pools = new WeakMap<Db, pg.Pool>();

/**
 * Runs `text` as a named prepared statement, which PostgreSQL parses and plans once per
 * connection rather than on every call. Only for the few statements on a hot path (the
 * inbox insert every inbound message waits for); everything else goes through Kysely.
 * @param db a database from `openDatabase`, not a transaction
 * @param name unique to this statement text
 */
export async function executePrepared<Row>(
  db: Db,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const pool = pools.get(db);
  if (!pool) throw new Error('executePrepared needs a database from openDatabase.');

  const result = await pool.query({ name, text, values });
  return result.rows as Row[];
}

/** True when the server answers a trivial query. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
