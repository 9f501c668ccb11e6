/**
 * Delivers outbox rows as text messages through Twilio. Before anything reaches Twilio the
 * number's subscription is checked (opted out: nothing is sent but the opt-out's own
 * confirmation), health details are hidden unless the person asked for them, and the reply
 * is rendered into as few segments as it needs, options numbered. Each part waits for its
 * sending number's pace; parts Twilio already took are never sent again.
 */
import type { i18n as I18n } from 'i18next';
import { matchLocale, type SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import { DeliveryError } from '../../src/outbox/delivery-error.js';
import type { ChannelSender } from '../../src/outbox/outbox-dispatcher.js';
import { markUnreachable } from '../../src/people/reachability.js';
import type { Db } from '../../src/storage/database.js';
import type { OutboxRow } from '../../src/storage/schema.js';
import { rememberOfferedOptions } from '../../src/storage/sms-offered-options.js';
import { recordSentPart, takenParts } from '../../src/storage/sms-parts.js';
import { senderNumberFor } from '../../src/storage/sms-senders.js';
import { healthTermsOf, hideHealthTerms } from './health-details.js';
import type { NumberPacer } from './number-pacer.js';
import { renderSms, smsOptionsOf } from './sms-rendering.js';
import { countSegments } from './sms-segments.js';
import { findSmsIdentity, optOut } from './sms-subscription.js';
import { TwilioApiError, type TwilioApi } from './twilio-api.js';

/** A booking longer than this goes back to the dispatcher instead of holding a slot. */
const MAX_PACING_WAIT_MS = 15_000;

export interface SmsSenderOptions {
  db: Db;
  twilio: TwilioApi;
  pacer: NumberPacer;
  /** The numbers CareLine texts from (E.164); each person is given one. */
  numbers: readonly string[];
  i18n: I18n;
  logger: Logger;
  /** Where Twilio posts delivery receipts; unset, none are asked for. */
  statusCallbackUrl?: string;
  /** Most segments one text may cost (SMS_MAX_SEGMENTS); default 3. */
  maxSegments?: number;
  defaultLocale: SupportedLocale;
}

/** Outbox payloads carrying this in `channelData` are sent even to an opted-out number. */
export const SMS_COMPLIANCE_FLAG = 'smsCompliance';

/** The SMS `ChannelSender` for the outbox dispatcher. */
export function createSmsSender(options: SmsSenderOptions): ChannelSender {
  const { db, twilio, pacer, i18n, logger } = options;

  async function render(row: OutboxRow, locale: SupportedLocale): Promise<string[]> {
    const t = i18n.getFixedT(locale);
    const text = typeof row.payload.text === 'string' ? row.payload.text : '';
    const health = await healthTermsOf(db, row.person_id, (type) =>
      [locale, 'en', 'es'].map((lng) => i18n.t(`common:cancerType.${type}`, { lng })),
    );
    const shown = hideHealthTerms(text, health, t('sms:hiddenDetail'));
    return renderSms({
      text: shown,
      options: smsOptionsOf(row.payload),
      locale,
      t,
      maxSegments: options.maxSegments,
    });
  }

  async function sendPart(row: OutboxRow, to: string, part: number, body: string) {
    const from = await senderNumberFor(db, to, options.numbers);
    const { segments } = countSegments(body);
    const waitMs = pacer.waitFor(from);
    if (waitMs > MAX_PACING_WAIT_MS) throw new DeliveryError('rate_limited', 'sms_pacing', waitMs);

    const booking = await pacer.book(from, segments);
    try {
      const sent = await twilio.sendSms({
        from,
        to,
        body,
        statusCallback: options.statusCallbackUrl,
      });
      await recordSentPart(db, {
        outbox_id: row.id,
        part,
        message_sid: sent.sid,
        from_number: from,
        segments,
        status: sent.status,
      });
    } catch (error) {
      pacer.release(booking);
      throw error;
    }
  }

  async function toDeliveryError(error: unknown, to: string): Promise<unknown> {
    if (!(error instanceof TwilioApiError)) return error;

    const reason = `twilio_${error.code ?? error.status ?? 'network'}`;
    const cause = { cause: error };
    switch (error.kind) {
      case 'rate_limited':
        // Twilio's 429 says nothing of how long: try again after one segment's time.
        return new DeliveryError('rate_limited', reason, pacer.msPerSegment, cause);
      case 'transient':
        return new DeliveryError('transient', reason, undefined, cause);
      case 'opted_out':
        await optOut(db, to, 'carrier');
        return new DeliveryError('permanent', 'opted_out', undefined, cause);
      case 'unreachable':
        await markUnreachable(db, 'sms', to, reason);
        return new DeliveryError('permanent', reason, undefined, cause);
      case 'unauthorized':
        logger.error({ channel: 'sms' }, 'Twilio refused the account credentials');
        return new DeliveryError('permanent', reason, undefined, cause);
      case 'rejected':
        return new DeliveryError('permanent', reason, undefined, cause);
    }
  }

  async function send(row: OutboxRow): Promise<void> {
    const to = typeof row.address.userId === 'string' ? row.address.userId : undefined;
    if (!to) throw new DeliveryError('permanent', 'conversation_not_found');
    // Typing indicators and other non-message activities have no SMS form.
    if (row.payload.type !== undefined && row.payload.type !== 'message') return;

    const identity = await findSmsIdentity(db, to);
    const channelData = row.payload.channelData as Record<string, unknown> | undefined;
    const compliance = channelData?.[SMS_COMPLIANCE_FLAG] === true;
    if (identity?.opted_out_at && !compliance) throw new DeliveryError('permanent', 'opted_out');
    if (identity?.unreachable_at) throw new DeliveryError('permanent', 'unreachable');

    const locale = await localeOf(row);
    const parts = await render(row, locale);
    const taken = await takenParts(db, row.id);
    try {
      for (const [index, body] of parts.entries()) {
        if (!taken.has(index)) await sendPart(row, to, index, body);
      }
    } catch (error) {
      throw await toDeliveryError(error, to);
    }
    if (identity) await rememberOfferedOptions(db, identity.id, smsOptionsOf(row.payload));
  }

  async function localeOf(row: OutboxRow): Promise<SupportedLocale> {
    const fromPayload = matchLocale(row.payload.locale as string | undefined);
    if (fromPayload) return fromPayload;
    if (!row.person_id) return options.defaultLocale;

    const person = await db
      .selectFrom('people')
      .select('locale')
      .where('id', '=', row.person_id)
      .executeTakeFirst();
    return matchLocale(person?.locale) ?? options.defaultLocale;
  }

  return { channel: 'sms', send };
}
