/**
 * Fixed-window rate limits counted in the `rate_limits` table, so every process counts
 * against the same limit. rate-limiter-flexible's PostgreSQL store does the counting (one
 * atomic upsert per event); it reaches the database through Kysely's pool, so limits need
 * no connections of their own and close with the database.
 */
import { CompiledQuery } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from './database.js';

/** Created by `migrations/002_rate_limits.sql` with the columns the store expects. */
const RATE_LIMITS_TABLE = 'rate_limits';

export interface RateLimit {
  /** Keeps this limit's keys apart from others' in the shared table, e.g. `webchat_message`. */
  name: string;
  /** Events allowed in one window. */
  points: number;
  /** Length of a window in seconds; a key's window starts at its first event. */
  durationSeconds: number;
}

/** Whether an event may go ahead; when not, how long until the key's window ends. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * Counts one event for `key` and says whether it is within the limit. Refused events count
   * too, but never extend the window.
   * @throws the database's error when the count cannot be stored
   */
  consume(key: string): Promise<RateLimitDecision>;
}

/** A limiter for `limit`, sharing its counts with every process on the same database. */
export function createRateLimiter(db: Db, limit: RateLimit): RateLimiter {
  const limiter = new RateLimiterPostgres({
    storeClient: asPoolClient(db),
    storeType: 'pool',
    tableName: RATE_LIMITS_TABLE,
    tableCreated: true,
    keyPrefix: limit.name,
    points: limit.points,
    duration: limit.durationSeconds,
  });

  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (error) {
        // The store refuses with a RateLimiterRes and fails with an Error.
        if (!(error instanceof RateLimiterRes)) throw error;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        };
      }
    },
  };
}

interface StoreQuery {
  text: string;
  values?: unknown[];
}

/**
 * The one method of `pg.Pool` the store calls with `storeType: 'pool'`, run through Kysely.
 * The store names its statements for pg's prepared-statement cache; Kysely runs them
 * unnamed, which costs a parse per event and nothing else.
 */
function asPoolClient(db: Db) {
  return {
    async query({ text, values = [] }: StoreQuery) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
    },
  };
}
