/**
 * The `doses` table: one row per dose occurrence of a medication, keyed by
 * (medication, occurrence) so a re-run reminder job or a second worker finds the row that is
 * already there instead of reminding twice. Every dose starts open and ends taken, skipped
 * or missed; these functions only ever move an open dose.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import {
  doseToMatchLateReply,
  EARLY_REPLY_MINUTES,
  LATE_REPLY_MAX_AGE_HOURS,
  type DoseRecord,
} from '../medications/schedule/dose-outcomes.js';
import type { Db } from './database.js';
import type { Database, DoseRow } from './schema.js';

/** How a person resolves a dose themselves; 'missed' is only ever set by the sweep. */
export type DoseOutcome = 'taken' | 'skipped';

/** One dose occurrence to record. */
export interface NewDoseOccurrence {
  medicationId: string;
  personId: string;
  /** 'yyyy-mm-ddTHH:mm' in the person's zone, see `DoseOccurrence.key`. */
  occurrenceKey: string;
  dueAt: Date;
  /** Recorded as reminded at this time, when this call creates the row. */
  remindedAt?: Date;
}

/** An open dose with the due time of the next dose of its medication, if one is recorded. */
export interface OpenDoseWithNext extends DoseRow {
  /** When it could first reach the person: due, or the end of the quiet hours holding it. */
  reachable_at: Date;
  next_due_at: Date | null;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
// Dose ids arrive in button values a person can also type; a malformed one is "not found".
const DOSE_ID_PATTERN = /^\d{1,18}$/;

/** True for a string that can be a dose id. */
export function isDoseId(value: string): boolean {
  return DOSE_ID_PATTERN.test(value);
}

/**
 * Records the occurrence unless it is already recorded (`on conflict do nothing`), then
 * locks its row for the rest of the transaction. `created` tells whether this call made it.
 * Call inside a transaction: the lock is what keeps two workers from both reminding.
 */
export async function claimDoseOccurrence(
  trx: Db,
  occurrence: NewDoseOccurrence,
): Promise<{ dose: DoseRow; created: boolean }> {
  const inserted = await trx
    .insertInto('doses')
    .values({
      medication_id: occurrence.medicationId,
      person_id: occurrence.personId,
      occurrence_key: occurrence.occurrenceKey,
      due_at: occurrence.dueAt,
      reminded_at: occurrence.remindedAt ?? null,
    })
    .onConflict((oc) => oc.columns(['medication_id', 'occurrence_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { dose: inserted, created: true };

  const existing = await trx
    .selectFrom('doses')
    .selectAll()
    .where('medication_id', '=', occurrence.medicationId)
    .where('occurrence_key', '=', occurrence.occurrenceKey)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { dose: existing, created: false };
}

/** The dose with this id, or undefined (also for a malformed id). */
export async function findDose(db: Db, doseId: string): Promise<DoseRow | undefined> {
  if (!isDoseId(doseId)) return undefined;

  return db.selectFrom('doses').selectAll().where('id', '=', doseId).executeTakeFirst();
}

/** The dose, locked for the rest of the transaction, or undefined. */
export async function lockDose(trx: Db, doseId: string): Promise<DoseRow | undefined> {
  if (!isDoseId(doseId)) return undefined;

  return trx
    .selectFrom('doses')
    .selectAll()
    .where('id', '=', doseId)
    .forUpdate()
    .executeTakeFirst();
}

/** Records when the reminder reaches the person: now, or when quiet hours end. */
export async function markDoseReminded(db: Db, doseId: string, at: Date): Promise<void> {
  await db.updateTable('doses').set({ reminded_at: at }).where('id', '=', doseId).execute();
}

/** Records a snooze until `until`; false when the dose is not open. */
export async function markDoseSnoozed(db: Db, doseId: string, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('doses')
    .set({ snoozed_until: until })
    .where('id', '=', doseId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Records the one follow-up; false when the dose is not open or already had it. */
export async function markDoseFollowedUp(db: Db, doseId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('doses')
    .set({ followed_up_at: at })
    .where('id', '=', doseId)
    .where('status', '=', 'open')
    .where('followed_up_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Marks these doses missed if still open; returns the rows it changed. */
export async function markDosesMissed(db: Db, doseIds: string[], at: Date): Promise<DoseRow[]> {
  if (doseIds.length === 0) return [];

  return db
    .updateTable('doses')
    .set({ status: 'missed', resolved_at: at })
    .where('id', 'in', doseIds)
    .where('status', '=', 'open')
    .returningAll()
    .execute();
}

/**
 * Resolves an open dose (taken or skipped, with an optional reason); false when it was not
 * open or not this person's. The reason is kept only for a skipped dose. Reminders of the
 * dose still held in the outbox (prepared ahead of the due time, or held by quiet hours)
 * are withdrawn in the same statement: an early "took it" stops the reminder.
 */
export async function resolveDose(
  db: Db,
  doseId: string,
  personId: string,
  outcome: DoseOutcome,
  reason?: string,
): Promise<boolean> {
  if (!isDoseId(doseId)) return false;

  const skipReason = outcome === 'skipped' ? (reason ?? null) : null;
  const result = await sql<{ id: string }>`
    with resolved as (
      update doses set status = ${outcome}, resolved_at = ${new Date()}, skip_reason = ${skipReason}
      where id = ${doseId} and person_id = ${personId} and status = 'open'
      returning id, medication_id, occurrence_key),
    withdrawn as (
      delete from outbox o using resolved r
      where ${HELD_ROW} and (o.idempotency_key = ${sql.lit(FOLLOW_UP_KEY_PREFIX)} || r.id::text
        or o.idempotency_key like ${sql.lit(REMINDER_KEY_PREFIX)} || r.medication_id::text
          || ':' || r.occurrence_key || '%'))
    select id from resolved`.execute(db);
  return result.rows.length === 1;
}

/** The start of every outbox key of a medication's reminders. */
const REMINDER_KEY_PREFIX = 'reminder:';
const FOLLOW_UP_KEY_PREFIX = 'followup:';

/** The outbox key of a dose's one follow-up. */
export function followUpKey(doseId: string): string {
  return `${FOLLOW_UP_KEY_PREFIX}${doseId}`;
}

/** An outbox row (`o`) not released yet: still pending and held until a later time. */
const HELD_ROW = sql`o.status = 'pending' and o.hold_until > now()`;

/**
 * The outbox key of an occurrence's reminder; its snoozed reminders' keys start with it.
 * Defined here so that answering a dose can withdraw them.
 */
export function doseReminderKey(medicationId: string, occurrenceKey: string): string {
  return `${REMINDER_KEY_PREFIX}${medicationId}:${occurrenceKey}`;
}

/**
 * Deletes the still-held outbox rows whose idempotency key starts with `keyPrefix` (a
 * reminder prepared ahead and not released yet); returns how many. A row already released
 * to the dispatcher stays.
 */
export async function withdrawHeldMessages(db: Db, keyPrefix: string): Promise<number> {
  const pattern = `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await sql`delete from outbox o
    where ${HELD_ROW} and o.idempotency_key like ${pattern}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Deletes the still-held follow-ups ("did you take…?", held by quiet hours) of the
 * medication's doses; returns how many. Run before the medication is deleted: its doses go
 * with it, and a follow-up left behind would ask about a dose that no longer exists.
 */
export async function withdrawHeldFollowUps(db: Db, medicationId: string): Promise<number> {
  const result = await sql`delete from outbox o
    where ${HELD_ROW} and o.idempotency_key in (
      select ${FOLLOW_UP_KEY_PREFIX} || d.id::text from doses d
      where d.medication_id = ${medicationId})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Open doses of the medication due after `now`: recorded ahead of time with their reminder
 * prepared and held. The caller decides which still belong to the schedule.
 */
export async function listStagedDoses(db: Db, medicationId: string, now: Date): Promise<DoseRow[]> {
  return db
    .selectFrom('doses')
    .selectAll()
    .where('medication_id', '=', medicationId)
    .where('status', '=', 'open')
    .where('due_at', '>', now)
    .orderBy('due_at')
    .execute();
}

/**
 * Withdraws a staged dose: its held reminders leave the outbox and the open row goes, so
 * planning the occurrence again prepares it afresh. Returns false when the dose was answered
 * meanwhile (it is then kept, as the person's answer).
 */
export async function withdrawStagedDose(trx: Db, dose: DoseRow): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('doses')
    .where('id', '=', dose.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (deleted.numDeletedRows !== 1n) return false;

  await withdrawHeldMessages(trx, doseReminderKey(dose.medication_id, dose.occurrence_key));
  return true;
}

/**
 * The open dose of the person a reply such as "took it" refers to, or undefined: the most
 * recent one due within the last `LATE_REPLY_MAX_AGE_HOURS` (chosen by
 * `doseToMatchLateReply`); only when none is due, the next one due within
 * `EARLY_REPLY_MINUTES` (taken a little early). Doses exist from when their reminder is
 * prepared (`prepareMinutesAhead` before they are due), so the early window is in effect the
 * shorter of the two. A dose due already wins because its reminder is the one the person has
 * seen; the next dose's is still held.
 */
export async function findDoseForLateReply(
  db: Db,
  personId: string,
  now: Date,
): Promise<DoseRow | undefined> {
  const rows = await db
    .selectFrom('doses')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .where('due_at', '>=', new Date(now.getTime() - LATE_REPLY_MAX_AGE_HOURS * MS_PER_HOUR))
    .where('due_at', '<=', new Date(now.getTime() + EARLY_REPLY_MINUTES * MS_PER_MINUTE))
    .execute();
  const due = rows.filter((row) => row.due_at <= now);
  const candidates = due.length > 0 ? due : rows;
  const match = doseToMatchLateReply(candidates.map(doseRecordOf), now);
  return match && candidates.find((row) => doseRecordOf(row).key === match.key);
}

/** Doses of the person (optionally one medication) due since `since`, oldest first. */
export async function listDosesSince(
  db: Db,
  personId: string,
  since: Date,
  medicationId?: string,
): Promise<DoseRow[]> {
  let query = db
    .selectFrom('doses')
    .selectAll()
    .where('person_id', '=', personId)
    .where('due_at', '>=', since);
  if (medicationId) query = query.where('medication_id', '=', medicationId);
  return query.orderBy('due_at').orderBy('id').execute();
}

/**
 * When an open dose could first reach the person: its due time, or later when quiet hours
 * held its reminder (`reminded_at` is then the end of the hold).
 */
const REACHABLE_AT = sql<Date>`greatest(doses.due_at, coalesce(doses.reminded_at, doses.due_at))`;

/**
 * Open doses that may be missed by `now`: reachable `missAfterHours` ago or more, or followed
 * by a later recorded dose of the same medication that is already due. Each comes with the
 * due time of that later dose (`next_due_at`) so the caller can apply `dosesToMarkMissed`.
 * At most `limit`, oldest first (by due time, then id), after `after` when given: a
 * candidate the caller finds not missed yet stays a candidate, so pages move on past it.
 */
export async function listMissableDoses(
  db: Db,
  now: Date,
  missAfterHours: number,
  limit: number,
  after?: DosePosition,
): Promise<OpenDoseWithNext[]> {
  const reachableBefore = new Date(now.getTime() - missAfterHours * MS_PER_HOUR);
  const laterDoses = (eb: ExpressionBuilder<Database, 'doses'>) =>
    eb
      .selectFrom('doses as n')
      .whereRef('n.medication_id', '=', 'doses.medication_id')
      .whereRef('n.due_at', '>', 'doses.due_at');
  return db
    .selectFrom('doses')
    .selectAll()
    .select((eb) =>
      laterDoses(eb)
        .select((n) => n.fn.min('n.due_at').as('m'))
        .as('next_due_at'),
    )
    .select(REACHABLE_AT.as('reachable_at'))
    .where('status', '=', 'open')
    .where('due_at', '<=', now)
    .where((eb) =>
      eb.or([
        eb(REACHABLE_AT, '<=', reachableBefore),
        eb.exists(
          laterDoses(eb)
            .select(sql`1`.as('one'))
            .where('n.due_at', '<=', now),
        ),
      ]),
    )
    .$if(after !== undefined, (query) =>
      query.where(sql<boolean>`(doses.due_at, doses.id) > (${after!.dueAt}, ${after!.id})`),
    )
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Where a page of doses ended, in (due time, id) order. */
export interface DosePosition {
  dueAt: Date;
  id: string;
}

/**
 * Open doses whose reminder has gone out, with no follow-up yet and no snooze running, that
 * have waited at least `graceMinutes` since the later of due time and reminder. At most
 * `limit`, oldest first.
 */
export async function listDosesAwaitingFollowUp(
  db: Db,
  now: Date,
  graceMinutes: number,
  limit: number,
): Promise<DoseRow[]> {
  const waitedSince = new Date(now.getTime() - graceMinutes * MS_PER_MINUTE);
  return db
    .selectFrom('doses')
    .selectAll()
    .where('status', '=', 'open')
    .where('followed_up_at', 'is', null)
    .where('reminded_at', 'is not', null)
    .where(sql<boolean>`greatest(due_at, reminded_at) <= ${waitedSince}`)
    .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', now)]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/** The person's missed doses due after `after`, oldest first. */
export async function listMissedDosesAfter(
  db: Db,
  personId: string,
  after: Date,
): Promise<DoseRow[]> {
  return db
    .selectFrom('doses')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'missed')
    .where('due_at', '>', after)
    .orderBy('due_at')
    .execute();
}

/** A stored dose as the pure dose-outcome rules see it. */
export function doseRecordOf(row: DoseRow): DoseRecord {
  return {
    key: `${row.medication_id}:${row.occurrence_key}`,
    medicationId: row.medication_id,
    dueAt: row.due_at,
    status: row.status,
    remindedAt: row.reminded_at ?? undefined,
    followedUpAt: row.followed_up_at ?? undefined,
  };
}
