/**
 * "How am I doing?" / "¿Cómo voy?": doses taken, skipped and missed over the last 7 and 30
 * days, overall and per medication, and the current streak, in the person's language. A
 * caregiver the patient shares adherence with can ask about that patient.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type { SupportedLocale, TFunction } from '../../src/i18n/i18n.js';
import { reportAdherence } from '../../src/medications/adherence-report.js';
import { understandingOfRow } from '../../src/medications/medication-record.js';
import type {
  AdherenceCounts,
  AdherenceSummary,
} from '../../src/medications/schedule/adherence-summary.js';
import type { MedicationRow } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { joinParagraphs } from '../shared/buttons.js';
import { chooseSubjectStep, nameOf } from './choose-subject-dialog.js';
import { shortName } from './describe-medication.js';
import { ADHERENCE_DIALOG, type Subject } from './medication-flow.js';

/** Registers the report. */
export function addAdherenceDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new WaterfallDialog(ADHERENCE_DIALOG, [
      chooseSubjectStep('see_adherence'),
      (step) => showReport(step, deps),
    ]),
  );
}

async function showReport(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const subject = step.result as Subject | undefined;
  if (!subject) return step.endDialog();
  const { person, t, locale } = getTurnScope(step.context);
  const request = { actorId: person.id, patientId: subject.id, now: new Date() };
  const report = await reportAdherence(deps.db, request);
  if (report.kind !== 'report') {
    const key =
      report.kind === 'not_allowed' ? 'medications:adherence.notAllowed' : 'medications:notFound';
    await step.context.sendActivity(t(key, { name: nameOf(subject, t) }));
    return step.endDialog();
  }

  await step.context.sendActivity(
    describeReport(report.summary, report.medications, subject, t, locale),
  );
  return step.endDialog();
}

/** The whole report as one message. */
export function describeReport(
  summary: AdherenceSummary,
  medications: MedicationRow[],
  subject: Subject,
  t: TFunction,
  locale: SupportedLocale,
): string {
  const name = nameOf(subject, t);
  const title = subject.self
    ? t('medications:adherence.title')
    : t('medications:adherence.titleFor', { name });
  if (resolvedCount(summary.last30Days.overall) === 0) {
    return joinParagraphs(title, t('medications:adherence.nothingYet'));
  }

  const overall = t('medications:adherence.overall', {
    week: describeCounts(summary.last7Days.overall, t),
    month: describeCounts(summary.last30Days.overall, t),
  });
  const perMedication = medications
    .filter((medication) => summary.last30Days.byMedication[medication.id])
    .map((medication) =>
      t('medications:adherence.medication', {
        name: shortName(understandingOfRow(medication), locale),
        week: describeCounts(summary.last7Days.byMedication[medication.id], t),
        month: describeCounts(summary.last30Days.byMedication[medication.id], t),
      }),
    );
  const streak = t('medications:adherence.streak', { count: summary.currentStreakDays });
  return joinParagraphs(title, overall, perMedication.join('\n'), streak);
}

/** "6 taken, 1 skipped, 0 missed (86% taken)", or "no doses" for an empty window. */
function describeCounts(counts: AdherenceCounts | undefined, t: TFunction): string {
  if (!counts || resolvedCount(counts) === 0) return t('medications:adherence.noDoses');

  const percent = Math.round((counts.rate ?? 0) * 100);
  return t('medications:adherence.counts', { ...counts, percent });
}

function resolvedCount(counts: AdherenceCounts): number {
  return counts.taken + counts.skipped + counts.missed;
}
