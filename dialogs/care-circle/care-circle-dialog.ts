/**
 * "Care circle", from the main menu: a patient sees and manages the caregivers linked to
 * them, a caregiver sees the people they care for and joins a circle with a code. A code
 * typed at any moment ("join CARE-K7QM-4XPD") opens this dialog with the code, which is
 * accepted straight away.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type { CareCircleDependencies } from './care-circle-dependencies.js';
import {
  acceptTypedInvitation,
  addCaregiverCircleDialogs,
  CAREGIVER_CIRCLE_DIALOG,
} from './caregiver-circle-dialog.js';
import { addPatientCircleDialogs, PATIENT_CIRCLE_DIALOG } from './patient-circle-dialog.js';

export type { CareCircleDependencies } from './care-circle-dependencies.js';
export { recognizeInvitationCode } from './recognize-invitation-code.js';

/** The dialog the main menu's "Care circle" begins. */
export const CARE_CIRCLE_DIALOG = 'care-circle';

export interface CareCircleOptions {
  /** An invitation code the person typed (see recognizeInvitationCode): accept it. */
  code?: string;
}

/** Registers the care circle: the entry point and both views. */
export function addCareCircleDialogs(dialogs: DialogSet, deps: CareCircleDependencies): void {
  addPatientCircleDialogs(dialogs, deps);
  addCaregiverCircleDialogs(dialogs, deps);
  dialogs.add(new WaterfallDialog(CARE_CIRCLE_DIALOG, [(step) => openCareCircle(step, deps)]));
}

// A patient and a caregiver see different circles; without a role there is none yet.
async function openCareCircle(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const code = (step.options as CareCircleOptions | undefined)?.code;
  if (code) {
    await step.context.sendActivity(await acceptTypedInvitation(deps, scope, code));
    return step.endDialog();
  }

  switch (scope.person.role) {
    case 'patient':
      return step.replaceDialog(PATIENT_CIRCLE_DIALOG);
    case 'caregiver':
      return step.replaceDialog(CAREGIVER_CIRCLE_DIALOG);
    default:
      await step.context.sendActivity(scope.t('care-circle:noRole'));
      return step.endDialog();
  }
}
