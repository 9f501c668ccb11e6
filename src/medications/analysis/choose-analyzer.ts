/**
 * Which medical text analyzer CareLine uses (MEDICAL_TEXT_ANALYZER): 'auto' picks AWS
 * Comprehend Medical when an AWS region and credentials are configured and the bundled
 * offline analyzer otherwise; 'offline' never sends health text to AWS; 'comprehend-medical'
 * insists on AWS (for credentials the automatic check cannot see, such as instance roles).
 * With Comprehend Medical, the offline analyzer still reads Spanish text and the schedule
 * details Comprehend returns only as words.
 */
import type { Logger } from '../../logging/logger.js';
import { createComprehendMedicalAnalyzer } from './comprehend/comprehend-medical-analyzer.js';
import { comprehendMedicalConfigured } from './comprehend/comprehend-medical-config.js';
import type { MedicalTextAnalyzer } from './medical-text-analyzer.js';
import { parseMedicationDetails } from './offline/medication-parser.js';
import { createOfflineAnalyzer } from './offline/offline-analyzer.js';
import { localToday } from './offline/calendar-date.js';

export type AnalyzerChoice = 'auto' | 'offline' | 'comprehend-medical';

export interface ChooseAnalyzerOptions {
  choice: AnalyzerChoice;
  logger: Logger;
  /** Default `process.env`: where the AWS SDK finds its region and credentials. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The analyzer to use; logs which one, without any secret. */
export function chooseMedicalTextAnalyzer(options: ChooseAnalyzerOptions): MedicalTextAnalyzer {
  const { choice, logger } = options;
  const offline = createOfflineAnalyzer();
  const useAws =
    choice === 'comprehend-medical' ||
    (choice === 'auto' && comprehendMedicalConfigured(options.env ?? process.env));
  const analyzer = useAws
    ? createComprehendMedicalAnalyzer({
        fallback: offline,
        parseDetails: (text, language) =>
          parseMedicationDetails(text, { today: localToday(), language }),
        logger,
      })
    : offline;
  logger.info({ analyzer: analyzer.name, choice }, 'medical text analyzer');
  return analyzer;
}
