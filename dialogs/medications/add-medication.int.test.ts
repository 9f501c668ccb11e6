/**
 * Adding a medication in one's own words, through the real turn pipeline and the offline
 * analyzer: the read-back, correcting one part, unknown drugs kept as written, impossible
 * schedules questioned and never saved, the part-by-part fallback when the analyzer
 * cannot answer, and the rows and reminder plans that result.
 */
import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import {
  MedicalTextAnalysisError,
  type MedicalTextAnalyzer,
} from '../../src/medications/analysis/medical-text-analyzer.js';
import { buttonsOf, personOf, textOf } from '../../test/support/dialog-test-kit.js';
import { useOnboardedHarness } from '../../test/support/onboarded-harness.js';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { medicationsOf, todayIn } from './testing/medication-test-kit.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

const failingAnalyzer: MedicalTextAnalyzer = {
  name: 'comprehend-medical',
  analyze: async () => {
    throw new MedicalTextAnalysisError('throttled', true);
  },
};

const database = useTestDatabase();
const harness = useOnboardedHarness(database);
const failingHarness = useOnboardedHarness(database, { analyzer: failingAnalyzer });

/** The read-back; `quietTimes` are the reminder times inside the default quiet hours. */
function readBack(summary: string, t = en, quietTimes?: string): string {
  const quiet = quietTimes
    ? `\n\n${t('medications:review.quietHours', { times: quietTimes, start: '21:00', end: '08:00' })}`
    : '';
  return `${t('medications:review.intro')}\n${summary}${quiet}\n\n${t('medications:review.question')}`;
}

