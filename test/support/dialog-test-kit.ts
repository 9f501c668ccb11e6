/**
 * Test helpers for the dialogs' integration tests: a fresh person per test, the text a
 * person read, their rows in the database, and a quick way through onboarding for tests
 * about what comes after it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/storage/database.js';
import type { ChannelId, Person } from '../../src/storage/schema.js';

/** What a test sees of one reply (test/support/bot-harness.ts's `Reply`). */
export interface Reply {
  text: string;
  actions: string[];
}

/** The part of test/support/bot-harness.ts's `BotHarness` these helpers drive. */
export interface BotHarness {
  send(
    userId: string,
    text: string,
    options?: { value?: string; channel?: ChannelId },
  ): Promise<Reply[]>;
}

/** A channel user id no other test uses. */
export function newUserId(): string {
  return `user-${randomUUID()}`;
}

/** Everything the person read in these replies, as one string. */
export function textOf(replies: Reply[]): string {
  return replies.map((reply) => reply.text).join('\n');
}

/** The button titles of the last reply that had any. */
export function buttonsOf(replies: Reply[]): string[] {
  const withButtons = replies.filter((reply) => reply.actions.length > 0);
  return withButtons[withButtons.length - 1]?.actions ?? [];
}

/** The person behind a user id on `channel` (default web chat), or undefined. */
export async function findPersonOf(
  db: Db,
  userId: string,
  channel: ChannelId = 'webchat',
): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .innerJoin('channel_identities', 'channel_identities.person_id', 'people.id')
    .selectAll('people')
    .where('channel_identities.channel', '=', channel)
    .where('channel_identities.external_id', '=', userId)
    .executeTakeFirst();
}

/** The person behind a user id on `channel` (default web chat); fails when there is none. */
export async function personOf(
  db: Db,
  userId: string,
  channel: ChannelId = 'webchat',
): Promise<Person> {
  const person = await findPersonOf(db, userId, channel);
  if (!person) throw new Error(`no person for ${userId}`);
  return person;
}

/** Audit actions recorded for a person, oldest first. */
export async function auditActionsOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.action);
}

export interface OnboardingAnswers {
  language?: 'en' | 'es';
  role?: 'patient' | 'caregiver';
  name?: string;
  place?: string;
}

/**
 * Takes a new person through onboarding by button presses and returns the replies to the
 * last answer (summary and menu). Patients skip cancer type and region.
 */
export async function onboardPerson(
  harness: BotHarness,
  userId: string,
  answers: OnboardingAnswers = {},
  channel: ChannelId = 'webchat',
): Promise<Reply[]> {
  const { language = 'en', role = 'patient', name = 'Alex', place = 'Chicago' } = answers;
  const press = (value: string) => harness.send(userId, '', { value, channel });
  await harness.send(userId, 'hi', { channel });
  await press(`lang:${language}`);
  await press('consent:agree');
  await press(`role:${role}`);
  await harness.send(userId, name, { channel });
  const afterPlace = await harness.send(userId, place, { channel });
  if (role === 'caregiver') return afterPlace;

  await press('answer:skip');
  return press('answer:skip');
}
