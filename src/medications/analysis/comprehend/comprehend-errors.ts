/**
 * Sorts what the AWS SDK throws into MedicalTextAnalysisError: retryable when the service was
 * busy, failing or unreachable; not retryable when it refused the text or the credentials.
 * Only error names and codes are used, so nothing the person wrote reaches a message or log.
 */
import { MedicalTextAnalysisError } from '../medical-text-analyzer.js';

const BUSY_OR_UNREACHABLE = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailableException',
  'InternalServerException',
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const REFUSED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'AccessDeniedException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'CredentialsProviderError',
]);

const REFUSED_TEXT = new Set([
  'InvalidRequestException',
  'TextSizeLimitExceededException',
  'InvalidEncodingException',
  'ValidationException',
]);

const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface SdkErrorFields {
  name: string;
  code?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

// Fields rather than `instanceof Error`: errors raised by Node's sockets may come from another
// realm (as under jest's VM), where `instanceof` says no.
function sdkErrorFields(error: unknown): SdkErrorFields | undefined {
  if (typeof error !== 'object' || error === null) return undefined;

  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? (error as SdkErrorFields) : undefined;
}

/**
 * A name safe to log: the error's name, or its system code for plain network errors
 * (`ECONNRESET`), or 'unknown'. Never the message, which may quote a request.
 */
export function errorLabel(error: unknown): string {
  const fields = sdkErrorFields(error);
  if (!fields) return 'unknown';

  const { name, code } = fields;
  const label = name === 'Error' && typeof code === 'string' ? code : name;
  return /^[A-Za-z0-9_.-]{1,100}$/.test(label) ? label : 'unknown';
}

/** True when trying again later may succeed: busy, failing (5xx) or unreachable. */
export function isRetryable(error: unknown): boolean {
  const fields = sdkErrorFields(error);
  if (!fields) return false;

  const { name, code, $metadata } = fields;
  if (BUSY_OR_UNREACHABLE.has(name)) return true;
  if (REFUSED_CREDENTIALS.has(name) || REFUSED_TEXT.has(name)) return false;
  // The SDK retries only what it judges transient; its wrapper may have dropped the code.
  if (($metadata?.attempts ?? 1) > 1) return true;

  const status = $metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;

  return typeof code === 'string' && NETWORK_ERROR_CODES.has(code);
}

/** Wraps any failure of a Comprehend Medical call, keeping it as `cause`. */
export function toMedicalTextAnalysisError(error: unknown): MedicalTextAnalysisError {
  const label = errorLabel(error);
  const retryable = isRetryable(error);
  return new MedicalTextAnalysisError(explain(label, retryable), retryable, { cause: error });
}

function explain(label: string, retryable: boolean): string {
  if (retryable) {
    return (
      `Comprehend Medical did not answer (${label}); ` +
      'ask the person instead and try again on a later turn.'
    );
  }
  if (REFUSED_CREDENTIALS.has(label)) {
    return (
      `Comprehend Medical refused the AWS credentials (${label}); check AWS_REGION, ` +
      'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, and that the IAM policy allows ' +
      'comprehendmedical:DetectEntitiesV2 and comprehendmedical:InferRxNorm.'
    );
  }
  if (REFUSED_TEXT.has(label)) {
    return (
      `Comprehend Medical refused the text (${label}); ` +
      "send non-empty UTF-8 text within the service's size limit."
    );
  }
  return `Comprehend Medical failed (${label}); see the cause.`;
}
