/**
 * The analyzer CareLine uses when AWS Comprehend Medical is not configured: the bundled lexicon
 * and parsers, with nothing sent anywhere. It never throws for a text it cannot read; it finds
 * fewer things, and the dialog asks the person for the rest.
 */
import type {
  AnalysisLanguage,
  MedicalTextAnalysis,
  MedicalTextAnalyzer,
} from '../medical-text-analyzer.js';
import { isIsoDate, localToday } from './calendar-date.js';
import { parseMedications } from './medication-parser.js';

export interface OfflineAnalyzerOptions {
  /**
   * Today's date in the person's calendar, yyyy-mm-dd, read on every call to resolve
   * "starting Monday" or "until March 3". Pass one built from the person's time zone; the
   * default is this machine's local date.
   */
  today?: () => string;
}

/** Creates the offline analyzer (name 'offline'). */
export function createOfflineAnalyzer(options: OfflineAnalyzerOptions = {}): MedicalTextAnalyzer {
  const today = options.today ?? (() => localToday());

  return {
    name: 'offline',
    async analyze(text: string, language: AnalysisLanguage): Promise<MedicalTextAnalysis> {
      const date = today();
      if (!isIsoDate(date)) {
        throw new RangeError(
          `The offline analyzer's today() returned ${JSON.stringify(date)}; it must return a real date as yyyy-mm-dd, e.g. '2027-01-05'.`,
        );
      }
      return {
        analyzer: 'offline',
        medications: parseMedications(text, { today: date, language }),
      };
    },
  };
}
