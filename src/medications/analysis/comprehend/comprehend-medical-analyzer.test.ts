/**
 * Tests for the Comprehend Medical analyzer over HTTP: the real AWS SDK client talks to nock,
 * which answers as the service documents its JSON protocol (POST /, X-Amz-Target, JSON 1.1
 * bodies, `__type` errors). Credentials, texts and RxNorm codes are synthetic.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Entity, RxNormEntity } from '@aws-sdk/client-comprehendmedical';
import nock from 'nock';
import { isDeepStrictEqual } from 'node:util';
import { createLogger } from '../../../logging/logger.js';
import {
  MedicalTextAnalysisError,
  type AnalysisLanguage,
  type MedicalTextAnalyzer,
  type MedicationUnderstanding,
} from '../medical-text-analyzer.js';
import {
  createComprehendMedicalAnalyzer,
  type ComprehendMedicalAnalyzerOptions,
} from './comprehend-medical-analyzer.js';
import { attribute, medicationEntity, rxNormEntity } from './testing/comprehend-fixtures.js';

const REGION = 'us-east-1';
const SERVICE_ORIGIN = `https://comprehendmedical.${REGION}.amazonaws.com`;
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' };
const JSON_HEADERS = { 'Content-Type': 'application/x-amz-json-1.1' };
/** Port 1 on the loopback interface: nothing listens there, so the connection is refused. */
const UNREACHABLE_HOST = '127.0.0.1:1';
const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_COMPREHENDMEDICAL'] as const;

type Operation = 'DetectEntitiesV2' | 'InferRxNorm';

/** Matches only a signed request for one operation whose body is exactly the text. */
function expectCall(operation: Operation, text: string, origin = SERVICE_ORIGIN) {
  return nock(origin, {
    reqheaders: {
      'x-amz-target': `ComprehendMedical_20181030.${operation}`,
      'content-type': 'application/x-amz-json-1.1',
      authorization: (value: string) =>
        value.startsWith('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/') &&
        value.includes(`/${REGION}/comprehendmedical/aws4_request`),
    },
  }).post('/', (body: unknown) => isDeepStrictEqual(body, { Text: text }));
}

function answerBoth(
  text: string,
  entities: Entity[],
  rxNormEntities: RxNormEntity[],
  origin = SERVICE_ORIGIN,
) {
  return [
    expectCall('DetectEntitiesV2', text, origin).reply(
      200,
      { Entities: entities, UnmappedAttributes: [], ModelVersion: '2.4.0' },
      JSON_HEADERS,
    ),
    expectCall('InferRxNorm', text, origin).reply(
      200,
      { Entities: rxNormEntities, ModelVersion: '0.1.0' },
      JSON_HEADERS,
    ),
  ];
}

function awsError(type: string) {
  return { __type: type, message: 'synthetic failure' };
}

function fakeFallback(medications: MedicationUnderstanding[] = []) {
  const calls: [string, AnalysisLanguage][] = [];
  const analyzer: MedicalTextAnalyzer = {
    name: 'offline',
    async analyze(text, language) {
      calls.push([text, language]);
      return { medications, analyzer: 'offline' };
    },
  };
  return { analyzer, calls };
}

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

function analyzer(options: ComprehendMedicalAnalyzerOptions = {}) {
  return createComprehendMedicalAnalyzer({ region: REGION, credentials: CREDENTIALS, ...options });
}

async function analysisError(promise: Promise<unknown>): Promise<MedicalTextAnalysisError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof MedicalTextAnalysisError)) {
    throw new Error(`expected a MedicalTextAnalysisError, got ${String(error)}`);
  }
  return error;
}

const TAMOXIFEN_TEXT = 'tamoxifen 20 mg every morning';

