/**
 * The sweep's first step: open doses that are now missed (see `dosesToMarkMissed`: the next
 * dose of the medication is due, or `missAfterHours` have passed since the dose could reach
 * the person) become 'missed'. Each person's doses are marked in one transaction with the
 * check for an adherence alert, so a crash between the two cannot lose the alert.
 */
import type { Db } from '../../storage/database.js';
import {
  doseRecordOf,
  listMissableDoses,
  markDosesMissed,
  type DosePosition,
  type OpenDoseWithNext,
} from '../../storage/doses.js';
import type { ChannelId } from '../../storage/schema.js';
import { dosesToMarkMissed, type DoseRecord } from '../schedule/dose-outcomes.js';
import { alertIfThresholdCrossed } from './adherence-alerts.js';
import { announceQueued } from './proactive-message.js';
import type { ReminderContext } from './reminder-context.js';

/** Doses looked at per page; the sweep pages through every candidate. */
export const SWEEP_BATCH = 500;

/** Marks every dose missed by `now`; returns how many. */
export async function markMissedDoses(ctx: ReminderContext, now: Date): Promise<number> {
  const { missAfterHours } = ctx.settings;
  let marked = 0;
  let after: DosePosition | undefined;
  for (;;) {
    const candidates = await listMissableDoses(ctx.db, now, missAfterHours, SWEEP_BATCH, after);
    const missed = missedAmong(candidates, now, missAfterHours);
    for (const [personId, doseIds] of groupByPerson(missed)) {
      marked += await markMissedFor(ctx, personId, doseIds, now);
    }
    // A full page may be all doses not missed yet (held by quiet hours): page on past them.
    const last = candidates.at(-1);
    if (candidates.length < SWEEP_BATCH || !last) return marked;
    after = { dueAt: last.due_at, id: last.id };
  }
}

/**
 * The candidates `dosesToMarkMissed` says are missed. A dose counts from when it could reach
 * the person; the next dose of its medication enters as a closed record so that it only
 * bounds the wait and is never marked itself.
 */
export function missedAmong(
  candidates: OpenDoseWithNext[],
  now: Date,
  missAfterHours: number,
): OpenDoseWithNext[] {
  const records = candidates.flatMap((row): DoseRecord[] => {
    const open = { ...doseRecordOf(row), dueAt: row.reachable_at };
    if (!row.next_due_at) return [open];

    const key = `next:${open.key}`;
    const next: DoseRecord = { ...open, key, dueAt: row.next_due_at, status: 'taken' };
    return [open, next];
  });
  const missedKeys = new Set(dosesToMarkMissed(records, now, { missAfterHours }).map((r) => r.key));
  return candidates.filter((row) => missedKeys.has(doseRecordOf(row).key));
}

function groupByPerson(doses: OpenDoseWithNext[]): Map<string, string[]> {
  const byPerson = new Map<string, string[]>();
  for (const dose of doses) {
    byPerson.set(dose.person_id, [...(byPerson.get(dose.person_id) ?? []), dose.id]);
  }
  return byPerson;
}

async function markMissedFor(
  ctx: ReminderContext,
  personId: string,
  doseIds: string[],
  now: Date,
): Promise<number> {
  const { marked, channels } = await ctx.db.transaction().execute(async (trx: Db) => {
    const rows = await markDosesMissed(trx, doseIds, now);
    const woken: ChannelId[] =
      rows.length > 0 ? await alertIfThresholdCrossed(trx, ctx, personId, now) : [];
    return { marked: rows.length, channels: woken };
  });
  announceQueued(ctx.announcer, channels);
  return marked;
}
