/**
 * Crisis resources shown with a crisis reply: helplines for the person's country, read from
 * `locales/<lng>/safety.json`, and a way to guess that country from their time zone.
 * Which language the lines are in is up to the `t` function the caller passes.
 */
import ct from 'countries-and-timezones';

/** Any i18next-style `t`; only `returnObjects` is passed as an option. */
export type TranslateFunction = (key: string, options?: Record<string, unknown>) => unknown;

const RESOURCES_KEY_PREFIX = 'safety:resources.';
const INTERNATIONAL_KEY = `${RESOURCES_KEY_PREFIX}international`;
// What i18next returns for a missing translation: the key, with or without its namespace.
const MISSING_INTERNATIONAL = [INTERNATIONAL_KEY, 'resources.international'];
const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * Returns the crisis resource lines for a country (`safety:resources.<CC>`). A country with no
 * entry of its own gets `defaultCountry`'s lines followed by the international helpline line.
 * @param countryCode ISO 3166-1 alpha-2 code, any case; null or undefined when unknown.
 * @param defaultCountry the deployment's home country, such as `US`.
 */
export function crisisResourceLines(
  t: TranslateFunction,
  countryCode: string | null | undefined,
  defaultCountry: string,
): string[] {
  const ownLines = readCountryLines(t, countryCode);
  if (ownLines) return ownLines;

  const fallbackLines = readCountryLines(t, defaultCountry) ?? [];
  return [...fallbackLines, ...readInternationalLine(t)];
}

/**
 * Returns the ISO country code for an IANA time zone (`Europe/Madrid` gives `ES`), or
 * undefined when the zone is unknown or belongs to no country (`UTC`).
 */
export function countryForTimeZone(timeZone: string | null | undefined): string | undefined {
  if (!timeZone) return undefined;
  return ct.getTimezone(timeZone)?.countries[0];
}

/** Returns the country's own lines, or undefined when it has none (or the code is malformed). */
function readCountryLines(
  t: TranslateFunction,
  countryCode: string | null | undefined,
): string[] | undefined {
  const code = countryCode?.trim().toUpperCase();
  // The pattern also keeps the code from reaching other keys, such as `international`.
  if (!code || !COUNTRY_CODE.test(code)) return undefined;

  const lines = t(`${RESOURCES_KEY_PREFIX}${code}`, { returnObjects: true });
  return isNonEmptyStringArray(lines) ? lines : undefined;
}

/** Returns the international helpline line, or nothing when the translation is missing. */
function readInternationalLine(t: TranslateFunction): string[] {
  const line = t(INTERNATIONAL_KEY);
  if (typeof line !== 'string' || line === '' || MISSING_INTERNATIONAL.includes(line)) return [];
  return [line];
}

/** Checks a translation result is a non-empty array of strings. */
function isNonEmptyStringArray(value: unknown): value is string[] {
  return (
    Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
  );
}
