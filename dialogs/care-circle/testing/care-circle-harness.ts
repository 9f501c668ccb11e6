/**
 * Drives the care circle's dialogs for tests, as CareLine's dialogs will once they are
 * wired in: a typed invitation code opens the care circle with it, the menu button opens it
 * plain, anything else answers the open question. Each turn runs on CareLine's adapter
 * with the person read fresh from the database; when the flow ends, a stand-in for the
 * main menu is added to the replies.
 */
import { ConversationState, MemoryStorage, type Activity, type TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type DialogState,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { CareLineAdapter } from '../../../src/bot/careline-adapter.js';
import { setTurnScope, type TurnScope } from '../../../src/bot/turn-scope.js';
import { createI18n, matchLocale } from '../../../src/i18n/i18n.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Db } from '../../../src/storage/database.js';
import { findPerson } from '../../../src/storage/people.js';
import type { ConversationRow } from '../../../src/storage/schema.js';
import type { CareCircleDependencies } from '../care-circle-dependencies.js';
import { TEST_CONFIG } from '../../../test/support/bot-harness.js';
import {
  addCareCircleDialogs,
  CARE_CIRCLE_DIALOG,
  recognizeInvitationCode,
  type CareCircleOptions,
} from '../care-circle-dialog.js';

/** The value of the main menu's "Care circle" button in these tests. */
export const OPEN_CARE_CIRCLE = 'menu:careCircle';

/** Stands for the main menu CareLine shows once the flow has ended. */
export const MAIN_MENU = '[main menu]';

/** One reply: its text, and its buttons' titles and values. */
export interface Reply {
  text: string;
  actions: string[];
  values: string[];
}

export interface CareCircleHarness {
  /** Sends `text` (or a button's value) from the person with this id. */
  send(personId: string, text: string): Promise<Reply[]>;
  /** Presses the button titled `title` in the person's latest reply that has buttons. */
  press(personId: string, title: string): Promise<Reply[]>;
}

/** A harness on `db`, with real locales and a silent logger. */
export function createCareCircleHarness(db: Db): CareCircleHarness {
  const i18n = createI18n();
  const deps: CareCircleDependencies = {
    db,
    i18n,
    logger: createLogger('silent'),
    config: TEST_CONFIG,
  };
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  addCareCircleDialogs(dialogs, deps);
  const adapter = new CareLineAdapter();
  const lastButtons = new Map<string, Reply>();

  async function scopeOf(personId: string): Promise<TurnScope> {
    const person = await findPerson(db, personId);
    if (!person) throw new Error(`no person ${personId}`);
    const locale = matchLocale(person.locale) ?? 'en';
    const conversation = { id: `conversation-${personId}`, person_id: personId } as ConversationRow;
    const t = i18n.getFixedT(locale);
    return { person, conversation, isNewPerson: false, locale, t, erased: false };
  }

  async function logic(context: TurnContext): Promise<void> {
    setTurnScope(context, await scopeOf(context.activity.from.id));
    const dc = await dialogs.createContext(context);
    const text = context.activity.text ?? '';
    const code = recognizeInvitationCode(text);
    let result: DialogTurnResult | undefined;
    if (code || text === OPEN_CARE_CIRCLE) {
      await dc.cancelAllDialogs();
      const options: CareCircleOptions = code ? { code } : {};
      result = await dc.beginDialog(CARE_CIRCLE_DIALOG, options);
    } else if (dc.activeDialog) {
      result = await dc.continueDialog();
    }
    if (!result || result.status === DialogTurnStatus.complete) {
      await context.sendActivity(MAIN_MENU);
    }
    await conversationState.saveChanges(context);
  }

  async function send(personId: string, text: string): Promise<Reply[]> {
    const { replies } = await adapter.runTurn(messageFrom(personId, text), logic);
    const shown = replies.map(replyOf);
    const withButtons = shown.filter((reply) => reply.actions.length > 0).pop();
    if (withButtons) lastButtons.set(personId, withButtons);
    return shown;
  }

  async function press(personId: string, title: string): Promise<Reply[]> {
    const reply = lastButtons.get(personId);
    const index = reply?.actions.indexOf(title) ?? -1;
    if (!reply || index < 0) {
      throw new Error(`no button "${title}" in ${JSON.stringify(reply?.actions ?? [])}`);
    }
    return send(personId, reply.values[index]!);
  }

  return { send, press };
}

function messageFrom(personId: string, text: string): Partial<Activity> {
  return {
    type: 'message',
    text,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1/care-circle-harness',
    from: { id: personId, name: '' },
    recipient: { id: 'careline', name: 'CareLine' },
    conversation: {
      id: `conversation-${personId}`,
      isGroup: false,
      conversationType: 'personal',
      name: '',
    },
  };
}

function replyOf(activity: Partial<Activity>): Reply {
  const actions = activity.suggestedActions?.actions ?? [];
  return {
    text: activity.text ?? '',
    actions: actions.map((action) => String(action.title ?? action.value)),
    values: actions.map((action) => String(action.value)),
  };
}
