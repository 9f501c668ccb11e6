/**
 * The `adherence_alerts` table (migration 007): one row per crossing of the missed-dose
 * threshold, keyed by patient and crossing dose, so the same crossing is never alerted twice.
 */
import type { Db } from '../../storage/database.js';
import type { AdherenceAlertsTable } from '../../storage/schema.js';

export interface NewAdherenceAlert {
  patientId: string;
  crossingDoseId: string;
  throughDueAt: Date;
  missedCount: number;
  notified: AdherenceAlertsTable['notified'];
}

/** Due time of the last dose an alert counted, or undefined before the first alert. */
export async function lastAlertThrough(db: Db, patientId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('adherence_alerts')
    .select('through_due_at')
    .where('patient_id', '=', patientId)
    .orderBy('through_due_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.through_due_at;
}

/** Records a crossing; false when it was recorded already. */
export async function recordAlert(db: Db, alert: NewAdherenceAlert): Promise<boolean> {
  const inserted = await db
    .insertInto('adherence_alerts')
    .values({
      patient_id: alert.patientId,
      crossing_dose_id: alert.crossingDoseId,
      through_due_at: alert.throughDueAt,
      missed_count: alert.missedCount,
      notified: alert.notified,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'crossing_dose_id']).doNothing())
    .returning('patient_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
