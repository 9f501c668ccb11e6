import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { eraseAllPersonData, identifyPerson, updateProfile } from './people-service.js';
import { BLOCKED_REASON, isUnreachable, markUnreachable } from './reachability.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe('identifyPerson', () => {
  it('creates a person on first contact and finds them after', async () => {
    const first = await identifyPerson(testDb.db, 'webchat', 'user-first', 'es');
    expect(first.isNew).toBe(true);
    expect(first.person.locale).toBe('es');
    const again = await identifyPerson(testDb.db, 'webchat', 'user-first', 'en');
    expect(again).toMatchObject({ isNew: false, person: { id: first.person.id, locale: 'es' } });
  });

  it('creates one person when two first messages race', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => identifyPerson(testDb.db, 'webchat', 'user-race', 'en')),
    );
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    const identities = await testDb.db
      .selectFrom('channel_identities')
      .innerJoin('people', 'people.id', 'channel_identities.person_id')
      .select('people.id')
      .where('external_id', '=', 'user-race')
      .execute();
    expect(identities).toHaveLength(1);
  });

  it('makes a person reachable again on the channel they wrote from, and only there', async () => {
    const { person } = await identifyPerson(testDb.db, 'sms', '+15550100777', 'en');
    await markUnreachable(testDb.db, 'sms', '+15550100777', 'landline');
    await testDb.db
      .insertInto('channel_identities')
      .values({ person_id: person.id, channel: 'telegram', external_id: '777000777' })
      .execute();
    await markUnreachable(testDb.db, 'telegram', '777000777', BLOCKED_REASON);

    await identifyPerson(testDb.db, 'sms', '+15550100777', 'en');

    expect(await isUnreachable(testDb.db, 'sms', '+15550100777')).toBe(false);
    expect(await isUnreachable(testDb.db, 'telegram', '777000777')).toBe(true);
  });
});

describe('updateProfile', () => {
  it('audits which fields changed, never their values', async () => {
    const { person } = await identifyPerson(testDb.db, 'webchat', 'user-profile', 'en');
    await updateProfile(testDb.db, person.id, {
      display_name: 'Synthetic Sam',
      cancer_type: 'lung',
    });
    const audit = await testDb.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      action: 'profile.updated',
      details: { fields: 'cancer_type,display_name' },
    });
  });
});

describe('eraseAllPersonData', () => {
  it('leaves nothing about the person but one audit row', async () => {
    const { person } = await identifyPerson(testDb.db, 'webchat', 'user-erase', 'en');
    await updateProfile(testDb.db, person.id, {
      display_name: 'Synthetic Eve',
      cancer_type: 'breast',
    });
    const conversation = await testDb.db
      .insertInto('conversations')
      .values({ person_id: person.id, channel: 'webchat', external_id: 'dl-erase', address: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto('webchat_conversations')
      .values({ id: 'dl-erase', user_id: 'user-erase' })
      .execute();
    await testDb.db
      .insertInto('webchat_activities')
      .values({ conversation_id: 'dl-erase', seq: '1', activity: '{"text":"synthetic"}' })
      .execute();
    await testDb.db
      .insertInto('bot_state')
      .values({ key: 'webchat/conversations/dl-erase/', data: '{}', etag: 'e' })
      .execute();
    await testDb.db
      .insertInto('staff_queue')
      .values({ conversation_id: conversation.id, person_id: person.id, text: 'synthetic' })
      .execute();

    await eraseAllPersonData(testDb.db, person.id);

    expect(await testDb.db.selectFrom('people').where('id', '=', person.id).execute()).toEqual([]);
    for (const table of ['channel_identities', 'conversations', 'staff_queue'] as const) {
      const rows = await testDb.db
        .selectFrom(table)
        .selectAll()
        .where('person_id', '=', person.id)
        .execute();
      expect({ table, rows }).toEqual({ table, rows: [] });
    }
    expect(
      await testDb.db
        .selectFrom('webchat_activities')
        .where('conversation_id', '=', 'dl-erase')
        .execute(),
    ).toEqual([]);
    expect(
      await testDb.db.selectFrom('bot_state').where('key', 'like', '%dl-erase%').execute(),
    ).toEqual([]);
    const audit = await testDb.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('person_id', '=', person.id)
      .orderBy('id')
      .execute();
    expect(audit.at(-1)).toEqual({ action: 'person.erased', details: {} });
    expect(JSON.stringify(audit)).not.toMatch(/Synthetic|breast/);
  });
});
