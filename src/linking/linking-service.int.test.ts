/**
 * Issuing and redeeming link codes against PostgreSQL, with a clock the tests control:
 * expiry, single use, earlier codes invalidated, only hashes stored, failed attempts
 * limited per identity, and a temporary person merged or refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { identifyPerson } from '../people/people-service.js';
import { upsertConversation } from '../storage/conversations.js';
import type { ChannelId } from '../storage/schema.js';
import {
  FAILED_REDEMPTION_WINDOW_MINUTES,
  issueLinkCode,
  LINK_CODE_TTL_MINUTES,
  MAX_FAILED_REDEMPTIONS,
  redeemLinkCode,
  type LinkingOptions,
} from './linking-service.js';

const MINUTE_MS = 60_000;
const START = new Date('2031-03-04T10:00:00Z');

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** Options whose clock reads `minutes` after START. */
function at(minutes: number): LinkingOptions {
  return { clock: () => new Date(START.getTime() + minutes * MINUTE_MS) };
}

async function newIdentity(channel: ChannelId = 'telegram') {
  const externalId = `${channel}-${randomUUID()}`;
  const { person } = await identifyPerson(testDb.db, channel, externalId, 'en');
  return { person, identity: { channel, externalId } };
}

async function codesOf(personId: string) {
  return testDb.db.selectFrom('link_codes').selectAll().where('person_id', '=', personId).execute();
}

