/**
 * Receives a person's message: it is appended to the transcript and recorded in the inbox
 * in one transaction, acknowledged only after that commits, and then handed to the bot.
 * A re-POST of the same client activity id is answered with the original id and does
 * nothing else.
 */
import type { Logger } from '../../src/logging/logger.js';
import type { Db } from '../../src/storage/database.js';
import { toStorable } from '../../src/storage/storable-text.js';
import { appendActivity } from '../../src/storage/webchat-transcripts.js';
import type { InboundMessage, TurnProcessor } from '../../src/turns/turn-processor.js';
import { HttpError, notFound } from '../../src/http/http-errors.js';
import type { TranscriptNotifier } from './transcript-notifier.js';
import { findActivityIdByClientId } from './transcript-view.js';
import { clientExternalId } from './webchat-ids.js';

export interface IntakeOptions {
  db: Db;
  processor: TurnProcessor;
  notifier: TranscriptNotifier;
  logger: Logger;
}

export interface UserMessage {
  conversationId: string;
  activity: Record<string, unknown>;
  clientActivityId?: string;
}

/** Stores a message and starts its turn; resolves to the stored activity id. */
export type ActivityIntake = (message: UserMessage) => Promise<string>;

interface StoredMessage {
  id: string;
  inbound: InboundMessage;
}

/** Thrown inside the transaction to roll back a re-POST. */
class AlreadyReceived extends Error {
  override name = 'AlreadyReceived';
}

export function createActivityIntake(options: IntakeOptions): ActivityIntake {
  const { db, processor, notifier, logger } = options;

  async function originalId(message: UserMessage): Promise<string | undefined> {
    if (!message.clientActivityId) return undefined;
    return findActivityIdByClientId(db, message.conversationId, message.clientActivityId);
  }

  async function store(message: UserMessage): Promise<StoredMessage> {
    const { conversationId, clientActivityId } = message;
    return db.transaction().execute(async (trx) => {
      const stored = await appendActivity(trx, conversationId, message.activity);
      if (!stored) throw notFound('No such conversation.');

      const id = String(stored.activity.id);
      const externalId = clientActivityId ? clientExternalId(conversationId, clientActivityId) : id;
      const activity = stored.activity as InboundMessage['activity'];
      const inbound: InboundMessage = { channel: 'webchat', externalId, activity };
      // A concurrent re-POST waits here on the inbox's unique key until the first commits.
      const inboxId = await processor.accept(inbound, trx);
      if (!inboxId) throw new AlreadyReceived();
      return { id, inbound };
    });
  }

  return async function receiveUserMessage(posted) {
    // A NUL or half a surrogate pair would make PostgreSQL refuse the whole message.
    const message = toStorable(posted);
    const earlier = await originalId(message);
    if (earlier) return earlier;

    try {
      const { id, inbound } = await store(message);
      notifier.notify(message.conversationId);
      void processor.process(inbound);
      logger.debug({ conversationId: message.conversationId, activityId: id }, 'message received');
      return id;
    } catch (error) {
      if (!(error instanceof AlreadyReceived)) throw error;

      const id = await originalId(message);
      // The original's transcript was erased since: nothing to point the client to.
      if (!id) throw new HttpError(409, 'Conflict', 'This activity was already received.');
      return id;
    }
  };
}
