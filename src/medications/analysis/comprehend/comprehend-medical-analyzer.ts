/**
 * The MedicalTextAnalyzer backed by AWS Comprehend Medical: DetectEntitiesV2 finds the
 * medication names and their attributes, InferRxNorm links each name to an RxNorm concept,
 * and both are combined into one understanding per medication.
 *
 * Comprehend Medical reads English only. Spanish text goes to the `fallback` analyzer (the
 * offline one in production) and is never sent to AWS; without a fallback it is sent anyway,
 * because drug names are often spelled alike, but its schedules will mostly go unread.
 */
import {
  ComprehendMedicalClient,
  DetectEntitiesV2Command,
  InferRxNormCommand,
  type ComprehendMedicalClientConfig,
} from '@aws-sdk/client-comprehendmedical';
import type { Logger } from '../../../logging/logger.js';
import type {
  AnalysisLanguage,
  MedicalTextAnalysis,
  MedicalTextAnalyzer,
} from '../medical-text-analyzer.js';
import { errorLabel, toMedicalTextAnalysisError } from './comprehend-errors.js';
import type { DetailsParser } from './medication-details.js';
import {
  mentionsMedication,
  readMedications,
  type ComprehendFindings,
} from './medication-entities.js';

export type { DetailsParser } from './medication-details.js';
export { comprehendMedicalConfigured } from './comprehend-medical-config.js';

const ANALYZER_NAME = 'comprehend-medical';
/** The first try and one retry, so a busy service does not hold up the person's turn. */
const MAX_ATTEMPTS = 2;
const CONNECT_TIMEOUT_MS = 1_000;
const ATTEMPT_TIMEOUT_MS = 2_500;
/** Both calls, retries included, must finish within this. */
const DEFAULT_ANALYSIS_TIMEOUT_MS = 5_000;

export interface ComprehendMedicalAnalyzerOptions {
  /**
   * AWS region such as 'us-east-1' (Comprehend Medical runs in a few regions only).
   * Default: the SDK's own lookup (`AWS_REGION`, then the shared config profile).
   */
  region?: string;
  /** Default: the SDK's credential chain (environment, profile, instance role…). */
  credentials?: ComprehendMedicalClientConfig['credentials'];
  /**
   * Endpoint URL for a proxy or test double. Default: the SDK's own resolution, which honours
   * `AWS_ENDPOINT_URL_COMPREHENDMEDICAL` and `AWS_ENDPOINT_URL`.
   */
  endpoint?: string;
  /** A ready client: region, credentials, endpoint, retries and timeouts are then its own. */
  client?: ComprehendMedicalClient;
  /** Reads Spanish text, and English text in which Comprehend finds no medication name. */
  fallback?: MedicalTextAnalyzer;
  /** Reads schedule details from one medication's words; see DetailsParser. */
  parseDetails?: DetailsParser;
  /** Receives error names only, never text. Default: no logging. */
  logger?: Logger;
  /** Limit for both calls together, retry included, in milliseconds. Default 5000. */
  timeoutMs?: number;
}

/**
 * Creates the Comprehend Medical analyzer. It makes at most two attempts per call (the SDK's
 * own retry) and throws MedicalTextAnalysisError, retryable or not, when the service fails.
 */
export function createComprehendMedicalAnalyzer(
  options: ComprehendMedicalAnalyzerOptions = {},
): MedicalTextAnalyzer {
  const client = options.client ?? createClient(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
  const { fallback, parseDetails, logger } = options;

  return {
    name: ANALYZER_NAME,
    async analyze(text: string, language: AnalysisLanguage): Promise<MedicalTextAnalysis> {
      if (text.trim() === '') return { medications: [], analyzer: ANALYZER_NAME };
      if (language !== 'en' && fallback) return fallback.analyze(text, language);

      const findings = await findInText(client, text, timeoutMs, logger);
      // An unknown drug name is often not tagged at all; the fallback keeps it as written.
      if (!mentionsMedication(findings) && fallback) return fallback.analyze(text, language);

      const medications = readMedications(text, findings, { language, parseDetails });
      return { medications, analyzer: ANALYZER_NAME };
    },
  };
}

function createClient(options: ComprehendMedicalAnalyzerOptions): ComprehendMedicalClient {
  const { region, credentials, endpoint } = options;
  return new ComprehendMedicalClient({
    ...(region === undefined ? {} : { region }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(endpoint === undefined ? {} : { endpoint }),
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: ATTEMPT_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}

/**
 * Both calls at once, so the person waits for the slower one only. When one fails the other
 * is cancelled, and both have settled before this returns, so no request outlives the turn.
 */
async function findInText(
  client: ComprehendMedicalClient,
  text: string,
  timeoutMs: number,
  logger: Logger | undefined,
): Promise<ComprehendFindings> {
  const cancel = new AbortController();
  const abortSignal = AbortSignal.any([cancel.signal, AbortSignal.timeout(timeoutMs)]);
  let firstError: unknown;
  const cancelOthersOnFailure = <T>(call: Promise<T>) =>
    call.catch((error: unknown) => {
      firstError ??= error;
      cancel.abort();
      throw error;
    });
  const [detected, inferred] = await Promise.allSettled([
    cancelOthersOnFailure(
      client.send(new DetectEntitiesV2Command({ Text: text }), { abortSignal }),
    ),
    cancelOthersOnFailure(client.send(new InferRxNormCommand({ Text: text }), { abortSignal })),
  ]);
  if (detected.status === 'fulfilled' && inferred.status === 'fulfilled') {
    return {
      entities: detected.value.Entities ?? [],
      rxNormEntities: inferred.value.Entities ?? [],
    };
  }

  const analysisError = toMedicalTextAnalysisError(firstError);
  logger?.warn(
    {
      analyzer: ANALYZER_NAME,
      errorName: errorLabel(firstError),
      retryable: analysisError.retryable,
    },
    'medical text analysis failed',
  );
  throw analysisError;
}
