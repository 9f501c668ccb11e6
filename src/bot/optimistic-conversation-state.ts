/**
 * Conversation state that keeps the eTag it read. botbuilder's own `BotState` always saves
 * with eTag '*' (last write wins), which would let two turns of one conversation silently
 * overwrite each other's dialog state; this one saves with the eTag it loaded, so the
 * loser gets a `StateConflictError` and its turn is run again on fresh state.
 */
import { calculateChangeHash, ConversationState, type TurnContext } from 'botbuilder';
import { CREATE_ONLY_ETAG } from '../storage/bot-state-storage.js';

const LOADED_HASH = Symbol('careline.loadedStateHash');

export class OptimisticConversationState extends ConversationState {
  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const alreadyLoaded = context.turnState.has(LOADED_HASH);
    const state = (await super.load(context, force)) as Record<string, unknown>;
    // No eTag means nothing was stored yet: the first save must create, not overwrite.
    if (state.eTag === undefined) state.eTag = CREATE_ONLY_ETAG;
    if (force || !alreadyLoaded) context.turnState.set(LOADED_HASH, calculateChangeHash(state));
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context);
    if (!state) return;
    if (!force && calculateChangeHash(state) === context.turnState.get(LOADED_HASH)) return;

    const key = await this.storageKey(context);
    await this.storage.write({ [key]: state });
    context.turnState.set(LOADED_HASH, calculateChangeHash(state));
  }
}
