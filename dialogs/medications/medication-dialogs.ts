/**
 * The medication dialogs as the rest of CareLine sees them: one call registers them all,
 * and each menu flow ("My medications", "Add a medication", "How am I doing") maps to the
 * dialog that runs it. Dose replies are handled before any open question (see
 * dose-replies.ts), the way commands are.
 */
import type { DialogSet } from 'botbuilder-dialogs';
import type { DialogDependencies } from '../careline-dialogs.js';
import { addAddMedicationDialogs } from './add-medication-dialog.js';
import { addAdherenceDialog } from './adherence-dialog.js';
import { addChooseSubjectDialog } from './choose-subject-dialog.js';
import { addSkipDoseDialog } from './dose-replies.js';
import {
  ADD_MEDICATION_DIALOG,
  addMedicationPrompts,
  ADHERENCE_DIALOG,
  MY_MEDICATIONS_DIALOG,
} from './medication-flow.js';
import { addMyMedicationsDialog } from './my-medications-dialog.js';
import { addReviewDialogs } from './review-medication-dialog.js';

export {
  answerDoseReply,
  recognizeDoseReply,
  type DoseReply,
  type SkipDoseOptions,
} from './dose-replies.js';
export { SKIP_DOSE_DIALOG } from './medication-flow.js';

/** A menu flow about medications. */
export type MedicationFlow = 'medications' | 'addMedication' | 'adherence';

/** The dialog each medication flow begins. */
export const MEDICATION_FLOW_DIALOGS: Readonly<Record<MedicationFlow, string>> = {
  medications: MY_MEDICATIONS_DIALOG,
  addMedication: ADD_MEDICATION_DIALOG,
  adherence: ADHERENCE_DIALOG,
};

/** True when `flow` is one of the medication flows. */
export function isMedicationFlow(flow: string): flow is MedicationFlow {
  return Object.hasOwn(MEDICATION_FLOW_DIALOGS, flow);
}

/** Registers every medication dialog and prompt; call once per DialogSet. */
export function addMedicationDialogs(dialogs: DialogSet, deps: DialogDependencies): void {
  addMedicationPrompts(dialogs);
  addChooseSubjectDialog(dialogs, deps);
  addAddMedicationDialogs(dialogs, deps);
  addReviewDialogs(dialogs, deps);
  addMyMedicationsDialog(dialogs, deps);
  addAdherenceDialog(dialogs, deps);
  addSkipDoseDialog(dialogs, deps);
}
