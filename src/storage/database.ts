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

/** Opens a pool on `connectionString` and wraps it in Kysely. Close with `db.destroy()`. */
export function openDatabase(connectionString: string, maxConnections = 10): Db {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
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
