/**
 * The set-up the dialogs' integration tests share: a bot harness (test/support/bot-harness.ts)
 * on the file's test database, made before the file's first test, and a new person taken
 * through onboarding in one call, for tests about what comes after it.
 */
import { beforeAll } from '@jest/globals';
import type { Person } from '../../src/storage/schema.js';
import { createBotHarness, type BotHarness, type Reply, type SendOptions } from './bot-harness.js';
import { newUserId, onboardPerson, personOf, type OnboardingAnswers } from './dialog-test-kit.js';
import type { TestDatabaseHandle } from './use-test-database.js';

/** The collaborators `createBotHarness` accepts in place of its own. */
export type HarnessCollaborators = Parameters<typeof createBotHarness>[1];

/** A person who finished onboarding: their web chat user id and their row. */
export interface OnboardedPerson {
  user: string;
  person: Person;
}

/** A `BotHarness` that also onboards new people. */
export interface OnboardedHarness extends BotHarness {
  /** A new web chat user taken through onboarding with `answers` (see `onboardPerson`). */
  onboardNew(answers?: OnboardingAnswers): Promise<OnboardedPerson>;
}

/**
 * Registers the hook that makes this file's harness on `database` (which must be registered
 * first); `collaborators` replace the harness's analyzer. The harness answers from the
 * file's first test on.
 */
export function useOnboardedHarness(
  database: TestDatabaseHandle,
  collaborators: HarnessCollaborators = {},
): OnboardedHarness {
  let harness: BotHarness | undefined;

  beforeAll(() => {
    harness = createBotHarness(database.db, collaborators);
  });

  const current = (): BotHarness => {
    if (!harness) throw new Error('the harness is made in beforeAll: use it in a test');
    return harness;
  };

  return {
    get processor() {
      return current().processor;
    },
    get reminders() {
      return current().reminders;
    },
    send: (userId: string, text: string, options?: SendOptions): Promise<Reply[]> =>
      current().send(userId, text, options),
    join: (userId: string, options?: SendOptions): Promise<Reply[]> =>
      current().join(userId, options),
    onboardNew: async (answers: OnboardingAnswers = {}): Promise<OnboardedPerson> => {
      const user = newUserId();
      await onboardPerson(current(), user, answers);
      return { user, person: await personOf(database.db, user) };
    },
  };
}
