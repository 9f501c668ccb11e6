/**
 * The one bot adapter all our channels share. A turn's replies are collected, not sent:
 * the turn processor writes them to the outbox once the turn has finished, so a turn that
 * is run again (after a state conflict) sends nothing twice, and nothing leaves before it
 * is durable.
 */
import { randomUUID } from 'node:crypto';
import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

const OUTGOING = Symbol('careline.outgoing');

/** Activity types that only steer the adapter and never reach a person. */
const LOCAL_ONLY_TYPES = new Set(['delay', 'invokeResponse', 'trace']);

export interface TurnResult {
  context: TurnContext;
  replies: Partial<Activity>[];
}

export class CareLineAdapter extends BotAdapter {
  /** Runs one turn through the middleware and `logic`, returning the replies it produced. */
  async runTurn(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<TurnResult> {
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(OUTGOING, replies);
    await this.runMiddleware(context, logic);
    return { context, replies };
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(OUTGOING) as Partial<Activity>[] | undefined;
    if (!replies) {
      throw new Error(
        'sendActivities outside a turn: queue proactive messages with enqueueOutbound',
      );
    }

    return activities.map((activity) => {
      if (activity.type && LOCAL_ONLY_TYPES.has(activity.type)) return { id: '' };
      const reply = { ...activity, id: randomUUID(), timestamp: new Date() };
      replies.push(reply);
      return { id: reply.id };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new Error('CareLine does not edit sent messages: send a new one instead.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('CareLine does not delete sent messages.');
  }

  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    // Proactive messages need an idempotency key saying what they are for (a dose, a relay):
    // only enqueueOutbound takes one, so it is the single way to send outside a turn.
    throw new Error('Proactive messages go through enqueueOutbound with an idempotency key.');
  }
}
