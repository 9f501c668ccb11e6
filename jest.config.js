/**
 * One jest run covers unit tests (`*.test.ts`), PostgreSQL integration tests
 * (`*.int.test.ts`) and browser tests (`test/e2e`). The global setup starts one
 * embedded PostgreSQL (or uses DATABASE_URL) and each test file creates its own database.
 */
/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/dialogs', '<rootDir>/channels', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60000,
};
