/**
 * Tests for combining DetectEntitiesV2 and InferRxNorm findings into understandings, without
 * HTTP: several medications in one text, negation, matching by offsets, the injected details
 * parser and the words it is given. All text and codes are synthetic.
 */
import { describe, expect, it } from '@jest/globals';
import type { MedicationUnderstanding } from '../medical-text-analyzer.js';
import type { DetailsParser } from './medication-details.js';
import { mentionsMedication, readMedications } from './medication-entities.js';
import { attribute, medicationEntity, rxNormEntity } from './testing/comprehend-fixtures.js';

describe('readMedications', () => {
  it('reads two medications in the order written, each with its own details', () => {
    const text = 'Ondansetron 8 mg as needed and tamoxifen 20 mg daily';
    const findings = {
      // Comprehend does not promise any order; the later one comes first here.
      entities: [
        medicationEntity(text, 'GENERIC_NAME', 'tamoxifen', [
          attribute(text, 'STRENGTH', '20 mg'),
          attribute(text, 'FREQUENCY', 'daily'),
        ]),
        medicationEntity(text, 'GENERIC_NAME', 'Ondansetron', [
          attribute(text, 'STRENGTH', '8 mg'),
          attribute(text, 'FREQUENCY', 'as needed'),
        ]),
      ],
      rxNormEntities: [
        rxNormEntity(text, 'GENERIC_NAME', 'Ondansetron', [{ Code: '900011', Score: 0.9 }]),
        rxNormEntity(text, 'GENERIC_NAME', 'tamoxifen', [{ Code: '900001', Score: 0.9 }]),
      ],
    };

    const medications = readMedications(text, findings, { language: 'en' });

    expect(medications).toEqual([
      {
        name: 'Ondansetron',
        genericName: 'ondansetron',
        rxNormId: '900011',
        recognized: true,
        strength: { value: 8, unit: 'mg' },
        asNeeded: true,
        problems: [],
      },
      {
        name: 'tamoxifen',
        genericName: 'tamoxifen',
        rxNormId: '900001',
        recognized: true,
        strength: { value: 20, unit: 'mg' },
        frequency: { timesPerDay: 1 },
        asNeeded: false,
        problems: [],
      },
    ] satisfies MedicationUnderstanding[]);
  });

  it('leaves out a medication the person says they no longer take', () => {
    const text = 'I stopped letrozole and take tamoxifen';
    const negation = { Traits: [{ Name: 'NEGATION' as const, Score: 0.93 }] };
    const findings = {
      entities: [
        medicationEntity(text, 'GENERIC_NAME', 'letrozole', [], negation),
        medicationEntity(text, 'GENERIC_NAME', 'tamoxifen'),
      ],
      rxNormEntities: [],
    };

    const names = readMedications(text, findings, { language: 'en' }).map((m) => m.name);

    expect(names).toEqual(['tamoxifen']);
    expect(mentionsMedication(findings)).toBe(true);
  });

  it('ignores other categories and attributes weakly related to the name', () => {
    const text = 'tamoxifen 20 mg, headache twice a day';
    const weakFrequency = {
      ...attribute(text, 'FREQUENCY', 'twice a day'),
      RelationshipScore: 0.2,
    };
    const findings = {
      entities: [
        medicationEntity(text, 'GENERIC_NAME', 'tamoxifen', [
          attribute(text, 'STRENGTH', '20 mg'),
          weakFrequency,
        ]),
        {
          ...medicationEntity(text, 'GENERIC_NAME', 'headache'),
          Category: 'MEDICAL_CONDITION' as const,
        },
      ],
      rxNormEntities: [],
    };

    const [only, ...rest] = readMedications(text, findings, { language: 'en' });

    expect(rest).toEqual([]);
    expect(only?.strength).toEqual({ value: 20, unit: 'mg' });
    expect(only?.frequency).toBeUndefined();
  });

  it('finds the RxNorm entity by its text when offsets are missing', () => {
    const text = 'Tamoxifen daily';
    const entity = {
      ...medicationEntity(text, 'GENERIC_NAME', 'Tamoxifen'),
      BeginOffset: undefined,
    };
    const rx = {
      ...rxNormEntity(text, 'GENERIC_NAME', 'Tamoxifen', [{ Code: '900001', Score: 0.7 }]),
    };
    delete rx.BeginOffset;
    delete rx.EndOffset;
    rx.Text = 'tamoxifen';

    const [medication] = readMedications(
      text,
      { entities: [entity], rxNormEntities: [rx] },
      { language: 'en' },
    );

    expect(medication?.rxNormId).toBe('900001');
  });

  it('gives the details parser the words about each medication and lets its fields win', () => {
    // The emoji is two UTF-16 units but one code point, and Comprehend counts code points.
    const text = '🙂every morning Xeloda 1500mg, 14 days on 7 off;letrozole 2.5 mg';
    const calls: [string, string][] = [];
    const parseDetails: DetailsParser = (words, language) => {
      calls.push([words, language]);
      return words.startsWith('every morning')
        ? {
            name: 'not a name to keep',
            recognized: false,
            cycle: { daysOn: 14, daysOff: 7 },
            frequency: { timesPerDay: 1, timesOfDay: ['07:30'] },
            problems: ['cycle_implausible'],
          }
        : {};
    };
    const findings = {
      entities: [
        medicationEntity(text, 'BRAND_NAME', 'Xeloda', [
          attribute(text, 'FREQUENCY', 'every morning'),
          attribute(text, 'DOSAGE', '1500mg'),
        ]),
        medicationEntity(text, 'GENERIC_NAME', 'letrozole', [
          attribute(text, 'STRENGTH', '2.5 mg'),
        ]),
      ],
      rxNormEntities: [
        rxNormEntity(text, 'BRAND_NAME', 'Xeloda', [
          { Code: '900021', Description: 'capecitabine 500 MG Oral Tablet [Xeloda]', Score: 0.8 },
        ]),
      ],
    };

    const [xeloda, letrozole] = readMedications(text, findings, { language: 'en', parseDetails });

    expect(calls).toEqual([
      ['every morning Xeloda 1500mg, 14 days on 7 off;', 'en'],
      ['letrozole 2.5 mg', 'en'],
    ]);
    expect(xeloda).toEqual({
      name: 'Xeloda',
      genericName: 'capecitabine',
      rxNormId: '900021',
      recognized: true,
      strength: { value: 1500, unit: 'mg' },
      frequency: { timesPerDay: 1, timesOfDay: ['07:30'] },
      cycle: { daysOn: 14, daysOff: 7 },
      asNeeded: false,
      problems: ['cycle_implausible'],
    } satisfies MedicationUnderstanding);
    expect(letrozole?.strength).toEqual({ value: 2.5, unit: 'mg' });
  });

  it('returns nothing when Comprehend found no medication name', () => {
    const text = 'I feel tired today';

    const findings = { entities: [], rxNormEntities: [] };

    expect(readMedications(text, findings, { language: 'en' })).toEqual([]);
    expect(mentionsMedication(findings)).toBe(false);
  });
});
