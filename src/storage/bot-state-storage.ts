/**
 * botbuilder `Storage` on PostgreSQL (JSONB) with eTag optimistic concurrency: a write that
 * carries an eTag succeeds only if the stored item still has that eTag; otherwise it throws
 * `StateConflictError` and the turn is run again on fresh state. A write with eTag '*' or
 * none overwrites, as botbuilder's own storages do; `CREATE_ONLY_ETAG` writes only if no
 * item exists yet, so two first turns of one conversation cannot both win.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './database.js';

/** The eTag for an item read as absent: its write succeeds only if it is still absent. */
export const CREATE_ONLY_ETAG = 'careline:create-only';

/** Another turn saved the same state first. */
export class StateConflictError extends Error {
  override name = 'StateConflictError';
  constructor(readonly key: string) {
    super(`State "${key}" was changed by another turn; run this turn again on fresh state.`);
  }
}

export class PostgresStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};

    const rows = await this.db
      .selectFrom('bot_state')
      .select(['key', 'data', 'etag'])
      .where('key', 'in', keys)
      .execute();
    return Object.fromEntries(rows.map((row) => [row.key, { ...row.data, eTag: row.etag }]));
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as Record<string, unknown>;
      const newEtag = randomUUID();
      const written = await this.writeOne(key, eTag, newEtag, data);
      if (!written) throw new StateConflictError(key);
      // The caller keeps using this object for the rest of the turn: give it the new eTag.
      if (item && typeof item === 'object') (item as { eTag?: string }).eTag = newEtag;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;

    await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
  }

  private writeOne(key: string, eTag: unknown, newEtag: string, data: Record<string, unknown>) {
    if (eTag === CREATE_ONLY_ETAG) return this.insertIfAbsent(key, newEtag, data);
    if (typeof eTag === 'string' && eTag !== '*') {
      return this.replaceIfUnchanged(key, eTag, newEtag, data);
    }
    return this.upsert(key, newEtag, data);
  }

  private async insertIfAbsent(key: string, newEtag: string, data: Record<string, unknown>) {
    const inserted = await this.db
      .insertInto('bot_state')
      .values({ key, data: JSON.stringify(data), etag: newEtag })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return inserted.numInsertedOrUpdatedRows === 1n;
  }

  private async replaceIfUnchanged(
    key: string,
    eTag: string,
    newEtag: string,
    data: Record<string, unknown>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('bot_state')
      .set({ data: JSON.stringify(data), etag: newEtag, updated_at: new Date() })
      .where('key', '=', key)
      .where('etag', '=', eTag)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  private async upsert(key: string, newEtag: string, data: Record<string, unknown>) {
    await this.db
      .insertInto('bot_state')
      .values({ key, data: JSON.stringify(data), etag: newEtag })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ data: JSON.stringify(data), etag: newEtag, updated_at: new Date() }),
      )
      .execute();
    return true;
  }
}
