/**
 * Table-driven tests for the crisis screen: phrasings it must catch (English and Spanish, with
 * odd Unicode) and everyday phrasings it must leave alone. All text is synthetic.
 */
import { describe, expect, it } from '@jest/globals';
import { normaliseForScreening, screenForCrisis, type CrisisKind } from './crisis-screen.js';

const POSITIVES: readonly [string, CrisisKind][] = [
  // Suicide, English.
  ["I don't want to be here anymore", 'suicide'],
  ['Everyone would be better off without me.', 'suicide'],
  ['Some days I just want to end it all', 'suicide'],
  ['I keep thinking about ending my life', 'suicide'],
  ['I am going to kill myself', 'suicide'],
  ['what’s the point of going on', 'suicide'],
  ['I took all my pills an hour ago', 'suicide'],
  ['Honestly I want to die', 'suicide'],
  ['I have been having suicidal thoughts', 'suicide'],
  ['i dont want to live like this', 'suicide'],
  ['I wish I could go to sleep and never wake up', 'suicide'],
  ['I CAN’T GO ON ANYMORE', 'suicide'],
  ['I  don’t   want to be here', 'suicide'],
  ['ｉ ｗａｎｔ ｔｏ ｄｉｅ', 'suicide'],
  ['I want to kill\u200Bmyself', 'suicide'],
  // Suicide, Spanish.
  ['Ya no quiero vivir', 'suicide'],
  ['quiero morirme', 'suicide'],
  ['He pensado en quitarme la vida', 'suicide'],
  ['Todos estarían mejor sin mí', 'suicide'],
  ['todos estarian mejor sin mi', 'suicide'],
  ['Ya no aguanto más, quiero desaparecer', 'suicide'],
  ['ME QUIERO MORIR', 'suicide'],
  ['No tengo ganas de vivir', 'suicide'],
  ['Me tomé todas las pastillas', 'suicide'],
  ['Estoy pensando en el suicidio', 'suicide'],
  ["Life isn't worth living", 'suicide'],
  ['Quiero acabar con todo', 'suicide'],
  // Self-harm.
  ['Sometimes I hurt myself when it gets bad', 'self_harm'],
  ['I started cutting myself again', 'self_harm'],
  ['I want to burn myself', 'self_harm'],
  ['I’ve been self-harming', 'self_harm'],
  ['Tengo ganas de hacerme daño', 'self_harm'],
  ['A veces me corto los brazos', 'self_harm'],
  ['Quiero cortarme', 'self_harm'],
  ['Quiero lastimarme', 'self_harm'],
  // Medical emergency, English.
  ["I can't breathe", 'medical_emergency'],
  ['I cant breathe properly', 'medical_emergency'],
  ['Bad chest pain since this morning', 'medical_emergency'],
  ['There is a crushing pain in my chest', 'medical_emergency'],
  ["The bleeding won't stop", 'medical_emergency'],
  ['I have a fever of 39 after chemo', 'medical_emergency'],
  ['My temperature is 100.8°F', 'medical_emergency'],
  ['temp 38,2 ℃ today', 'medical_emergency'],
  ['I think I have neutropenic fever', 'medical_emergency'],
  ['I had chemo on Monday and now I have a fever', 'medical_emergency'],
  ['My husband passed out in the kitchen', 'medical_emergency'],
  ['She is having a seizure', 'medical_emergency'],
  ["I can't wake him up", 'medical_emergency'],
  ['I think my dad is having a stroke', 'medical_emergency'],
  ['I’m coughing up blood', 'medical_emergency'],
  // Medical emergency, Spanish.
  ['No puedo respirar', 'medical_emergency'],
  ['Tengo un dolor en el pecho muy fuerte', 'medical_emergency'],
  ['Tengo un sangrado que no para', 'medical_emergency'],
  ['Tengo fiebre de 38.5 con quimio', 'medical_emergency'],
  ['tengo 39º de fiebre', 'medical_emergency'],
  ['Me desmayé esta mañana', 'medical_emergency'],
  ['Mi madre está convulsionando', 'medical_emergency'],
  // Precedence: suicide over self-harm over medical emergency.
  ['I took all my pills and now I can’t breathe', 'suicide'],
  ['I cut myself and the bleeding won’t stop', 'self_harm'],
  ['quiero hacerme daño y quiero morirme', 'suicide'],
];

const NEGATIVES: readonly string[] = [
  'This traffic is killing me',
  "I'm dying to see my grandson",
  'My phone died again',
  'I need to kill the weeds this weekend',
  'I have a chest x-ray appointment on Friday',
  'My fever is gone',
  'I had no fever after chemo this time',
  'My fever went down after chemo',
  'Muero de ganas de verte',
  'Me muero de risa con este programa',
  'Quiero morir en casa, rodeada de mi familia',
  'When the time comes I want to die at home',
  'I cut myself shaving this morning',
  'Mañana voy a cortarme el pelo',
  'Me corto las uñas cada semana',
  'Me lastimo la rodilla cuando corro',
  'Quiero acabar con todo el papeleo hoy',
  'Estaría mejor sin mi peluca',
  'My temperature was 37.4 this morning',
  'My dad is 39 and on chemo',
  "I don't want to be here at 6am for the blood draw",
  'What is the point of this form?',
  'I need a refill of my seizure medication',
  'Can I breathe normally during radiotherapy?',
  'La quimio me deja agotada',
  '',
];

describe('screenForCrisis', () => {
  it.each(POSITIVES)('flags %j as %s', (text, kind) => {
    expect(screenForCrisis(text)).toEqual({ kind });
  });

  it.each(NEGATIVES.map((text) => [text]))('does not flag %j', (text) => {
    expect(screenForCrisis(text)).toBeUndefined();
  });
});

describe('normaliseForScreening', () => {
  it('folds width, case, accents, apostrophes and whitespace', () => {
    expect(normaliseForScreening('  Ｉ DON’T\u00A0 want   MÁS “ya”  ')).toBe(
      'i dont want mas "ya"',
    );
  });
});
