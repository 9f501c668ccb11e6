/**
 * The audience of bench/reminders: synthetic people in several time zones, without quiet
 * hours, each reachable on web chat and taking one medication, and a way to move every medication's daily time so all
 * their doses fall due at the same instant (the same local minute wherever they live).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';

/** Zones the people live in, whole- and half-hour offsets, both hemispheres. */
const TIME_ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Madrid',
  'Asia/Kolkata',
  'Australia/Sydney',
];
/** Rows per insert, well under PostgreSQL's 65,535 bind parameters. */
const INSERT_BATCH = 500;

export interface BenchPatient {
  personId: string;
  medicationId: string;
}

/** Creates `count` people with a reachable web chat conversation and one medication each. */
export async function createPatients(db: Db, count: number): Promise<BenchPatient[]> {
  const patients = Array.from({ length: count }, () => ({
    personId: randomUUID(),
    medicationId: randomUUID(),
  }));
  for (let start = 0; start < count; start += INSERT_BATCH) {
    await insertPatients(db, patients.slice(start, start + INSERT_BATCH), start);
  }
  return patients;
}

async function insertPatients(db: Db, patients: BenchPatient[], offset: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('people')
      .values(
        patients.map((p, i) => ({
          id: p.personId,
          locale: i % 2 === 0 ? 'en' : 'es',
          time_zone: TIME_ZONES[(offset + i) % TIME_ZONES.length]!,
          // No quiet hours (start equal to end): a reminder held overnight by choice is not
          // late, and the bench measures punctuality whatever the hour it runs at.
          quiet_hours_start: '00:00',
          quiet_hours_end: '00:00',
          onboarded_at: new Date(),
        })),
      )
      .execute();
    await trx
      .insertInto('channel_identities')
      .values(
        patients.map((p) => ({
          person_id: p.personId,
          channel: 'webchat',
          external_id: p.personId,
        })),
      )
      .execute();
    await trx
      .insertInto('conversations')
      .values(
        patients.map((p) => ({
          person_id: p.personId,
          channel: 'webchat',
          external_id: `conv-${p.personId}`,
          address: JSON.stringify(webchatAddress(p.personId)),
        })),
      )
      .execute();
    await trx
      .insertInto('medications')
      .values(
        patients.map((p) => ({
          id: p.medicationId,
          person_id: p.personId,
          name: 'capecitabine',
          recognized: true,
          times_of_day: ['08:00'],
          start_date: '2020-01-01',
        })),
      )
      .execute();
  });
}

function webchatAddress(userId: string) {
  return {
    channelId: 'webchat',
    user: { id: userId },
    conversation: { id: `conv-${userId}` },
    serviceUrl: 'http://127.0.0.1/bench',
  };
}

/** Moves every medication's one daily dose to the local time of `dueAt` in its person's zone. */
export async function setDoseTime(db: Db, dueAt: Date): Promise<void> {
  await sql`update medications m
    set times_of_day = array[to_char(${dueAt}::timestamptz at time zone p.time_zone, 'HH24:MI')]
    from people p where p.id = m.person_id`.execute(db);
}
