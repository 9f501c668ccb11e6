/**
 * Calling the medication analyzer from a dialog without ever failing the turn: an analyzer
 * that cannot answer (throttled, unreachable) is logged by kind only and the flow asks
 * the person instead. Also recognizes a name typed as a correction.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import {
  MedicalTextAnalysisError,
  type MedicationUnderstanding,
} from '../../src/medications/analysis/medical-text-analyzer.js';
import type { DialogDependencies } from '../careline-dialogs.js';

/** What the analyzer made of a description. */
export type DescriptionAnalysis =
  { kind: 'found'; medications: MedicationUnderstanding[] } | { kind: 'none' } | { kind: 'failed' };

/** Reads the medications in `text`; 'failed' instead of throwing when the analyzer cannot. */
export async function analyzeDescription(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  text: string,
): Promise<DescriptionAnalysis> {
  const { locale, person } = getTurnScope(step.context);
  try {
    const { medications } = await deps.analyzer.analyze(text, locale);
    return medications.length > 0 ? { kind: 'found', medications } : { kind: 'none' };
  } catch (error) {
    // Logged without the error itself: a service's message could quote what was written.
    const retryable = error instanceof MedicalTextAnalysisError ? error.retryable : undefined;
    deps.logger.warn(
      { personId: person.id, analyzer: deps.analyzer.name, errorType: errorType(error), retryable },
      'medication analysis failed; asking the person instead',
    );
    return { kind: 'failed' };
  }
}

/**
 * `draft` with the name looked up again after the person corrected it: the lexicon's
 * spelling, generic name and RxNorm id when known; otherwise kept as written, flagged, and
 * `notice` says so.
 */
export async function recognizeMedicationName(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  draft: MedicationUnderstanding,
): Promise<{ draft: MedicationUnderstanding; notice?: string }> {
  const analysis = await analyzeDescription(step, deps, draft.name);
  const unrecognized = withoutRecognition(draft);
  if (analysis.kind === 'failed') return { draft: unrecognized };

  const found = analysis.kind === 'found' ? analysis.medications[0] : undefined;
  if (!found?.recognized) return { draft: unrecognized, notice: unknownNotice(step, draft.name) };
  const { name, genericName, rxNormId } = found;
  return { draft: { ...unrecognized, name, genericName, rxNormId, recognized: true } };
}

/** "I don't know X, so I'll keep it as you wrote it…", in the person's language. */
export function unknownNotice(step: WaterfallStepContext, name: string): string {
  return getTurnScope(step.context).t('medications:unknownDrug', { name });
}

function withoutRecognition(draft: MedicationUnderstanding): MedicationUnderstanding {
  const unrecognized = { ...draft, recognized: false };
  delete unrecognized.genericName;
  delete unrecognized.rxNormId;
  return unrecognized;
}

function errorType(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