describe('issuing codes', () => {
  it('stores only a keyed hash that expires after the TTL, replacing earlier codes', async () => {
    const { person } = await newIdentity('webchat');
    const first = await issueLinkCode(testDb.db, person.id, at(0));
    const second = await issueLinkCode(testDb.db, person.id, at(1));

    const rows = await codesOf(person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(second.code);
    expect(rows[0]!.expires_at).toEqual(
      new Date(START.getTime() + (1 + LINK_CODE_TTL_MINUTES) * MINUTE_MS),
    );

    const { identity } = await newIdentity();
    expect(await redeemLinkCode(testDb.db, identity, first.code, at(2))).toEqual({
      kind: 'invalid',
    });
  });
});

describe('redeeming codes', () => {
  it('links once; a used code is then invalid', async () => {
    const { person } = await newIdentity('webchat');
    const { code } = await issueLinkCode(testDb.db, person.id, at(0));
    const telegram = await newIdentity();

    const linked = await redeemLinkCode(testDb.db, telegram.identity, code.toLowerCase(), at(5));
    expect(linked).toEqual({
      kind: 'linked',
      personId: person.id,
      erasedPersonId: telegram.person.id,
    });
    const other = await newIdentity();
    expect(await redeemLinkCode(testDb.db, other.identity, code, at(6))).toEqual({
      kind: 'invalid',
    });
    expect(await codesOf(person.id)).toEqual([]);
  });

  it('refuses an expired code like a wrong one', async () => {
    const { person } = await newIdentity('webchat');
    const { code } = await issueLinkCode(testDb.db, person.id, at(0));
    const { identity } = await newIdentity();

    const expired = await redeemLinkCode(testDb.db, identity, code, at(LINK_CODE_TTL_MINUTES));
    const wrong = await redeemLinkCode(testDb.db, identity, 'ZZZZ2222', at(1));
    expect(expired).toEqual({ kind: 'invalid' });
    expect(wrong).toEqual(expired);
  });

  it(`limits failures to ${MAX_FAILED_REDEMPTIONS} per window, then refuses a valid code`, async () => {
    const { person } = await newIdentity('webchat');
    const { identity } = await newIdentity();
    for (let minute = 0; minute < MAX_FAILED_REDEMPTIONS; minute++) {
      const outcome = await redeemLinkCode(testDb.db, identity, 'WRONG234', at(minute));
      expect(outcome).toEqual({ kind: 'invalid' });
    }
    const { code } = await issueLinkCode(testDb.db, person.id, at(5));

    const limited = await redeemLinkCode(testDb.db, identity, code, at(6));
    expect(limited).toEqual({
      kind: 'rate_limited',
      retryAfterMinutes: FAILED_REDEMPTION_WINDOW_MINUTES - 6,
    });

    // The first failure leaves the window: one more try is allowed, and this one works.
    const freed = await redeemLinkCode(testDb.db, identity, code, at(15.5));
    expect(freed).toMatchObject({ kind: 'linked', personId: person.id });
  });

  it('says so when the app is already linked to the same person', async () => {
    const web = await newIdentity('webchat');
    const { code } = await issueLinkCode(testDb.db, web.person.id, at(0));
    expect(await redeemLinkCode(testDb.db, web.identity, code, at(1))).toEqual({
      kind: 'already_linked',
      personId: web.person.id,
    });
  });

  it('moves the temporary person’s conversations and erases them, with audit rows', async () => {
    const web = await newIdentity('webchat');
    const telegram = await newIdentity();
    const conversation = await upsertConversation(
      testDb.db,
      telegram.person.id,
      { channel: 'telegram', externalId: `chat-${randomUUID()}` },
      { user: { id: telegram.identity.externalId } },
    );
    const { code } = await issueLinkCode(testDb.db, web.person.id, at(0));

    await redeemLinkCode(testDb.db, telegram.identity, code, at(1));

    const moved = await testDb.db
      .selectFrom('conversations')
      .select('person_id')
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(moved.person_id).toBe(web.person.id);
    const identities = await testDb.db
      .selectFrom('channel_identities')
      .select(['channel', 'person_id'])
      .where('external_id', '=', telegram.identity.externalId)
      .execute();
    expect(identities).toEqual([{ channel: 'telegram', person_id: web.person.id }]);
    const gone = await testDb.db
      .selectFrom('people')
      .select('id')
      .where('id', '=', telegram.person.id)
      .execute();
    expect(gone).toEqual([]);
    const audit = await testDb.db
      .selectFrom('audit_log')
      .select(['action', 'person_id', 'details'])
      .where('person_id', 'in', [web.person.id, telegram.person.id])
      .where('action', 'in', ['identity.linked', 'person.erased'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        action: 'identity.linked',
        person_id: web.person.id,
        details: {
          channel: 'telegram',
          identityId: expect.any(String),
          erasedPersonId: telegram.person.id,
        },
      },
      {
        action: 'person.erased',
        person_id: telegram.person.id,
        details: { mergedInto: web.person.id },
      },
    ]);
  });

  it('refuses, and keeps the code, when the app’s person has other identities', async () => {
    const web = await newIdentity('webchat');
    const telegram = await newIdentity();
    await testDb.db
      .insertInto('channel_identities')
      .values({ person_id: telegram.person.id, channel: 'sms', external_id: `+1555${Date.now()}` })
      .execute();
    const { code } = await issueLinkCode(testDb.db, web.person.id, at(0));

    expect(await redeemLinkCode(testDb.db, telegram.identity, code, at(1))).toEqual({
      kind: 'linked_elsewhere',
    });
    expect(await codesOf(web.person.id)).toHaveLength(1);
    const still = await testDb.db
      .selectFrom('channel_identities')
      .select('person_id')
      .where('external_id', '=', telegram.identity.externalId)
      .executeTakeFirstOrThrow();
    expect(still.person_id).toBe(telegram.person.id);
  });

  it('uses the database clock when given none', async () => {
    const { person } = await newIdentity('webchat');
    const { code, expiresAt } = await issueLinkCode(testDb.db, person.id);
    const minutesLeft = (expiresAt.getTime() - Date.now()) / MINUTE_MS;
    expect(minutesLeft).toBeGreaterThan(LINK_CODE_TTL_MINUTES - 1);
    expect(minutesLeft).toBeLessThanOrEqual(LINK_CODE_TTL_MINUTES + 1);
    const { identity } = await newIdentity();
    expect(await redeemLinkCode(testDb.db, identity, code)).toMatchObject({ kind: 'linked' });
  });
});