describe('adding a medication in English', () => {
  it('reads back what it understood, saves it on Yes and plans its reminders', async () => {
    const { user, person } = await harness.onboardNew();

    const ask = await harness.send(user, '', { value: 'menu:add-medication' });
    expect(textOf(ask)).toBe(en('medications:add.ask'));
    expect(buttonsOf(ask)).toEqual([en('medications:button.cancel')]);

    const review = await harness.send(user, 'Tamoxifen 20 mg every morning');
    expect(textOf(review)).toBe(readBack('tamoxifen (generic) 20 mg, every day at 08:00'));
    expect(buttonsOf(review)).toEqual([
      en('medications:button.yes'),
      en('medications:button.changeSomething'),
      en('medications:button.cancel'),
    ]);

    const saved = await harness.send(user, 'yes');
    expect(textOf(saved)).toContain(en('medications:saved.self', { name: 'tamoxifen' }));
    expect(textOf(saved)).toContain(
      en('medications:reminders.when', { when: 'every day at 08:00' }),
    );
    expect(textOf(saved)).toContain(en('menu:prompt'));

    const [row, ...others] = await medicationsOf(database.db, person.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      name: 'tamoxifen',
      generic_name: 'tamoxifen',
      recognized: true,
      strength_value: '20',
      strength_unit: 'mg',
      times_of_day: ['08:00'],
      as_needed: false,
      added_by: person.id,
      paused_at: null,
    });
    expect(row!.start_date).toBe(todayIn('America/Chicago'));
    expect(harness.reminders.callsFor(row!.id)).toEqual(['planMedication']);
  });

  it('asks the reminder times when only "twice a day" was said, suggesting defaults', async () => {
    const { user, person } = await harness.onboardNew();
    await harness.send(user, 'add medication');

    const times = await harness.send(user, 'Xeloda 1500mg twice a day, 2 weeks on 1 week off');
    expect(textOf(times)).toBe(
      en('medications:ask.reminderTimesPerDay', { name: 'Xeloda', count: 2 }),
    );
    expect(buttonsOf(times)).toEqual([
      en('medications:button.useTimes', { times: '09:00 and 21:00' }),
      en('medications:button.cancel'),
    ]);

    const review = await harness.send(user, '7am and 7pm');
    expect(textOf(review)).toBe(
      readBack(
        'Xeloda (capecitabine) 1,500 mg, every day at 07:00 and 19:00, 14 days on, 7 days off',
        en,
        '07:00',
      ),
    );
    await harness.send(user, '', { value: 'med:yes' });

    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({
      name: 'Xeloda',
      generic_name: 'capecitabine',
      times_of_day: ['07:00', '19:00'],
      cycle_days_on: 14,
      cycle_days_off: 7,
    });
  });

  it('lets the person correct one part, then reads back again', async () => {
    const { user, person } = await harness.onboardNew();
    await harness.send(user, 'add medication');
    await harness.send(user, 'tamoxifen 20 mg every morning');

    const which = await harness.send(user, 'Change something');
    expect(textOf(which)).toBe(en('medications:change.ask'));
    expect(buttonsOf(which)).toContain(en('medications:field.strength'));

    expect(textOf(await harness.send(user, '', { value: 'medfield:strength' }))).toBe(
      en('medications:ask.strength', { name: 'tamoxifen' }),
    );
    expect(textOf(await harness.send(user, 'lots'))).toBe(en('medications:retry.strength'));
    const review = await harness.send(user, '10mg');
    expect(textOf(review)).toBe(readBack('tamoxifen (generic) 10 mg, every day at 08:00'));

    await harness.send(user, 'yes');
    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({ strength_value: '10', times_of_day: ['08:00'] });
  });

  it('keeps an unknown drug as written, flags it and still reminds', async () => {
    const { user, person } = await harness.onboardNew();
    await harness.send(user, 'add medication');

    const review = await harness.send(user, 'Zorblatin 5 mg at 9pm');
    expect(textOf(review)).toBe(
      `${en('medications:unknownDrug', { name: 'Zorblatin' })}\n\n${readBack('Zorblatin 5 mg, every day at 21:00', en, '21:00')}`,
    );
    await harness.send(user, 'yes');

    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({
      name: 'Zorblatin',
      recognized: false,
      generic_name: null,
      rxnorm_id: null,
      times_of_day: ['21:00'],
    });
    expect(harness.reminders.callsFor(row!.id)).toEqual(['planMedication']);
  });

  it('says nothing of quiet hours to a person who turned them off', async () => {
    const { user, person } = await harness.onboardNew();
    await database.db
      .updateTable('people')
      .set({ quiet_hours_start: '00:00', quiet_hours_end: '00:00' })
      .where('id', '=', person.id)
      .execute();
    await harness.send(user, 'add medication');

    const review = await harness.send(user, 'tamoxifen 20 mg at 10pm');
    expect(textOf(review)).toBe(readBack('tamoxifen (generic) 20 mg, every day at 22:00'));
  });

  it('questions an impossible schedule and saves nothing', async () => {
    const { user, person } = await harness.onboardNew();
    await harness.send(user, 'add medication');

    const question = await harness.send(user, 'tamoxifen 20 mg every 0 hours');
    expect(textOf(question)).toBe(
      `${en('medications:problem.zero_interval')}\n\n${en('medications:ask.times', { name: 'tamoxifen' })}`,
    );
    const cancelled = await harness.send(user, 'cancel');
    expect(textOf(cancelled)).toContain(en('medications:cancelled'));

    expect(await medicationsOf(database.db, person.id)).toEqual([]);
  });

  it('asks the amount again when it is implausible, and saves once it is fixed', async () => {
    const { user, person } = await harness.onboardNew();
    await harness.send(user, 'add medication');

    const question = await harness.send(user, 'tamoxifen 40 tablets twice a day');
    expect(textOf(question)).toContain(en('medications:problem.too_many_units'));
    expect(textOf(question)).toContain(en('medications:ask.dose', { name: 'tamoxifen' }));
    expect(await medicationsOf(database.db, person.id)).toEqual([]);

    await harness.send(user, '1 tablet');
    const review = await harness.send(user, '', { value: 'times:suggested' });
    expect(textOf(review)).toBe(
      readBack(
        'tamoxifen (generic), 1 tablet, every day at 09:00 and 21:00, by mouth',
        en,
        '21:00',
      ),
    );
    await harness.send(user, 'yes');
    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({
      dose_value: '1',
      dose_form: 'tablet',
      times_of_day: ['09:00', '21:00'],
    });
  });

  it('goes through several medications named together, one at a time', async () => {
    const { user, person } = await harness.onboardNew();
    await harness.send(user, 'add medication');

    const first = await harness.send(
      user,
      'letrozole 2.5 mg once a day and ondansetron 8 mg as needed for nausea',
    );
    expect(textOf(first)).toContain(en('medications:add.several', { count: 2 }));
    expect(textOf(first)).toContain(
      en('medications:ask.reminderTimesPerDay', { name: 'letrozole', count: 1 }),
    );
    await harness.send(user, '', { value: 'times:suggested' });
    const next = await harness.send(user, 'yes');
    expect(textOf(next)).toContain(en('medications:review.next', { name: 'ondansetron' }));
    expect(textOf(next)).toContain('ondansetron (generic) 8 mg, only when needed, for nausea');
    const saved = await harness.send(user, 'yes');
    expect(textOf(saved)).toContain(en('medications:reminders.none'));

    const rows = await medicationsOf(database.db, person.id);
    expect(rows.map((row) => [row.name, row.as_needed, row.times_of_day])).toEqual([
      ['letrozole', false, ['09:00']],
      ['ondansetron', true, []],
    ]);
  });

  it('reads a description in Spanish from someone who speaks English', async () => {
    const { user } = await harness.onboardNew();
    await harness.send(user, 'add medication');

    const review = await harness.send(user, 'tamoxifeno 20 mg cada mañana');
    expect(textOf(review)).toBe(readBack('tamoxifeno (tamoxifen) 20 mg, every day at 08:00'));
  });

  it("asks where the person is first when CareLine doesn't know their time zone", async () => {
    const { user, person } = await harness.onboardNew({ place: 'skip' });
    expect(person.time_zone).toBeNull();

    expect(textOf(await harness.send(user, 'add medication'))).toBe(
      en('common:field.timeZone.ask'),
    );
    expect(textOf(await harness.send(user, 'Madrid'))).toBe(en('medications:add.ask'));
    await harness.send(user, 'tamoxifen 20 mg every morning');
    await harness.send(user, 'yes');

    expect((await personOf(database.db, user)).time_zone).toBe('Europe/Madrid');
    const [row] = await medicationsOf(database.db, person.id);
    expect(row!.start_date).toBe(todayIn('Europe/Madrid'));
  });
});