function answerTamoxifen(origin = SERVICE_ORIGIN) {
  const text = TAMOXIFEN_TEXT;
  return answerBoth(
    text,
    [
      medicationEntity(text, 'GENERIC_NAME', 'tamoxifen', [
        attribute(text, 'STRENGTH', '20 mg', 1),
        attribute(text, 'FREQUENCY', 'every morning', 2),
      ]),
    ],
    [
      rxNormEntity(text, 'GENERIC_NAME', 'tamoxifen', [
        { Description: 'tamoxifen 20 MG Oral Tablet', Code: '900001', Score: 0.93 },
        { Description: 'tamoxifen 10 MG Oral Tablet', Code: '900002', Score: 0.41 },
      ]),
    ],
    origin,
  );
}

const TAMOXIFEN: MedicationUnderstanding = {
  name: 'tamoxifen',
  genericName: 'tamoxifen',
  rxNormId: '900001',
  recognized: true,
  strength: { value: 20, unit: 'mg' },
  frequency: { timesPerDay: 1, timesOfDay: ['08:00'] },
  asNeeded: false,
  problems: [],
};

const savedEnvironment = new Map<string, string | undefined>();

beforeEach(() => {
  nock.disableNetConnect();
  for (const name of ENDPOINT_VARIABLES) {
    savedEnvironment.set(name, process.env[name]);
    delete process.env[name];
  }
});

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.enableNetConnect();
  for (const [name, value] of savedEnvironment) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('createComprehendMedicalAnalyzer', () => {
  it('reads a generic name with strength and a morning schedule', async () => {
    const scopes = answerTamoxifen();
    const { logger, lines } = capturedLogger();

    const analysis = await analyzer({ logger }).analyze(TAMOXIFEN_TEXT, 'en');

    expect(analysis).toEqual({ medications: [TAMOXIFEN], analyzer: 'comprehend-medical' });
    expect(scopes.every((scope) => scope.isDone())).toBe(true);
    expect(lines).toEqual([]);
  });

  it('reads a brand, taking the generic name and code from RxNorm', async () => {
    const text = 'Xeloda 1500mg twice a day';
    const scopes = answerBoth(
      text,
      [
        medicationEntity(text, 'BRAND_NAME', 'Xeloda', [
          attribute(text, 'DOSAGE', '1500mg', 1),
          attribute(text, 'FREQUENCY', 'twice a day', 2),
        ]),
      ],
      [
        rxNormEntity(text, 'BRAND_NAME', 'Xeloda', [
          { Description: 'capecitabine 500 MG Oral Tablet [Xeloda]', Code: '900021', Score: 0.81 },
          { Description: 'capecitabine 150 MG Oral Tablet [Xeloda]', Code: '900022', Score: 0.12 },
        ]),
      ],
    );

    const analysis = await analyzer().analyze(text, 'en');

    expect(analysis.medications).toEqual([
      {
        name: 'Xeloda',
        genericName: 'capecitabine',
        rxNormId: '900021',
        recognized: true,
        strength: { value: 1500, unit: 'mg' },
        frequency: { timesPerDay: 2 },
        asNeeded: false,
        problems: [],
      },
    ] satisfies MedicationUnderstanding[]);
    expect(scopes.every((scope) => scope.isDone())).toBe(true);
  });

  it('keeps a tagged drug RxNorm does not know as written, not recognized', async () => {
    const text = 'zorbafenib 10 mg daily';
    answerBoth(
      text,
      [
        medicationEntity(
          text,
          'GENERIC_NAME',
          'zorbafenib',
          [attribute(text, 'STRENGTH', '10 mg', 1), attribute(text, 'FREQUENCY', 'daily', 2)],
          { Score: 0.62 },
        ),
      ],
      [
        rxNormEntity(text, 'GENERIC_NAME', 'zorbafenib', [
          { Description: 'sorafenib 200 MG Oral Tablet', Code: '900031', Score: 0.34 },
        ]),
      ],
    );

    const analysis = await analyzer().analyze(text, 'en');

    expect(analysis.medications).toEqual([
      {
        name: 'zorbafenib',
        recognized: false,
        strength: { value: 10, unit: 'mg' },
        frequency: { timesPerDay: 1 },
        asNeeded: false,
        problems: [],
      },
    ] satisfies MedicationUnderstanding[]);
  });

  it('asks the fallback when Comprehend finds no medication name', async () => {
    const text = 'I take zorbaxil 5 mg at night';
    answerBoth(text, [], []);
    const fallback = fakeFallback([
      { name: 'zorbaxil', recognized: false, asNeeded: false, problems: [] },
    ]);

    const analysis = await analyzer({ fallback: fallback.analyzer }).analyze(text, 'en');

    expect(fallback.calls).toEqual([[text, 'en']]);
    expect(analysis.analyzer).toBe('offline');
    expect(analysis.medications.map((m) => m.name)).toEqual(['zorbaxil']);
  });

  it('finds nothing without a fallback when Comprehend finds no medication name', async () => {
    const text = 'I take zorbaxil 5 mg at night';
    answerBoth(text, [], []);

    const analysis = await analyzer().analyze(text, 'en');

    expect(analysis).toEqual({ medications: [], analyzer: 'comprehend-medical' });
  });

  it('passes Spanish text to the fallback and sends nothing to AWS', async () => {
    const text = 'tamoxifeno 20 mg cada mañana';
    const fallback = fakeFallback();
    const detect = expectCall('DetectEntitiesV2', text).reply(200, { Entities: [] }, JSON_HEADERS);

    const analysis = await analyzer({ fallback: fallback.analyzer }).analyze(text, 'es');

    expect(fallback.calls).toEqual([[text, 'es']]);
    expect(analysis.analyzer).toBe('offline');
    expect(detect.isDone()).toBe(false);
  });

  it('sends Spanish text to Comprehend when there is no fallback', async () => {
    const text = 'tamoxifeno 20 mg cada mañana';
    const scopes = answerBoth(text, [], []);

    const analysis = await analyzer().analyze(text, 'es');

    expect(analysis).toEqual({ medications: [], analyzer: 'comprehend-medical' });
    expect(scopes.every((scope) => scope.isDone())).toBe(true);
  });

  it('sends nothing for blank text', async () => {
    const analysis = await analyzer().analyze('  \n ', 'en');

    expect(analysis).toEqual({ medications: [], analyzer: 'comprehend-medical' });
  });

  it('throws a retryable error after one retry when throttled, logging only the name', async () => {
    const throttled = expectCall('DetectEntitiesV2', TAMOXIFEN_TEXT)
      .times(2)
      .reply(400, awsError('ThrottlingException'), JSON_HEADERS);
    expectCall('InferRxNorm', TAMOXIFEN_TEXT).reply(200, { Entities: [] }, JSON_HEADERS);
    const { logger, lines } = capturedLogger();

    const error = await analysisError(analyzer({ logger }).analyze(TAMOXIFEN_TEXT, 'en'));

    expect(error.retryable).toBe(true);
    // Had a third attempt been made, nock would have refused it and the cause would differ.
    expect((error.cause as Error).name).toBe('ThrottlingException');
    expect(throttled.isDone()).toBe(true);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      analyzer: 'comprehend-medical',
      errorName: 'ThrottlingException',
      retryable: true,
    });
    expect(lines.join('')).not.toContain('tamoxifen');
  });

  it('throws a retryable error when the service is unavailable', async () => {
    expectCall('DetectEntitiesV2', TAMOXIFEN_TEXT)
      .times(2)
      .reply(503, awsError('ServiceUnavailableException'), JSON_HEADERS);
    expectCall('InferRxNorm', TAMOXIFEN_TEXT)
      .times(2)
      .reply(503, awsError('ServiceUnavailableException'), JSON_HEADERS);

    const error = await analysisError(analyzer().analyze(TAMOXIFEN_TEXT, 'en'));

    expect(error.retryable).toBe(true);
  });

  it('throws a non-retryable error without retrying when the request is invalid', async () => {
    const invalid = (operation: Operation) =>
      expectCall(operation, TAMOXIFEN_TEXT).reply(
        400,
        awsError('InvalidRequestException'),
        JSON_HEADERS,
      );
    invalid('DetectEntitiesV2');
    invalid('InferRxNorm');

    const error = await analysisError(analyzer().analyze(TAMOXIFEN_TEXT, 'en'));

    expect(error.retryable).toBe(false);
    expect((error.cause as Error).name).toBe('InvalidRequestException');
  });

  it('throws a non-retryable error naming the fix when the credentials are refused', async () => {
    const refused = (operation: Operation) =>
      expectCall(operation, TAMOXIFEN_TEXT).reply(
        400,
        awsError('UnrecognizedClientException'),
        JSON_HEADERS,
      );
    refused('DetectEntitiesV2');
    refused('InferRxNorm');

    const error = await analysisError(analyzer().analyze(TAMOXIFEN_TEXT, 'en'));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('AWS_ACCESS_KEY_ID');
  });

  it('succeeds when the retry follows an internal server error', async () => {
    const failed = expectCall('DetectEntitiesV2', TAMOXIFEN_TEXT).reply(
      500,
      awsError('InternalServerException'),
      JSON_HEADERS,
    );
    const scopes = answerTamoxifen();

    const analysis = await analyzer().analyze(TAMOXIFEN_TEXT, 'en');

    expect(analysis.medications).toEqual([TAMOXIFEN]);
    expect([failed, ...scopes].every((scope) => scope.isDone())).toBe(true);
  });

  it('throws a retryable error when the service cannot be reached', async () => {
    // A real refused connection: nock 14's replyWithError does not work under jest's ESM VM.
    nock.enableNetConnect(UNREACHABLE_HOST);

    const unreachable = analyzer({ endpoint: `http://${UNREACHABLE_HOST}` });
    const error = await analysisError(unreachable.analyze(TAMOXIFEN_TEXT, 'en'));

    expect(error.retryable).toBe(true);
    // Under jest's VM the SDK wraps the socket's error and keeps only its text.
    expect((error.cause as Error).message).toContain('ECONNREFUSED');
  });

  it('gives up with a retryable error when the service is too slow', async () => {
    for (const operation of ['DetectEntitiesV2', 'InferRxNorm'] as const) {
      expectCall(operation, TAMOXIFEN_TEXT).delay(2_000).reply(200, { Entities: [] }, JSON_HEADERS);
    }

    const error = await analysisError(analyzer({ timeoutMs: 50 }).analyze(TAMOXIFEN_TEXT, 'en'));

    expect(error.retryable).toBe(true);
    expect((error.cause as Error).name).toBe('AbortError');
  });

  it('honours AWS_ENDPOINT_URL_COMPREHENDMEDICAL', async () => {
    process.env.AWS_ENDPOINT_URL_COMPREHENDMEDICAL = 'http://comprehend-medical.test:4566';
    const scopes = answerTamoxifen('http://comprehend-medical.test:4566');

    const analysis = await analyzer().analyze(TAMOXIFEN_TEXT, 'en');

    expect(analysis.medications).toEqual([TAMOXIFEN]);
    expect(scopes.every((scope) => scope.isDone())).toBe(true);
  });

  it('prefers the endpoint option over the environment', async () => {
    process.env.AWS_ENDPOINT_URL_COMPREHENDMEDICAL = 'http://comprehend-medical.test:4566';
    const scopes = answerTamoxifen('http://127.0.0.1:4599');

    const analysis = await analyzer({ endpoint: 'http://127.0.0.1:4599' }).analyze(
      TAMOXIFEN_TEXT,
      'en',
    );

    expect(analysis.medications).toEqual([TAMOXIFEN]);
    expect(scopes.every((scope) => scope.isDone())).toBe(true);
  });
});
