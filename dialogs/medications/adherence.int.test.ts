/**
 * "How am I doing": taken, skipped and missed doses over the last 7 and 30 days, overall and
 * per medication, and the current streak, computed from stored doses, in the person's
 * language; and a caregiver asking about a patient, with and without the patient sharing.
 */
import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { createI18n, type TFunction } from '../../src/i18n/i18n.js';
import type { DoseStatus, MedicationRow, Person } from '../../src/storage/schema.js';
import { buttonsOf, textOf } from '../../test/support/dialog-test-kit.js';
import { useOnboardedHarness } from '../../test/support/onboarded-harness.js';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { linkCaregiver, seedDose, seedMedication } from './testing/medication-test-kit.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

const database = useTestDatabase();
const harness = useOnboardedHarness(database);

/** A dose due one minute after local midnight, `daysAgo` days before today, in Chicago. */
async function doseDaysAgo(medication: MedicationRow, daysAgo: number, status: DoseStatus) {
  const dueAt = DateTime.now()
    .setZone('America/Chicago')
    .startOf('day')
    .minus({ days: daysAgo })
    .plus({ minutes: 1 });
  await seedDose(database.db, medication, dueAt.toJSDate(), status);
}

/** Two medications with a known history: see the counts in the tests. */
async function seedHistory(person: Person) {
  const letrozole = await seedMedication(database.db, person.id);
  const capecitabine = await seedMedication(database.db, person.id, {
    name: 'capecitabine',
    generic_name: 'capecitabine',
    strength_value: 500,
  });
  for (const days of [0, 1, 2]) await doseDaysAgo(letrozole, days, 'taken');
  await doseDaysAgo(letrozole, 3, 'skipped');
  await doseDaysAgo(letrozole, 10, 'missed');
  await doseDaysAgo(letrozole, 40, 'taken');
  await doseDaysAgo(capecitabine, 0, 'taken');
  await doseDaysAgo(capecitabine, 5, 'missed');
  await doseDaysAgo(capecitabine, 20, 'skipped');
  // Still open: counted nowhere.
  await seedDose(database.db, capecitabine, new Date(Date.now() - 60_000), 'open');
}

function counts(t: TFunction, taken: number, skipped: number, missed: number, percent: number) {
  return t('medications:adherence.counts', { taken, skipped, missed, percent });
}

function expectedReport(t: TFunction, title: string, letrozole = 'letrozole 2.5 mg'): string {
  const lines = [
    title,
    t('medications:adherence.overall', {
      week: counts(t, 4, 1, 1, 67),
      month: counts(t, 4, 2, 2, 50),
    }),
    [
      t('medications:adherence.medication', {
        name: letrozole,
        week: counts(t, 3, 1, 0, 75),
        month: counts(t, 3, 1, 1, 60),
      }),
      t('medications:adherence.medication', {
        name: 'capecitabine 500 mg',
        week: counts(t, 1, 0, 1, 50),
        month: counts(t, 1, 1, 1, 33),
      }),
    ].join('\n'),
    t('medications:adherence.streak', { count: 3 }),
  ];
  return lines.join('\n\n');
}

describe('how am I doing', () => {
  it('counts the last 7 and 30 days per medication and overall, with the streak', async () => {
    const { user, person } = await harness.onboardNew();
    await seedHistory(person);

    const replies = await harness.send(user, 'How am I doing?');
    expect(replies.map((reply) => reply.text)).toEqual([
      expectedReport(en, en('medications:adherence.title')),
      en('menu:prompt'),
    ]);
  });

  it('answers in Spanish to "¿cómo voy?"', async () => {
    const { user, person } = await harness.onboardNew({ language: 'es' });
    await seedHistory(person);

    const replies = await harness.send(user, '¿Cómo voy?');
    expect(textOf(replies)).toContain(
      expectedReport(es, es('medications:adherence.title'), 'letrozole 2,5 mg'),
    );
    expect(textOf(replies)).toContain('tomadas: 4, saltadas: 1, olvidadas: 1 (67 % tomadas)');
  });

  it('says when there is nothing to show yet', async () => {
    const { user } = await harness.onboardNew();

    const replies = await harness.send(user, '', { value: 'menu:adherence' });
    expect(textOf(replies)).toContain(en('medications:adherence.nothingYet'));
  });
});

describe('a caregiver asking about a patient', () => {
  it('sees the patient’s progress when the patient shares it', async () => {
    const patient = await harness.onboardNew({ name: 'Rosa' });
    const caregiver = await harness.onboardNew({ role: 'caregiver', name: 'Luis' });
    await linkCaregiver(database.db, patient.person.id, caregiver.person.id, {
      seeAdherence: true,
    });
    await seedHistory(patient.person);

    const whose = await harness.send(caregiver.user, 'how am i doing');
    expect(textOf(whose)).toBe(en('medications:subject.ask.see_adherence'));
    expect(buttonsOf(whose)).toContain('Rosa');
    const report = await harness.send(caregiver.user, 'Rosa');
    expect(textOf(report)).toContain(
      expectedReport(en, en('medications:adherence.titleFor', { name: 'Rosa' })),
    );
  });

  it('is not offered the patient’s progress without it being shared', async () => {
    const patient = await harness.onboardNew({ name: 'Rosa' });
    const caregiver = await harness.onboardNew({ role: 'caregiver', name: 'Luis' });
    await linkCaregiver(database.db, patient.person.id, caregiver.person.id, { manage: true });
    await seedHistory(patient.person);

    const replies = await harness.send(caregiver.user, 'how am i doing');
    expect(textOf(replies)).toContain(en('medications:adherence.title'));
    expect(textOf(replies)).toContain(en('medications:adherence.nothingYet'));
    expect(textOf(replies)).not.toContain('letrozole');
  });
});
