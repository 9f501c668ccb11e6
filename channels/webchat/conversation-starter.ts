/**
 * Starts web chat conversations: the conversation row and the person's arrival are recorded
 * in one transaction, and the bot is told the person joined so it speaks first.
 */
import type { Logger } from '../../src/logging/logger.js';
import type { Db } from '../../src/storage/database.js';
import { createWebchatConversation } from '../../src/storage/webchat-transcripts.js';
import type { InboundMessage, TurnProcessor } from '../../src/turns/turn-processor.js';
import { BOT_ACCOUNT, joinedExternalId, newConversationId } from './webchat-ids.js';

export interface StartRequest {
  userId: string;
  /** The browser's or client's language tag, the bot's first guess at the person's language. */
  locale?: string;
  /** Base URL of the Direct Line API as the client reached it. */
  serviceUrl: string;
}

export interface ConversationStarterOptions {
  db: Db;
  processor: TurnProcessor;
  logger: Logger;
  now: () => number;
}

export type ConversationStarter = (request: StartRequest) => Promise<string>;

/** Returns a function that starts a conversation and resolves to its id once it is durable. */
export function createConversationStarter(
  options: ConversationStarterOptions,
): ConversationStarter {
  const { db, processor, logger, now } = options;

  return async function startConversation(request) {
    const conversationId = newConversationId();
    const message = joinedMessage(conversationId, request, now());
    const inboxId = await db.transaction().execute(async (trx) => {
      await createWebchatConversation(trx, conversationId, request.userId);
      return processor.accept(message, trx);
    });
    if (inboxId) void processor.process(message);

    logger.info({ conversationId }, 'web chat conversation started');
    return conversationId;
  };
}

function joinedMessage(
  conversationId: string,
  request: StartRequest,
  nowMs: number,
): InboundMessage {
  const externalId = joinedExternalId(conversationId);
  const activity = {
    type: 'conversationUpdate',
    id: externalId,
    channelId: 'webchat',
    serviceUrl: request.serviceUrl,
    timestamp: new Date(nowMs),
    from: { id: request.userId, name: '', role: 'user' },
    recipient: { ...BOT_ACCOUNT },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    membersAdded: [{ id: request.userId, name: '' }],
    ...(request.locale ? { locale: request.locale } : {}),
  } as InboundMessage['activity'];
  return { channel: 'webchat', externalId, activity };
}
