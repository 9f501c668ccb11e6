/**
 * The key invitation codes are hashed with: the link-code key of the database
 * (`link_code_keys`), made by the first process that needs it. Sharing it is safe because
 * an invitation code's prefix is part of what is hashed (see invitation-code.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { loadOrCreateCodeKey } from '../storage/link-codes.js';

const CODE_KEY_BYTES = 32;

// One key per database, read once per process.
const codeKeys = new WeakMap<Db, Promise<Buffer>>();

// TODO: src/linking/linking-service.ts keeps the same cache in its private `codeKeyOf`. Once
// that is exported (or moved to src/linking/code-key.ts), call it here and delete this file.
/** The code key of `db`, loaded (or made) once per process. */
export function invitationCodeKeyOf(db: Db): Promise<Buffer> {
  let key = codeKeys.get(db);
  if (!key) {
    key = loadOrCreateCodeKey(db, randomBytes(CODE_KEY_BYTES));
    codeKeys.set(db, key);
    key.catch(() => codeKeys.delete(db));
  }
  return key;
}
