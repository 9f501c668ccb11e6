/**
 * One inbound text from Twilio, after its signature was checked. Carrier keywords come
 * first and never reach the dialogs: STOP (and plain revocations) opts the number out with
 * one confirmation, START opts back in, HELP answers with the program's details; each is
 * recorded in the inbox, so a retried webhook does nothing twice. Every other text becomes
 * a turn, with a reply such as "2" read as the second option last offered.
 */
import type { Activity } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import { matchLocale, type SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import type { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import { screenForCrisis } from '../../src/safety/crisis-screen.js';
import type { Db } from '../../src/storage/database.js';
import { markInboundProcessed } from '../../src/storage/inbox.js';
import { enqueueOutbound } from '../../src/storage/outbox.js';
import { offeredOptions } from '../../src/storage/sms-offered-options.js';
import { rememberSenderNumber } from '../../src/storage/sms-senders.js';
import type { TurnProcessor } from '../../src/turns/turn-processor.js';
import { pickOption } from './sms-option-choice.js';
import {
  classifySmsKeyword,
  keywordReply,
  type SmsKeyword,
  type SmsProgram,
} from './sms-keywords.js';
import { SMS_COMPLIANCE_FLAG } from './sms-sender.js';
import { findSmsIdentity, optIn, optOut, type SmsIdentity } from './sms-subscription.js';

/** A text as Twilio posts it, already validated. */
export interface InboundSms {
  messageSid: string;
  /** The sender's number (E.164). */
  from: string;
  /** The CareLine number it was sent to. */
  to: string;
  body: string;
}

export interface SmsIntakeOptions {
  db: Db;
  processor: TurnProcessor;
  signal: OutboxSignal;
  i18n: I18n;
  logger: Logger;
  program: SmsProgram;
  defaultLocale: SupportedLocale;
}

type DirectAnswer = SmsKeyword | 'text_only';

/** What is left to do once the text is durable: run it after answering Twilio. */
export type FollowUp = () => void;

/** Builds the intake used by `POST /api/sms`. */
export function createSmsIntake(options: SmsIntakeOptions) {
  const { db, processor, signal, i18n, logger, program, defaultLocale } = options;

  /** The person's language, else the keyword's (PARAR, AYUDA), else the default. */
  async function localeFor(identity: SmsIdentity | undefined, body: string) {
    if (identity) {
      const person = await db
        .selectFrom('people')
        .select('locale')
        .where('id', '=', identity.person_id)
        .executeTakeFirst();
      const locale = matchLocale(person?.locale);
      if (locale) return locale;
    }
    return looksSpanish(body) ? 'es' : defaultLocale;
  }

  /**
   * Answers a keyword (or a text with nothing to read) directly: recorded in the inbox for
   * de-duplication, with its one reply, and never shown to the dialogs.
   */
  async function answerDirectly(sms: InboundSms, keyword: DirectAnswer, identity?: SmsIdentity) {
    const locale = await localeFor(identity, sms.body);
    const t = i18n.getFixedT(locale);
    const text = keyword === 'text_only' ? t('sms:textOnly') : keywordReply(keyword, t, program);
    const message = { channel: 'sms' as const, externalId: sms.messageSid, activity: {} };
    const recorded = await db.transaction().execute(async (trx) => {
      const inboxId = await processor.accept(message, trx);
      if (!inboxId) return false;

      await markInboundProcessed(trx, inboxId);
      if (keyword === 'opt_out') await optOut(trx, sms.from, 'keyword');
      if (keyword === 'opt_in') await optIn(trx, sms.from);
      await enqueueOutbound(trx, [
        {
          personId: identity?.person_id ?? null,
          channel: 'sms',
          address: { channelId: 'sms', conversationId: sms.from, userId: sms.from },
          payload: {
            type: 'message',
            text,
            locale,
            // Carrier rules allow these few even to an opted-out number; nothing else.
            ...(keyword === 'text_only' ? {} : { channelData: { [SMS_COMPLIANCE_FLAG]: true } }),
          },
          idempotencyKey: `sms:${keyword}:${sms.messageSid}`,
        },
      ]);
      return true;
    });
    if (recorded) signal.notifyQueued('sms');
    logger.info({ keyword, duplicate: !recorded }, 'sms keyword');
  }

  async function acceptTurn(sms: InboundSms, identity?: SmsIdentity): Promise<FollowUp> {
    const options = identity ? await offeredOptions(db, identity.id) : [];
    const text = pickOption(sms.body, options) ?? sms.body;
    const message = {
      channel: 'sms' as const,
      externalId: sms.messageSid,
      activity: smsActivity(sms, text),
    };
    const inboxId = await processor.accept(message);
    if (!inboxId) return () => undefined;

    return () => void processor.process(message);
  }

  /** Records what must be recorded; resolves once it is durable. */
  async function receive(sms: InboundSms): Promise<FollowUp> {
    // Replies come from the number the person texted (unless one is theirs already).
    await rememberSenderNumber(db, sms.from, sms.to);
    const identity = await findSmsIdentity(db, sms.from);
    const optedOut = Boolean(identity?.opted_out_at);
    const keyword = classifySmsKeyword(sms.body, { optedOut });
    if (keyword) {
      await answerDirectly(sms, keyword, identity);
      // "Stop texting me, I want to die": the opt-out stands, and the words still reach the
      // safety screen, so staff hear of it even though no text may answer.
      if (keyword !== 'opt_out' || !screenForCrisis(sms.body)) return () => undefined;

      return acceptTurn({ ...sms, messageSid: `${sms.messageSid}:turn` }, identity);
    }
    // A picture, voice note or empty text: say what CareLine can read.
    if (sms.body.trim() === '') {
      await answerDirectly(sms, 'text_only', identity);
      return () => undefined;
    }

    // An opted-out person's text still becomes a turn (a crisis must reach staff), but
    // the sender refuses every reply until they text START.
    return acceptTurn(sms, identity);
  }

  return { receive };
}

export type SmsIntake = ReturnType<typeof createSmsIntake>;

function smsActivity(sms: InboundSms, text: string): Partial<Activity> {
  return {
    id: sms.messageSid,
    type: 'message',
    channelId: 'sms',
    serviceUrl: 'https://api.twilio.com',
    from: { id: sms.from, name: '' },
    recipient: { id: sms.to, name: 'CareLine' },
    conversation: { id: sms.from, isGroup: false, conversationType: 'personal', name: '' },
    timestamp: new Date(),
    text,
  };
}

function looksSpanish(body: string): boolean {
  return /\b(parar|alto|baja|cancelar|ayuda|informaci[oó]n|m[aá]s|mensajes)\b/i.test(body);
}
