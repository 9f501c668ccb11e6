/**
 * Test helpers for the dialogs' integration tests: a fresh person per test, the text a
 * person read, their rows in the database, and a quick way through onboarding for tests
 * about what comes after it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/storage/database.js';
import type { Person } from '../../src/storage/schema.js';

/** What a test sees of one reply (test/support/bot-harness.ts's `Reply`). */
export interface Reply {
  text: string;
  actions: string[];
}

/** The part of test/support/bot-harness.ts's `BotHarness` these helpers drive. */
export interface BotHarness {
  send(userId: string, text: string, options?: { value?: string }): Promise<Reply[]>;
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

/** The person behind a web chat user id, or undefined. */
export async function findPersonOf(db: Db, userId: string): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .innerJoin('channel_identities', 'channel_identities.person_id', 'people.id')
    .selectAll('people')
    .where('channel_identities.channel', '=', 'webchat')
    .where('channel_identities.external_id', '=', userId)
    .executeTakeFirst();
}

/** The person behind a web chat user id; fails the test when there is none. */
export async function personOf(db: Db, userId: string): Promise<Person> {
  const person = await findPersonOf(db, userId);
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
): Promise<Reply[]> {
  const { language = 'en', role = 'patient', name = 'Alex', place = 'Chicago' } = answers;
  await harness.send(userId, 'hi');
  await harness.send(userId, '', { value: `lang:${language}` });
  await harness.send(userId, '', { value: 'consent:agree' });
  await harness.send(userId, '', { value: `role:${role}` });
  await harness.send(userId, name);
  const afterPlace = await harness.send(userId, place);
  if (role === 'caregiver') return afterPlace;

  await harness.send(userId, '', { value: 'answer:skip' });
  return harness.send(userId, '', { value: 'answer:skip' });
}
