/**
 * The message-retention sweep against PostgreSQL: what is older than MESSAGE_RETENTION_DAYS
 * and done with is forgotten, and expired care invitations go; what is newer, or still
 * needed, is kept.
 */
import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { createLogger } from '../logging/logger.js';
import { insertInvitation } from '../storage/care-links.js';
import { insertPerson } from '../storage/people.js';
import { appendActivity, createWebchatConversation } from '../storage/webchat-transcripts.js';
import { startRetentionSweep } from './retention-sweep.js';

const database = useTestDatabase();
const NOW = new Date('2027-06-30T12:00:00Z');
const OLD = new Date('2027-03-01T12:00:00Z');
const RECENT = new Date('2027-06-20T12:00:00Z');
const LATER = new Date('2027-07-01T12:00:00Z');

function sweeper() {
  return startRetentionSweep({
    db: database.db,
    logger: createLogger('silent'),
    retentionDays: 90,
    clock: () => NOW,
    firstRunDelayMs: 3_600_000,
  });
}

async function transcriptAt(conversationId: string, at: Date, text: string) {
  const stored = await appendActivity(database.db, conversationId, { type: 'message', text });
  await sql`update webchat_activities set created_at = ${at}
    where conversation_id = ${conversationId} and seq = ${stored!.seq}`.execute(database.db);
}

async function outboxAt(key: string, at: Date, status: string) {
  await sql`insert into outbox
      (channel, address, address_key, payload, status, idempotency_key, created_at)
    values ('webchat', '{}', ${`webchat:${key}`}, ${JSON.stringify({ text: `synthetic ${key}` })},
      ${status}, ${key}, ${at})`.execute(database.db);
}

async function inboxAt(externalId: string, at: Date, status: string) {
  await sql`insert into inbox (channel, external_id, status, payload, received_at)
    values ('telegram', ${externalId}, ${status}, '{"activity":{}}', ${at})`.execute(database.db);
}

describe('the message retention sweep', () => {
  it('forgets old message text that is done with, and keeps the rest', async () => {
    await createWebchatConversation(database.db, 'conv-retention', 'u_retention');
    await transcriptAt('conv-retention', OLD, 'old words');
    await transcriptAt('conv-retention', RECENT, 'recent words');
    await outboxAt('old-delivered', OLD, 'delivered');
    await outboxAt('old-failed', OLD, 'failed');
    await outboxAt('old-pending', OLD, 'pending');
    await outboxAt('recent-delivered', RECENT, 'delivered');
    await inboxAt('old-processed', OLD, 'processed');
    await inboxAt('old-failed', OLD, 'failed');
    await inboxAt('old-received', OLD, 'received');
    await inboxAt('recent-processed', RECENT, 'processed');
    const person = await insertPerson(database.db, 'en');
    const { id: conversationId } = await database.db
      .insertInto('conversations')
      .values({ person_id: person.id, channel: 'webchat', external_id: 'c-r', address: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [text, seenAt] of [
      ['seen long ago', OLD],
      ['never seen', null],
    ] as const) {
      await database.db
        .insertInto('staff_queue')
        .values({ conversation_id: conversationId, person_id: person.id, text, seen_at: seenAt })
        .execute();
    }

    await insertInvitation(database.db, person.id, 'a'.repeat(64), OLD);
    const open = await insertInvitation(database.db, person.id, 'b'.repeat(64), LATER);

    const sweep = sweeper();
    const forgotten = await sweep.runNow();
    const again = await sweep.runNow();
    await sweep.stop();

    expect(forgotten).toEqual({
      transcriptActivities: 1,
      outboxPayloads: 2,
      inboxRows: 2,
      staffQueueRows: 1,
      expiredInvitations: 1,
    });
    // Nothing more to forget the second time.
    expect(again).toEqual({
      transcriptActivities: 0,
      outboxPayloads: 0,
      inboxRows: 0,
      staffQueueRows: 0,
      expiredInvitations: 0,
    });
    const invitations = await database.db.selectFrom('care_invitations').select('id').execute();
    expect(invitations.map((row) => row.id)).toEqual([open]);
    const transcript = await database.db
      .selectFrom('webchat_activities')
      .select('activity')
      .where('conversation_id', '=', 'conv-retention')
      .execute();
    expect(transcript.map((row) => row.activity.text)).toEqual(['recent words']);
    const outbox = await database.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'payload'])
      .orderBy('idempotency_key')
      .execute();
    expect(outbox).toEqual([
      { idempotency_key: 'old-delivered', payload: {} },
      { idempotency_key: 'old-failed', payload: {} },
      { idempotency_key: 'old-pending', payload: { text: 'synthetic old-pending' } },
      { idempotency_key: 'recent-delivered', payload: { text: 'synthetic recent-delivered' } },
    ]);
    const inbox = await database.db
      .selectFrom('inbox')
      .select('external_id')
      .orderBy('external_id')
      .execute();
    expect(inbox.map((row) => row.external_id)).toEqual(['old-received', 'recent-processed']);
    const queue = await database.db.selectFrom('staff_queue').select('text').execute();
    expect(queue.map((row) => row.text)).toEqual(['never seen']);
  });
});
