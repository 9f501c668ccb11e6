/**
 * The key one-time codes are hashed with: one random key per database, kept in
 * `link_code_keys` and made by the first process that needs it. Link codes use it, and so
 * do care invitation codes; sharing it is safe because an invitation code's prefix is part
 * of what is hashed (see src/care-circle/invitation-code.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { loadOrCreateCodeKey } from '../storage/link-codes.js';

const CODE_KEY_BYTES = 32;

// One key per database, read once per process.
const codeKeys = new WeakMap<Db, Promise<Buffer>>();

// TODO: take the key from configuration (a LINK_CODE_SECRET), so a copy of the database
// alone cannot test guesses against stored hashes, once config and the bot pass it through.
/**
 * The code key of `db`, loaded (or made, CODE_KEY_BYTES random bytes) once per process. A
 * failed load is forgotten, so the next call tries again.
 */
export function codeKeyOf(db: Db): Promise<Buffer> {
  let key = codeKeys.get(db);
  if (!key) {
    key = loadOrCreateCodeKey(db, randomBytes(CODE_KEY_BYTES));
    codeKeys.set(db, key);
    key.catch(() => codeKeys.delete(db));
  }
  return key;
}
