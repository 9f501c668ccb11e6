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
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
