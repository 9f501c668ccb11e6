/**
 * Tests for sorting AWS SDK failures into retryable and not retryable analysis errors. The
 * errors are built the way the SDK builds them: a name, an HTTP status, or a system code.
 */
import { describe, expect, it } from '@jest/globals';
import { MedicalTextAnalysisError } from '../medical-text-analyzer.js';
import { errorLabel, isRetryable, toMedicalTextAnalysisError } from './comprehend-errors.js';

function serviceError(name: string, httpStatusCode: number): Error {
  return Object.assign(new Error('synthetic'), { name, $metadata: { httpStatusCode } });
}

function networkError(code: string): Error {
  return Object.assign(new Error('synthetic'), { code });
}

describe('isRetryable', () => {
  it.each<[string, unknown]>([
    ['ThrottlingException', serviceError('ThrottlingException', 400)],
    ['TooManyRequestsException', serviceError('TooManyRequestsException', 400)],
    ['ServiceUnavailableException', serviceError('ServiceUnavailableException', 503)],
    ['InternalServerException', serviceError('InternalServerException', 500)],
    ['an unknown 502', serviceError('SomethingNewException', 502)],
    ['an unknown 429', serviceError('SomethingNewException', 429)],
    ['ECONNRESET', networkError('ECONNRESET')],
    ['ENOTFOUND', networkError('ENOTFOUND')],
    ['TimeoutError', Object.assign(new Error('synthetic'), { name: 'TimeoutError' })],
    ['AbortError', Object.assign(new Error('synthetic'), { name: 'AbortError' })],
    [
      'anything the SDK already retried',
      Object.assign(new Error('AWS SDK error wrapper'), { $metadata: { attempts: 2 } }),
    ],
  ])('retries %s', (_label, error) => {
    expect(isRetryable(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['InvalidRequestException', serviceError('InvalidRequestException', 400)],
    ['TextSizeLimitExceededException', serviceError('TextSizeLimitExceededException', 400)],
    ['InvalidEncodingException', serviceError('InvalidEncodingException', 400)],
    ['UnrecognizedClientException', serviceError('UnrecognizedClientException', 400)],
    ['AccessDeniedException', serviceError('AccessDeniedException', 403)],
    ['an unknown 400', serviceError('SomethingNewException', 400)],
    [
      'CredentialsProviderError',
      Object.assign(new Error('synthetic'), { name: 'CredentialsProviderError' }),
    ],
    ['a TypeError', new TypeError('a bug')],
    [
      'an error the SDK did not retry',
      Object.assign(new Error('Region is missing'), { $metadata: { attempts: 1 } }),
    ],
    ['a string', 'not an error'],
  ])('does not retry %s', (_label, error) => {
    expect(isRetryable(error)).toBe(false);
  });
});

describe('errorLabel', () => {
  it('names service errors by name and plain network errors by code', () => {
    expect(errorLabel(serviceError('ThrottlingException', 400))).toBe('ThrottlingException');
    expect(errorLabel(networkError('ECONNRESET'))).toBe('ECONNRESET');
    expect(errorLabel(new Error('tamoxifen 20 mg'))).toBe('Error');
    expect(errorLabel({ notAnError: true })).toBe('unknown');
    expect(errorLabel('ThrottlingException')).toBe('unknown');
  });
});

describe('toMedicalTextAnalysisError', () => {
  it('keeps the cause and never quotes the original message', () => {
    const cause = serviceError('InvalidRequestException', 400);
    cause.message = 'tamoxifen 20 mg every morning';

    const error = toMedicalTextAnalysisError(cause);

    expect(error).toBeInstanceOf(MedicalTextAnalysisError);
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('InvalidRequestException');
    expect(error.message).not.toContain('tamoxifen');
  });

  it('says how to fix refused credentials', () => {
    const error = toMedicalTextAnalysisError(serviceError('UnrecognizedClientException', 400));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/AWS_ACCESS_KEY_ID.*comprehendmedical:InferRxNorm/);
  });
});
