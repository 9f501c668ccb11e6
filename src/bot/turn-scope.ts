/**
 * What the turn pipeline learns about a turn (who, which conversation, which language) and
 * hands to the steps after it and to the dialogs.
 */
import type { TurnContext } from 'botbuilder';
import type { SupportedLocale, TFunction } from '../i18n/i18n.js';
import type { ConversationRow, Person } from '../storage/schema.js';

export interface TurnScope {
  person: Person;
  conversation: ConversationRow;
  /** True on the person's very first message to CareLine. */
  isNewPerson: boolean;
  locale: SupportedLocale;
  /** Translations fixed to `locale`; replace both together when the person changes language. */
  t: TFunction;
  /** Set when the person's data was erased in this turn: nothing more is saved for them. */
  erased: boolean;
}

const TURN_SCOPE = Symbol('careline.turnScope');

export function setTurnScope(context: TurnContext, scope: TurnScope): void {
  context.turnState.set(TURN_SCOPE, scope);
}

/** The scope set by the identity step; undefined before it ran. */
export function findTurnScope(context: TurnContext): TurnScope | undefined {
  return context.turnState.get(TURN_SCOPE) as TurnScope | undefined;
}

/** The scope set by the identity step. */
export function getTurnScope(context: TurnContext): TurnScope {
  const scope = findTurnScope(context);
  if (!scope) throw new Error('getTurnScope before the identity step ran');
  return scope;
}
