/**
 * Answers to dose reminders from any point of a conversation: the Taken, Snooze and Skip
 * buttons (Skip with an optional reason), a late "took it" matched to the most recent open
 * dose, and doses that are not the person's or no longer open left alone.
 */
import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { createI18n } from '../../src/i18n/i18n.js';
import { buttonsOf, textOf } from '../../test/support/dialog-test-kit.js';
import { useOnboardedHarness } from '../../test/support/onboarded-harness.js';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { doseOf, seedDose, seedMedication } from './testing/medication-test-kit.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

const HOUR_MS = 3_600_000;

const database = useTestDatabase();
const harness = useOnboardedHarness(database);

/** An onboarded person in Chicago with one medication and an open dose due `hoursAgo`. */
async function personWithOpenDose(language: 'en' | 'es' = 'en', hoursAgo = 1) {
  const { user, person } = await harness.onboardNew({ language });
  const medication = await seedMedication(database.db, person.id);
  const dueAt = new Date(Date.now() - hoursAgo * HOUR_MS);
  const doseId = await seedDose(database.db, medication, dueAt);
  return { user, person, medication, doseId, time: chicagoTime(dueAt) };
}

function chicagoTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'America/Chicago' }).toFormat('HH:mm');
}

describe('the reminder buttons', () => {
  it('records Taken and says so kindly, then shows the menu', async () => {
    const { user, doseId, time } = await personWithOpenDose();

    const replies = await harness.send(user, '', { value: `dose:taken:${doseId}` });
    expect(replies.map((reply) => reply.text)).toEqual([
      en('medications:dose.taken', { time }),
      en('menu:prompt'),
    ]);
    expect(await doseOf(database.db, doseId)).toMatchObject({ status: 'taken' });
    expect((await doseOf(database.db, doseId)).resolved_at).toBeInstanceOf(Date);
  });

  it('works in the middle of another question, which is asked again after', async () => {
    const { user, doseId, time } = await personWithOpenDose();
    await harness.send(user, '', { value: 'menu:profile' });
    await harness.send(user, '', { value: 'field:name' });

    const replies = await harness.send(user, '', { value: `dose:taken:${doseId}` });
    expect(replies.map((reply) => reply.text)).toEqual([
      en('medications:dose.taken', { time }),
      en('common:field.name.ask'),
    ]);
    const saved = await harness.send(user, 'Zoë');
    expect(textOf(saved)).toContain(
      en('profile:saved', { label: en('common:field.name.label'), value: 'Zoë' }),
    );
  });

  it('snoozes through the reminders engine and says when it will remind again', async () => {
    const { user, doseId } = await personWithOpenDose();

    const replies = await harness.send(user, '', { value: `dose:snooze:${doseId}` });
    expect(harness.reminders.callsFor(doseId)).toEqual(['snoozeDose']);
    const { until } = harness.reminders.calls.find((call) => call.id === doseId)!;
    expect(textOf(replies)).toContain(
      en('medications:dose.snoozed', { time: chicagoTime(until!) }),
    );
    expect(await doseOf(database.db, doseId)).toMatchObject({ status: 'open' });
  });

  it('asks why a dose was skipped and keeps the reason', async () => {
    const { user, doseId, time } = await personWithOpenDose();

    const why = await harness.send(user, '', { value: `dose:skip:${doseId}` });
    expect(textOf(why)).toBe(en('medications:dose.skipWhy', { time }));
    expect(buttonsOf(why)).toEqual([en('common:skip')]);
    const done = await harness.send(user, 'I felt sick');
    expect(textOf(done)).toContain(en('medications:dose.skippedWithReason', { time }));

    expect(await doseOf(database.db, doseId)).toMatchObject({
      status: 'skipped',
      skip_reason: 'I felt sick',
    });
  });

  it('skips without a reason on Skip', async () => {
    const { user, doseId, time } = await personWithOpenDose();

    await harness.send(user, '', { value: `dose:skip:${doseId}` });
    const done = await harness.send(user, '', { value: 'answer:skip' });
    expect(textOf(done)).toContain(en('medications:dose.skipped', { time }));
    expect(await doseOf(database.db, doseId)).toMatchObject({
      status: 'skipped',
      skip_reason: null,
    });
  });

  it("leaves alone a dose that is someone else's or already answered", async () => {
    const owner = await personWithOpenDose();
    const other = await personWithOpenDose();

    const replies = await harness.send(other.user, '', { value: `dose:taken:${owner.doseId}` });
    expect(textOf(replies)).toContain(en('medications:dose.notOpen'));
    expect(await doseOf(database.db, owner.doseId)).toMatchObject({ status: 'open' });
    await harness.send(other.user, '', { value: `dose:snooze:${owner.doseId}` });
    expect(harness.reminders.callsFor(owner.doseId)).toEqual([]);

    await harness.send(owner.user, '', { value: `dose:taken:${owner.doseId}` });
    const again = await harness.send(owner.user, '', { value: `dose:skip:${owner.doseId}` });
    expect(textOf(again)).toContain(en('medications:dose.notOpen'));
    expect(await doseOf(database.db, owner.doseId)).toMatchObject({ status: 'taken' });
  });
});

describe('a late "took it"', () => {
  it('is matched to the most recent open dose', async () => {
    const { user, medication, doseId, time } = await personWithOpenDose('en', 2);
    const olderId = await seedDose(database.db, medication, new Date(Date.now() - 6 * HOUR_MS));

    const replies = await harness.send(user, 'I took my pill!');
    expect(textOf(replies)).toContain(en('medications:dose.taken', { time }));
    expect(await doseOf(database.db, doseId)).toMatchObject({ status: 'taken' });
    expect(await doseOf(database.db, olderId)).toMatchObject({ status: 'open' });
  });

  it('is understood in Spanish', async () => {
    const { user, doseId, time } = await personWithOpenDose('es', 3);

    const replies = await harness.send(user, 'Ya la tomé');
    expect(textOf(replies)).toContain(es('medications:dose.taken', { time }));
    expect(await doseOf(database.db, doseId)).toMatchObject({ status: 'taken' });
  });

  it('with nothing open gets a kind answer and the menu', async () => {
    const { user } = await harness.onboardNew();

    const replies = await harness.send(user, 'took it');
    expect(replies.map((reply) => reply.text)).toEqual([
      en('medications:dose.nothingOpen'),
      en('menu:prompt'),
    ]);
  });

  it('does not reach back past a day', async () => {
    const { user, doseId } = await personWithOpenDose('en', 30);

    expect(textOf(await harness.send(user, 'took it'))).toContain(
      en('medications:dose.nothingOpen'),
    );
    expect(await doseOf(database.db, doseId)).toMatchObject({ status: 'open' });
  });
});
