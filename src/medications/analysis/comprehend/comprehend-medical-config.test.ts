/** Tests for the check that a region and credentials are configured. Values are synthetic. */
import { describe, expect, it } from '@jest/globals';
import { comprehendMedicalConfigured } from './comprehend-medical-config.js';

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'test-secret' };

describe('comprehendMedicalConfigured', () => {
  it('is true with a region and access keys', () => {
    expect(comprehendMedicalConfigured({ AWS_REGION: 'us-east-1', ...KEYS })).toBe(true);
  });

  it('is true with a region and a profile', () => {
    expect(comprehendMedicalConfigured({ AWS_REGION: 'us-east-1', AWS_PROFILE: 'careline' })).toBe(
      true,
    );
  });

  it('is false without a region', () => {
    expect(comprehendMedicalConfigured({ ...KEYS })).toBe(false);
    expect(comprehendMedicalConfigured({ AWS_REGION: ' ', ...KEYS })).toBe(false);
  });

  it('is false with half a key pair or no credentials', () => {
    expect(
      comprehendMedicalConfigured({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' }),
    ).toBe(false);
    expect(
      comprehendMedicalConfigured({ AWS_REGION: 'us-east-1', AWS_SECRET_ACCESS_KEY: 's' }),
    ).toBe(false);
    expect(comprehendMedicalConfigured({ AWS_REGION: 'us-east-1', AWS_PROFILE: '' })).toBe(false);
  });
});
