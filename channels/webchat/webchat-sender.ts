/**
 * Delivers the bot's replies to web chat: an outbox row becomes an activity in the
 * conversation's transcript, where polling clients read it, and the notifier tells open
 * streams, in this process and (through `careline_transcript`) in every other.
 */
import { DeliveryError } from '../../src/outbox/delivery-error.js';
import type { ChannelSender } from '../../src/outbox/outbox-dispatcher.js';
import type { Db } from '../../src/storage/database.js';
import type { OutboxRow } from '../../src/storage/schema.js';
import { appendActivity } from '../../src/storage/webchat-transcripts.js';
import type { TranscriptNotifier } from './transcript-notifier.js';
import { withMessageBackButtons } from './suggested-actions.js';
import { isOutboxRowInTranscript, OUTBOX_ID_KEY } from './transcript-view.js';
import { BOT_ACCOUNT, isTranscriptActivityId } from './webchat-ids.js';

export interface WebchatSenderOptions {
  db: Db;
  notifier: TranscriptNotifier;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/** The web chat `ChannelSender` for the outbox dispatcher. */
export function createWebchatSender(options: WebchatSenderOptions): ChannelSender {
  const { db, notifier } = options;
  const now = options.now ?? Date.now;

  async function send(row: OutboxRow): Promise<void> {
    const conversationId = row.address.conversationId;
    if (typeof conversationId !== 'string') {
      throw new DeliveryError('permanent', 'conversation_not_found');
    }
    // A row is retried when the dispatcher stopped between appending it and marking it
    // delivered; appending it again would show the person the same message twice.
    if (row.attempts > 1 && (await isOutboxRowInTranscript(db, conversationId, row.id))) return;

    const activity = toTranscriptActivity(row, conversationId, now());
    const stored = await appendActivity(db, conversationId, activity);
    if (!stored) throw new DeliveryError('permanent', 'conversation_not_found');

    notifier.notify(conversationId);
  }

  return { channel: 'webchat', send };
}

/** What the adapter stamped on the reply that the transcript sets itself. */
const REPLACED_FIELDS = [
  'id',
  'from',
  'recipient',
  'conversation',
  'timestamp',
  'serviceUrl',
  'replyToId',
];

/** The reply as the transcript keeps it: from the bot, in this conversation, stamped now. */
function toTranscriptActivity(
  row: OutboxRow,
  conversationId: string,
  nowMs: number,
): Record<string, unknown> {
  const content = { ...row.payload };
  for (const field of REPLACED_FIELDS) delete content[field];
  const { replyToId } = row.payload;
  const userId = row.address.userId;
  return {
    ...withMessageBackButtons(content),
    type: content.type ?? 'message',
    // Dialogs write plain text for every channel; as Markdown, a name like _Zoë_ would turn
    // italic and single line breaks would vanish.
    textFormat: content.textFormat ?? 'plain',
    channelId: 'webchat',
    timestamp: new Date(nowMs).toISOString(),
    from: { ...BOT_ACCOUNT },
    ...(typeof userId === 'string' ? { recipient: { id: userId, role: 'user' } } : {}),
    conversation: { id: conversationId },
    // Web Chat holds a reply back until the activity it answers has arrived, so a reply to
    // something not in the transcript (the join) would wait for nothing.
    ...(isTranscriptActivityId(conversationId, replyToId) ? { replyToId } : {}),
    channelData: { ...(content.channelData as object | undefined), [OUTBOX_ID_KEY]: row.id },
  };
}