describe('adding a medication in Spanish', () => {
  it('understands, reads back and saves in Spanish', async () => {
    const { user, person } = await harness.onboardNew({ language: 'es' });

    expect(textOf(await harness.send(user, 'Añadir medicamento'))).toBe(es('medications:add.ask'));
    const times = await harness.send(
      user,
      'capecitabina 500 mg, 3 comprimidos dos veces al día, 14 días sí y 7 de descanso',
    );
    expect(textOf(times)).toBe(
      es('medications:ask.reminderTimesPerDay', { name: 'capecitabina', count: 2 }),
    );
    const review = await harness.send(user, '9 y 21');
    expect(textOf(review)).toBe(
      readBack(
        'capecitabina (capecitabine) 500 mg, 3 comprimidos, todos los días a las 09:00 y 21:00, 14 días de toma y 7 de descanso, por boca',
        es,
        '21:00',
      ),
    );
    const saved = await harness.send(user, 'sí');
    expect(textOf(saved)).toContain(es('medications:saved.self', { name: 'capecitabina' }));

    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({
      name: 'capecitabina',
      generic_name: 'capecitabine',
      dose_value: '3',
      dose_form: 'tablet',
      times_of_day: ['09:00', '21:00'],
    });
  });

  it('reads a corrected strength the way Spanish writes numbers', async () => {
    const { user, person } = await harness.onboardNew({ language: 'es' });
    await harness.send(user, 'Añadir medicamento');
    await harness.send(user, 'paracetamol 500 mg cada mañana');
    await harness.send(user, '', { value: 'med:change' });
    await harness.send(user, '', { value: 'medfield:strength' });

    const review = await harness.send(user, '1.000 mg');
    expect(textOf(review)).toContain('1000 mg');
    await harness.send(user, 'sí');
    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({ strength_value: '1000', strength_unit: 'mg' });
  });
});

describe('when the analyzer cannot answer', () => {
  it('asks part by part instead, and still saves', async () => {
    const { user, person } = await failingHarness.onboardNew();
    await failingHarness.send(user, 'add medication');

    const name = await failingHarness.send(user, 'tamoxifen 20 mg every morning');
    expect(textOf(name)).toBe(
      `${en('medications:add.fallback')}\n\n${en('medications:ask.name', { name: '' })}`,
    );
    expect(textOf(await failingHarness.send(user, 'Tamoxifen'))).toBe(
      en('medications:ask.strength', { name: 'Tamoxifen' }),
    );
    await failingHarness.send(user, '20 mg');
    await failingHarness.send(user, 'Skip');
    const review = await failingHarness.send(user, '8am and 8pm');
    expect(textOf(review)).toBe(readBack('Tamoxifen 20 mg, every day at 08:00 and 20:00'));
    await failingHarness.send(user, 'yes');

    const [row] = await medicationsOf(database.db, person.id);
    expect(row).toMatchObject({
      name: 'Tamoxifen',
      recognized: false,
      strength_value: '20',
      dose_value: null,
      times_of_day: ['08:00', '20:00'],
    });
    expect(failingHarness.reminders.callsFor(row!.id)).toEqual(['planMedication']);
  });
});
