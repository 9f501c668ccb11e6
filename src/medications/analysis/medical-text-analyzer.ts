/**
 * What CareLine understands of a medication described in a person's own words, and the
 * interface every analyzer implements: AWS Comprehend Medical when configured, the bundled
 * offline analyzer otherwise. Analyzers only read text; they never save anything, and what
 * they return is read back to the person to confirm or correct before it is kept.
 */

/** Languages the analyzers read. */
export type AnalysisLanguage = 'en' | 'es';

/** A strength such as 20 mg or 1500 mg; `value` in `unit`. */
export interface Strength {
  value: number;
  /** Lower-case unit as written in standard form: 'mg', 'mcg', 'g', 'ml', 'mg/ml', 'units', '%'. */
  unit: string;
}

/** How much is taken at a time, e.g. 2 tablets. */
export interface DoseAmount {
  value: number;
  /** Singular standard form: 'tablet', 'capsule', 'ml', 'drop', 'puff', 'patch', 'injection'. */
  form: string;
}

/**
 * When it is taken. Exactly one of the shapes applies:
 * - `timesPerDay` (1-6) with optional `timesOfDay` (local 'HH:mm', sorted) when the person
 *   named them (“every morning” → ['08:00'], “at 9pm” → ['21:00']);
 * - `everyHours` (an interval such as every 8 hours);
 * - `daysOfWeek` (1 = Monday … 7 = Sunday) for weekly medications, with `timesPerDay` 1;
 * `asNeeded` medications carry no schedule for reminders.
 */
export interface Frequency {
  timesPerDay?: number;
  timesOfDay?: string[];
  everyHours?: number;
  daysOfWeek?: number[];
}

/** A treatment cycle such as 14 days on, 7 days off. */
export interface Cycle {
  daysOn: number;
  daysOff: number;
}

/** One medication as understood from the text; every field but `name` may be missing. */
export interface MedicationUnderstanding {
  /** The name as the person wrote it (trimmed), or the lexicon's spelling when recognized. */
  name: string;
  /** The generic name when a brand was given (Xeloda → capecitabine), or when `name` is generic. */
  genericName?: string;
  /** RxNorm concept id (RxCUI) of the ingredient, when known. */
  rxNormId?: string;
  /** False when neither analyzer knows the drug: kept as written, still remindable. */
  recognized: boolean;
  strength?: Strength;
  dose?: DoseAmount;
  frequency?: Frequency;
  /** 'oral', 'topical', 'subcutaneous', 'intravenous', 'inhaled', 'rectal', 'sublingual', 'transdermal'. */
  route?: string;
  cycle?: Cycle;
  /** ISO dates (yyyy-mm-dd) in the person's calendar, when stated. */
  startDate?: string;
  endDate?: string;
  /** Duration when stated as such (“for 5 days”), in days. */
  durationDays?: number;
  asNeeded: boolean;
  /** What it is for when stated (“for nausea”), as written. */
  reason?: string;
  /**
   * Parts of the text that make the schedule impossible or implausible and must be asked
   * about rather than saved, e.g. 'zero_interval', 'too_many_units', 'too_many_times'.
   */
  problems: AnalysisProblem[];
}

export type AnalysisProblem =
  | 'zero_interval'
  | 'interval_too_short'
  | 'too_many_units'
  | 'too_many_times'
  | 'strength_implausible'
  | 'cycle_implausible';

/** What an analyzer found in one text. */
export interface MedicalTextAnalysis {
  /** Medications found, in the order they appear; empty when none. */
  medications: MedicationUnderstanding[];
  /** Which analyzer produced this, for logs and `/readyz`. */
  analyzer: AnalyzerName;
}

export type AnalyzerName = 'comprehend-medical' | 'offline';

/** Reads medications out of free text. */
export interface MedicalTextAnalyzer {
  readonly name: AnalyzerName;
  /**
   * @param text what the person wrote (at most a few hundred characters)
   * @param language the person's language; text in the other supported language is read too
   * @throws MedicalTextAnalysisError when the service cannot answer (callers fall back to
   *   asking the person, they never fail the turn)
   */
  analyze(text: string, language: AnalysisLanguage): Promise<MedicalTextAnalysis>;
}

/** An analyzer could not answer (throttled, unreachable, refused); `cause` is kept. */
export class MedicalTextAnalysisError extends Error {
  override name = 'MedicalTextAnalysisError';

  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
