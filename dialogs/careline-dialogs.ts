/**
 * Every dialog a turn can reach, and the order in which a message is handled: a link code
 * and the commands that work at any moment (help, menu, a person, delete my data) first,
 * then answers to dose reminders (their buttons, or a late "took it"), then the open
 * question, then, with nothing open, onboarding for whoever has not finished it or the
 * main menu for everyone else. Nothing but onboarding and redeeming a link code
 * (which joins this app to a profile that has consented) runs before privacy consent.
 */
import { ActivityTypes, type ConversationState, type TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { i18n as I18n } from 'i18next';
import { setTurnScope, type TurnScope } from '../src/bot/turn-scope.js';
import type { Config } from '../src/config/config.js';
import type { Logger } from '../src/logging/logger.js';
import type { MedicalTextAnalyzer } from '../src/medications/analysis/medical-text-analyzer.js';
import type { ReminderScheduler } from '../src/medications/reminders/reminder-scheduler.js';
import type { Db } from '../src/storage/database.js';
import { StateConflictError } from '../src/storage/bot-state-storage.js';
import { INVITATION_TTL_HOURS } from '../src/care-circle/invitation-service.js';
import {
  addCareCircleDialogs,
  CARE_CIRCLE_DIALOG,
  recognizeInvitationCode,
  type CareCircleOptions,
} from './care-circle/care-circle-dialog.js';
import { addDeleteDataDialog, DELETE_DATA_DIALOG } from './delete-data/delete-data-dialog.js';
import {
  addLinkingDialogs,
  describeNewLinkCode,
  PREFERRED_CHANNEL_DIALOG,
  redeemTypedCode,
  type PreferredChannelOptions,
} from './linking/linking-dialog.js';
import {
  addMedicationDialogs,
  answerDoseReply,
  isMedicationFlow,
  MEDICATION_FLOW_DIALOGS,
  recognizeDoseReply,
  SKIP_DOSE_DIALOG,
  type DoseReply,
  type SkipDoseOptions,
} from './medications/medication-dialogs.js';
import {
  recognizeMenuFlow,
  askForHuman,
  sendHelp,
  showMainMenu,
  type MenuFlow,
} from './main-menu/main-menu.js';
import {
  addOnboardingDialog,
  CONSENT_DECLINED,
  ONBOARDING_DIALOG,
  readOnboardingStage,
  sendConsentReminder,
  type OnboardingOptions,
  type OnboardingStage,
  type OnboardingStart,
} from './onboarding/onboarding-dialog.js';
import { addProfileDialog, PROFILE_DIALOG, type ProfileOptions } from './profile/profile-dialog.js';
import {
  isStartRequest,
  recognizeCommand,
  recognizeLinkCode,
  type Command,
} from './shared/commands.js';
import { addProfileQuestions } from './shared/profile-questions.js';

/** What the dialogs need from the rest of CareLine. */
export interface DialogDependencies {
  db: Db;
  /** A ready i18next instance; `getFixedT` switches a turn's language. */
  i18n: I18n;
  config: Pick<
    Config,
    | 'DEFAULT_LOCALE'
    | 'DEFAULT_REGION'
    | 'PRIVACY_NOTICE_VERSION'
    | 'QUIET_HOURS_START'
    | 'QUIET_HOURS_END'
  >;
  /** Where unexpected dialog errors are logged, by id only. */
  logger: Logger;
  /** Reads medications out of what a person writes (offline or Comprehend Medical). */
  analyzer: MedicalTextAnalyzer;
  /** Plans and cancels dose reminders when medications change; snoozes doses. */
  reminders: ReminderScheduler;
}

type NotOnboarded = Exclude<OnboardingStage, 'onboarded'>;

/** CareLine's dialogs, with their state in conversation state. */
export class CareLineDialogs {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly deps: DialogDependencies,
    conversationState: ConversationState,
  ) {
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    addProfileQuestions(this.dialogs);
    addOnboardingDialog(this.dialogs, deps);
    addProfileDialog(this.dialogs, deps);
    addDeleteDataDialog(this.dialogs, deps);
    addLinkingDialogs(this.dialogs, deps);
    addCareCircleDialogs(this.dialogs, deps);
    addMedicationDialogs(this.dialogs, deps);
  }

  /**
   * Runs this turn's dialogs (message or conversationUpdate where the person joined).
   * A `StateConflictError` is rethrown so the turn runs again on fresh state; any other
   * error gets a kind apology and ends the open dialogs.
   */
  async run(context: TurnContext, scope: TurnScope): Promise<void> {
    setTurnScope(context, scope);
    const dc = await this.dialogs.createContext(context);
    try {
      if (context.activity.type === ActivityTypes.ConversationUpdate) {
        await this.greet(dc, scope);
      } else {
        await this.answer(dc, scope);
      }
    } catch (error) {
      if (error instanceof StateConflictError) throw error;
      const { person, conversation } = scope;
      this.deps.logger.error(
        { err: error, personId: person.id, conversationId: conversation.id },
        'dialog failed',
      );
      await apologize(dc, scope);
    }
  }

  /** The person opened the chat: onboarding, or a welcome back and the menu. */
  private async greet(dc: DialogContext, scope: TurnScope): Promise<void> {
    const stage = await readOnboardingStage(this.deps.db, scope.person);
    if (stage === 'onboarded') {
      await dc.cancelAllDialogs();
      const welcome = scope.t('menu:welcomeBack', { name: scope.person.display_name });
      return showMainMenu(dc.context, scope.t, welcome);
    }
    if (dc.activeDialog) {
      await dc.repromptDialog();
      return;
    }

    await this.resumeOnboarding(dc, scope, stage);
  }

  private async answer(dc: DialogContext, scope: TurnScope): Promise<void> {
    const text = dc.context.activity.text ?? '';
    const stage = await readOnboardingStage(this.deps.db, scope.person);
    // Onboarding left open in a conversation that now belongs to an onboarded person (it
    // was linked to their profile elsewhere) must not ask, or save, anything more.
    if (stage === 'onboarded' && dc.activeDialog?.id === ONBOARDING_DIALOG) {
      await dc.cancelAllDialogs();
    }
    // Before link codes: "link CAREK7QM4XPD" is an invitation, not a channel link code.
    const invitation = recognizeInvitationCode(text);
    if (invitation) return this.joinCareCircle(dc, scope, stage, invitation);
    const code = recognizeLinkCode(text);
    if (code) return this.redeem(dc, scope, stage, code);
    const command = recognizeCommand(text);
    if (command) return this.interrupt(dc, scope, stage, command);
    const doseReply = stage === 'onboarded' ? recognizeDoseReply(text) : undefined;
    if (doseReply && (await this.answerDose(dc, scope, stage, doseReply))) return;
    if (dc.activeDialog) return this.followUp(dc, scope, await dc.continueDialog());
    if (stage === 'onboarded') return this.answerFromMenu(dc, scope, text);
    if (stage === 'declined' && isStartRequest(text)) {
      return this.beginOnboarding(dc, scope, 'notice');
    }

    await this.resumeOnboarding(dc, scope, stage);
  }

  /** Handles a command, then carries on with whatever was open. */
  private async interrupt(
    dc: DialogContext,
    scope: TurnScope,
    stage: OnboardingStage,
    command: Command,
  ): Promise<void> {
    switch (command) {
      case 'help':
        await sendHelp(dc.context, scope.t, stage === 'onboarded');
        return this.carryOn(dc, scope, stage);
      case 'human':
        await askForHuman(dc.context, this.deps.db, scope);
        return this.carryOn(dc, scope, stage);
      case 'delete':
        return this.beginDeletion(dc, scope);
      case 'menu':
        return this.openMenu(dc, scope, stage);
      default:
        return this.openMenu(dc, scope, stage, command);
    }
  }

  /**
   * A reply to a dose reminder, whatever was open: recorded and confirmed, then the open
   * question again. Skipping asks for a reason on top of it. False when the words were
   * not about a dose after all (a late "took it" with nothing open to record).
   */
  private async answerDose(
    dc: DialogContext,
    scope: TurnScope,
    stage: OnboardingStage,
    reply: DoseReply,
  ): Promise<boolean> {
    if (reply.kind === 'skip') {
      const options: SkipDoseOptions = { doseId: reply.doseId };
      await this.followUp(dc, scope, await dc.beginDialog(SKIP_DOSE_DIALOG, options));
      return true;
    }
    if (!(await answerDoseReply(dc.context, this.deps, scope, reply, Boolean(dc.activeDialog)))) {
      return false;
    }

    await this.carryOn(dc, scope, stage);
    return true;
  }

  /** After an interruption: ask the open question again, or go on where the person is. */
  private async carryOn(dc: DialogContext, scope: TurnScope, stage: OnboardingStage) {
    if (dc.activeDialog) {
      await dc.repromptDialog();
      return;
    }
    if (stage === 'onboarded') return showMainMenu(dc.context, scope.t);

    await this.resumeOnboarding(dc, scope, stage);
  }

  /**
   * The menu (or one of its flows) replaces whatever was open. Before onboarding is done
   * there is no menu yet: say why, and carry on with onboarding.
   */
  private async openMenu(
    dc: DialogContext,
    scope: TurnScope,
    stage: OnboardingStage,
    flow?: MenuFlow,
  ): Promise<void> {
    if (stage !== 'onboarded') return this.explainNoMenuYet(dc, scope, stage);

    await dc.cancelAllDialogs();
    if (!flow) return showMainMenu(dc.context, scope.t);
    await this.beginMenuFlow(dc, scope, flow);
  }

  private async explainNoMenuYet(dc: DialogContext, scope: TurnScope, stage: NotOnboarded) {
    const { t } = scope;
    const why = t(stage === 'consented' ? 'menu:finishOnboardingFirst' : 'menu:consentFirst');
    if (stage === 'declined' && !dc.activeDialog) return sendConsentReminder(dc.context, t, why);

    await dc.context.sendActivity(why);
    await this.carryOn(dc, scope, stage);
  }

  private async answerFromMenu(dc: DialogContext, scope: TurnScope, text: string) {
    const flow = recognizeMenuFlow(text);
    if (flow) return this.beginMenuFlow(dc, scope, flow);
    if (isStartRequest(text)) return showMainMenu(dc.context, scope.t);

    await showMainMenu(dc.context, scope.t, scope.t('menu:didNotCatch'));
  }

  private async beginMenuFlow(dc: DialogContext, scope: TurnScope, flow: MenuFlow) {
    if (flow === 'link') {
      return showMainMenu(dc.context, scope.t, await describeNewLinkCode(this.deps, scope));
    }
    if (isMedicationFlow(flow)) {
      return this.followUp(dc, scope, await dc.beginDialog(MEDICATION_FLOW_DIALOGS[flow]));
    }
    if (flow === 'careCircle') {
      return this.followUp(dc, scope, await dc.beginDialog(CARE_CIRCLE_DIALOG));
    }

    const options: ProfileOptions = flow === 'language' ? { field: 'language' } : {};
    await this.followUp(dc, scope, await dc.beginDialog(PROFILE_DIALOG, options));
  }

  /** An invitation code, whatever was open; before setup is done (it needs a role), later. */
  private async joinCareCircle(
    dc: DialogContext,
    scope: TurnScope,
    stage: OnboardingStage,
    code: string,
  ) {
    if (stage !== 'onboarded') {
      const hours = INVITATION_TTL_HOURS;
      await dc.context.sendActivity(scope.t('care-circle:accept.finishSetupFirst', { hours }));
      return this.carryOn(dc, scope, stage);
    }

    await dc.cancelAllDialogs();
    const options: CareCircleOptions = { code };
    await this.followUp(dc, scope, await dc.beginDialog(CARE_CIRCLE_DIALOG, options));
  }

  /**
   * A link code, whatever was open: once linked, the turn is the code's person's, so what
   * this app's temporary person had open ends; they choose a preferred channel, then go on.
   * A code that does not link gets its answer and the open question again.
   */
  private async redeem(dc: DialogContext, scope: TurnScope, stage: OnboardingStage, code: string) {
    if (!(await redeemTypedCode(dc.context, this.deps, scope, code))) {
      return this.carryOn(dc, scope, stage);
    }

    await dc.cancelAllDialogs();
    const options: PreferredChannelOptions = { lead: scope.t('linking:linked') };
    await this.followUp(dc, scope, await dc.beginDialog(PREFERRED_CHANNEL_DIALOG, options));
  }

  /** Deletion sits on top of whatever was open, so keeping the data returns to it. */
  private async beginDeletion(dc: DialogContext, scope: TurnScope): Promise<void> {
    if (dc.stack.some((instance) => instance.id === DELETE_DATA_DIALOG)) {
      await dc.repromptDialog();
      return;
    }

    await this.followUp(dc, scope, await dc.beginDialog(DELETE_DATA_DIALOG));
  }

  private async beginOnboarding(dc: DialogContext, scope: TurnScope, start: OnboardingStart) {
    const options: OnboardingOptions = { start };
    await this.followUp(dc, scope, await dc.beginDialog(ONBOARDING_DIALOG, options));
  }

  /** Onboarding from where the person left it; after declining, only the reminder. */
  private async resumeOnboarding(dc: DialogContext, scope: TurnScope, stage: OnboardingStage) {
    if (stage === 'onboarded') return showMainMenu(dc.context, scope.t);
    if (stage === 'declined') return sendConsentReminder(dc.context, scope.t);

    await this.beginOnboarding(dc, scope, stage === 'consented' ? 'profile' : 'language');
  }

  /** When a flow has finished and nothing is open: the menu, or back to onboarding. */
  private async followUp(dc: DialogContext, scope: TurnScope, result: DialogTurnResult) {
    if (result.status !== DialogTurnStatus.complete || scope.erased) return;
    if (scope.person.onboarded_at) return showMainMenu(dc.context, scope.t);
    if (result.result === CONSENT_DECLINED) return;

    await this.resumeOnboarding(dc, scope, await readOnboardingStage(this.deps.db, scope.person));
  }
}

/** Says sorry in the person's language and closes the dialogs that failed. */
async function apologize(dc: DialogContext, scope: TurnScope): Promise<void> {
  await dc.context.sendActivity(scope.t('common:error.generic'));
  if (!scope.erased) await dc.cancelAllDialogs();
}
