import { describe, expect, it } from '@jest/globals';
import { findTimeZone } from './time-zone-lookup.js';

describe('findTimeZone', () => {
  it.each([
    ['Madrid', 'Europe/Madrid'],
    ['  bogotá ', 'America/Bogota'],
    ['Houston, Texas', 'America/Chicago'],
    ['America/New_York', 'America/New_York'],
    ['Ciudad de México', 'America/Mexico_City'],
    ['Los Angeles', 'America/Los_Angeles'],
    ['Nueva York', 'America/New_York'],
    ['UTC', 'UTC'],
  ])('finds %s', (input, zone) => {
    expect(findTimeZone(input)).toBe(zone);
  });

  it.each(['', 'zzzz-not-a-place', 'x'.repeat(200), '😀😀'])('finds nothing for %j', (input) => {
    expect(findTimeZone(input)).toBeUndefined();
  });
});
