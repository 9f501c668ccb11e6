/**
 * Picking a numbered option from a typed reply: numbers in many spellings, number words in
 * English and Spanish, the option's own words, and nothing at all when a reply is unclear.
 */
import { describe, expect, it } from '@jest/globals';
import { pickOption } from './sms-option-choice.js';
import type { SmsOption } from './sms-rendering.js';

const options = (...titles: string[]): SmsOption[] =>
  titles.map((title, index) => ({ title, value: `value:${index + 1}` }));

const menu = options(
  'My profile',
  'Change language',
  'Link another app',
  'Talk to a person',
  'Delete my data',
  'Help',
);
const roles = options('I’m a patient', 'I’m a caregiver');

/** Each reply with the value it picks. */
const pickAll = (replies: readonly string[], from: readonly SmsOption[]) =>
  replies.map((reply) => [reply, pickOption(reply, from)]);

const expectPicks = (replies: readonly string[], from: readonly SmsOption[], value?: string) =>
  expect(pickAll(replies, from)).toEqual(replies.map((reply) => [reply, value]));

describe('pickOption by number', () => {
  it('reads the number however it is written', () => {
    expectPicks(['2', ' 2. ', '2)', '(2)', '#2', '# 2', '02', '2!', '2️⃣'], menu, 'value:2');
    expectPicks(
      ['option 2', 'Opción 2', 'number 2', 'número 2', 'nº 2', 'n° 2', 'No. 2', 'la 2'],
      menu,
      'value:2',
    );
    expectPicks(['2 please', '2 por favor', '2, thanks'], menu, 'value:2');
  });

  it('reads number words and ordinals in English and Spanish', () => {
    expectPicks(
      [
        'one',
        'One.',
        'uno',
        'una',
        'first',
        'the first one',
        'the first option',
        'la primera opción',
        'primero',
        'la primera',
        '1st',
        '1º',
      ],
      menu,
      'value:1',
    );
    expectPicks(['three', 'TRES', 'third', 'tercera', 'el tercero', '3rd'], menu, 'value:3');
    expectPicks(['six', 'seis', 'sexta'], menu, 'value:6');
  });

  it('takes a number with the option’s words when both name the same option', () => {
    expect(pickOption('2 Change language', menu)).toBe('value:2');
    expect(pickOption('1. I’m a patient', roles)).toBe('value:1');
  });

  it('picks nothing for a number out of range or a number that disagrees with the words', () => {
    expectPicks(['0', '7', 'seven', '2 Help', '1 and 2', '1 or 2', '12'], menu, undefined);
  });

  it('prefers a title that starts with a number over the number itself', () => {
    const weeks = options('2 weeks', '1 week');
    expect(pickOption('2 weeks', weeks)).toBe('value:1');
    expect(pickOption('2', weeks)).toBe('value:2');
  });
});

describe('pickOption by words', () => {
  it('matches the whole title without regard to case, accents or punctuation', () => {
    expect(pickOption('talk to a person', menu)).toBe('value:4');
    expect(pickOption('HELP!', menu)).toBe('value:6');
    expect(pickOption('im a caregiver', roles)).toBe('value:2');
    const spanish = options('Cambiar idioma', 'Menú principal');
    expect(pickOption('menu principal', spanish)).toBe('value:2');
    expect(pickOption('CAMBIAR IDIOMA', spanish)).toBe('value:1');
  });

  it('matches a reply that names one title, or a part of one title only', () => {
    expect(pickOption('caregiver', roles)).toBe('value:2');
    expect(pickOption('I am the patient', roles)).toBe('value:1');
    expect(pickOption('profile', menu)).toBe('value:1');
    expect(pickOption('I want to talk to a person please', menu)).toBe('value:4');
    expect(pickOption('caregivers', roles)).toBe('value:2');
    expect(pickOption('el idioma', options('Cambiar idioma', 'Ayuda'))).toBe('value:1');
  });

  it('prefers the title that covers more of the reply', () => {
    const nested = options('Patient', 'Caregiver of a patient');
    expect(pickOption('I am the caregiver of a patient', nested)).toBe('value:2');
    expect(pickOption('patient', nested)).toBe('value:1');
  });

  it('picks nothing when the words fit several options or none', () => {
    expectPicks(['my', 'data profile', 'something else', 'a', ''], menu, undefined);
    expect(pickOption('im', roles)).toBeUndefined();
    expect(pickOption('I’m a patient and a caregiver', roles)).toBeUndefined();
    expect(pickOption('first', [])).toBeUndefined();
  });

  it('picks nothing when the reply negates the option it names', () => {
    expect(pickOption('not the patient', roles)).toBeUndefined();
    expect(pickOption('I’m not a patient, I’m a caregiver', roles)).toBeUndefined();
    expect(pickOption('no soy paciente', options('Paciente', 'Cuidador'))).toBeUndefined();
  });

  it('still matches an option that is itself a negation', () => {
    const yesNo = options('Yes', 'No thanks');
    expect(pickOption('no', yesNo)).toBe('value:2');
    expect(pickOption('No, thanks!', yesNo)).toBe('value:2');
    expect(pickOption('yes please', yesNo)).toBe('value:1');
  });

  it('picks nothing between two options with the same title', () => {
    expect(pickOption('Help', options('Help', 'Help'))).toBeUndefined();
  });
});
