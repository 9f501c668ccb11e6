/**
 * How the dialogs fail: an unexpected error gets a kind apology in the person's language
 * and closes the open dialogs; a state conflict is rethrown so the turn runs again.
 */
import { describe, expect, it } from '@jest/globals';
import { ConversationState, MemoryStorage, type Activity, type TurnContext } from 'botbuilder';
import { CareLineAdapter } from '../src/bot/careline-adapter.js';
import type { TurnScope } from '../src/bot/turn-scope.js';
import { createI18n } from '../src/i18n/i18n.js';
import { createLogger } from '../src/logging/logger.js';
import { createOfflineAnalyzer } from '../src/medications/analysis/offline/offline-analyzer.js';
import { StateConflictError } from '../src/storage/bot-state-storage.js';
import type { Db } from '../src/storage/database.js';
import type { ConversationRow, Person } from '../src/storage/schema.js';
import { RecordingReminders } from '../test/support/recording-reminders.js';
import { CareLineDialogs } from './careline-dialogs.js';

const i18n = createI18n();
const config = {
  DEFAULT_LOCALE: 'en',
  DEFAULT_REGION: 'US',
  PRIVACY_NOTICE_VERSION: 'v1',
  QUIET_HOURS_START: '21:00',
  QUIET_HOURS_END: '08:00',
} as const;

/** A database whose every query fails with `error`. */
function failingDb(error: Error): Db {
  const fail = () => {
    throw error;
  };
  return new Proxy({}, { get: () => fail }) as unknown as Db;
}

function scopeIn(locale: 'en' | 'es'): TurnScope {
  const person = { id: 'person-1', locale, onboarded_at: null } as Person;
  const conversation = { id: 'conversation-1' } as ConversationRow;
  const t = i18n.getFixedT(locale);
  return { person, conversation, isNewPerson: false, locale, t, erased: false };
}

const message: Partial<Activity> = {
  type: 'message',
  text: 'hello',
  channelId: 'webchat',
  from: { id: 'user-1', name: '' },
  recipient: { id: 'careline', name: 'CareLine' },
  conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
};

async function runTurn(db: Db, scope: TurnScope, logLines: string[] = []) {
  const state = new ConversationState(new MemoryStorage());
  const logger = createLogger('info', { write: (line: string) => logLines.push(line) });
  const analyzer = createOfflineAnalyzer();
  const reminders = new RecordingReminders();
  const dialogs = new CareLineDialogs({ db, i18n, config, logger, analyzer, reminders }, state);
  const logic = (context: TurnContext) => dialogs.run(context, scope);
  return new CareLineAdapter().runTurn(message, logic);
}

describe('CareLineDialogs errors', () => {
  it("apologises in the person's language when something breaks", async () => {
    const logLines: string[] = [];
    const failure = new Error('connection refused');
    const { replies } = await runTurn(failingDb(failure), scopeIn('es'), logLines);

    expect(replies.map((reply) => reply.text)).toEqual([
      i18n.t('common:error.generic', { lng: 'es' }),
    ]);
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({
      msg: 'dialog failed',
      personId: 'person-1',
      conversationId: 'conversation-1',
      err: { type: 'Error', message: 'connection refused' },
    });
    expect(logLines[0]).not.toContain('hello');
  });

  it('rethrows a state conflict so the turn is run again', async () => {
    const conflict = new StateConflictError('webchat/conversations/conversation-1/');

    await expect(runTurn(failingDb(conflict), scopeIn('en'))).rejects.toBe(conflict);
  });
});
