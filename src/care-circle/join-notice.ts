/**
 * Tells a patient, wherever CareLine reaches them, that a caregiver accepted their
 * invitation, so they know who joined and can choose what that person may do. It can wait:
 * quiet hours hold it. The invitation it answers is its idempotency key, so a turn run
 * again never tells twice.
 */
import type { i18n as I18n } from 'i18next';
import { notifyOutboxQueued } from '../outbox/outbox-notifications.js';
import { DEFAULT_QUIET_WINDOW, quietHoldUntil, type QuietWindow } from '../outbox/quiet-hours.js';
import { findPreferredAddress } from '../people/preferred-address.js';
import { matchLocale } from '../i18n/i18n.js';
import type { Db } from '../storage/database.js';
import { enqueueOutbound } from '../storage/outbox.js';
import { findPerson } from '../storage/people.js';

export interface JoinNotice {
  patientId: string;
  caregiverId: string;
  /** The invitation the caregiver used. */
  invitationId: string;
}

export interface JoinNoticeOptions {
  /** When the caregiver joined; decides quiet hours. Default: now. */
  at?: Date;
  /** The operator's quiet hours for people who set none; default 21:00 to 08:00. */
  quietWindow?: QuietWindow;
}

/**
 * Queues the notice for the patient. Returns false when nothing was queued: CareLine
 * cannot reach the patient, or the notice was queued before.
 */
export async function queueJoinNotice(
  db: Db,
  i18n: I18n,
  notice: JoinNotice,
  options: JoinNoticeOptions = {},
): Promise<boolean> {
  const patient = await findPerson(db, notice.patientId);
  const caregiver = await findPerson(db, notice.caregiverId);
  const address = patient && (await findPreferredAddress(db, patient.id));
  if (!patient || !caregiver || !address) return false;

  const t = i18n.getFixedT(matchLocale(patient.locale) ?? 'en');
  const name = caregiver.display_name ?? t('care-circle:someone');
  const holdUntil = quietHoldUntil(
    patient,
    options.at ?? new Date(),
    options.quietWindow ?? DEFAULT_QUIET_WINDOW,
  );
  const queued = await enqueueOutbound(db, [
    {
      personId: patient.id,
      channel: address.channel,
      address: { ...address.outboxAddress },
      payload: { type: 'message', text: t('care-circle:joinNotice', { name }) },
      idempotencyKey: `care-invitation:${notice.invitationId}:joined`,
      ...(holdUntil ? { holdUntil } : {}),
    },
  ]);
  if (queued > 0) await notifyOutboxQueued(db, address.channel);
  return queued > 0;
}
