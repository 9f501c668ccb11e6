/**
 * The short answers of the medication flows, as buttons or typed in English or Spanish:
 * yes / change / cancel on a read-back, which part to change, yes or no, and the choices
 * in "My medications". Button values come first in each list; phrases are normalised.
 */
import type { MedicationField } from '../../src/medications/medication-validation.js';
import { matchPhrase } from '../shared/text.js';

/** Ends a medication flow without saving, from any of its questions. */
export const CANCEL_VALUE = 'med:cancel';

export type ReadBackAnswer = 'yes' | 'change' | 'cancel';
export type YesNo = 'yes' | 'no';
export type MedicationAction = 'pause' | 'resume' | 'change' | 'delete' | 'back';

const CANCEL_PHRASES = {
  cancel: [CANCEL_VALUE, 'cancel', 'cancelar', 'never mind', 'nevermind', 'olvidalo', 'dejalo'],
} as const;

const YES_PHRASES = [
  'yes',
  'y',
  'yep',
  'yeah',
  'ok',
  'okay',
  'correct',
  'right',
  "that's right",
  'thats right',
  'si',
  'sip',
  'vale',
  'correcto',
  'eso es',
  'exacto',
];

const READ_BACK_PHRASES: Record<ReadBackAnswer, readonly string[]> = {
  yes: ['med:yes', ...YES_PHRASES, 'yes, save it', 'save', 'save it', 'si, guardalo', 'guardar'],
  change: [
    'med:change',
    'change',
    'change something',
    'edit',
    'fix',
    'no',
    'not quite',
    'cambiar',
    'cambiar algo',
    'corregir',
    'no exactamente',
  ],
  cancel: CANCEL_PHRASES.cancel,
};

const YES_NO_PHRASES: Record<YesNo, readonly string[]> = {
  yes: ['answer:yes', ...YES_PHRASES, 'yes, delete it', 'delete it', 'si, borrarlo', 'borrarlo'],
  no: [
    'answer:no',
    'no',
    'nope',
    'not really',
    'no, gracias',
    'no, keep it',
    'keep it',
    'no, conservarlo',
    'conservarlo',
  ],
};

const FIELD_PHRASES: Record<MedicationField | 'back', readonly string[]> = {
  name: ['medfield:name', 'name', 'the name', 'nombre', 'el nombre'],
  strength: ['medfield:strength', 'strength', 'mg', 'concentracion', 'dosis en mg', 'potencia'],
  dose: ['medfield:dose', 'dose', 'amount', 'how much', 'cantidad', 'dosis', 'cuanto'],
  times: [
    'medfield:times',
    'times',
    'time',
    'when',
    'schedule',
    'how often',
    'horas',
    'hora',
    'horario',
    'cuando',
    'frecuencia',
  ],
  cycle: ['medfield:cycle', 'cycle', 'cycles', 'ciclo', 'ciclos'],
  dates: [
    'medfield:dates',
    'dates',
    'start',
    'end',
    'start and end',
    'start/end',
    'fechas',
    'inicio',
    'fin',
    'inicio y fin',
  ],
  asNeeded: ['medfield:as-needed', 'as needed', 'when needed', 'cuando lo necesite', 'a demanda'],
  back: ['medfield:back', 'back', 'nothing', 'volver', 'nada'],
};

const ACTION_PHRASES: Record<MedicationAction, readonly string[]> = {
  pause: ['med:pause', 'pause', 'pause reminders', 'pausar', 'pausar recordatorios'],
  resume: ['med:resume', 'resume', 'resume reminders', 'reanudar', 'reanudar recordatorios'],
  change: ['med:change', 'change', 'change it', 'edit', 'cambiar', 'modificar'],
  delete: ['med:delete', 'delete', 'delete it', 'remove', 'borrar', 'eliminar', 'quitar'],
  back: ['med:back', 'back', 'volver', 'atras'],
};

/** True when `text` cancels the flow ("cancel", "cancelar", the Cancel button). */
export function isCancel(text: string): boolean {
  return matchPhrase(text, CANCEL_PHRASES) === 'cancel';
}

/** The answer to "is that right?": yes, change something, or cancel. */
export function recognizeReadBackAnswer(text: string): ReadBackAnswer | undefined {
  return matchPhrase(text, READ_BACK_PHRASES);
}

/** A plain yes or no. */
export function recognizeYesNo(text: string): YesNo | undefined {
  return matchPhrase(text, YES_NO_PHRASES);
}

/** The part of a medication to change, or 'back' to the read-back. */
export function recognizeField(text: string): MedicationField | 'back' | undefined {
  return matchPhrase(text, FIELD_PHRASES);
}

/** What to do with one medication of the list. */
export function recognizeAction(text: string): MedicationAction | undefined {
  return matchPhrase(text, ACTION_PHRASES);
}

/** The button value that picks `field`. */
export function fieldValue(field: MedicationField | 'back'): string {
  return FIELD_PHRASES[field][0]!;
}

/** The button value of `action`. */
export function actionValue(action: MedicationAction): string {
  return ACTION_PHRASES[action][0]!;
}
