/**
 * A medication in words, in the person's language, as it is read back before saving and
 * listed in "My medications": "tamoxifen (generic) 20 mg, 1 tablet, every day at 08:00, by
 * mouth". Only the parts that are known are said.
 */
import type { SupportedLocale, TFunction } from '../../src/i18n/i18n.js';
import type { MedicationUnderstanding } from '../../src/medications/analysis/medical-text-analyzer.js';

const KNOWN_FORMS = new Set(['tablet', 'capsule', 'ml', 'drop', 'puff', 'patch', 'injection']);
const KNOWN_ROUTES = new Set([
  'oral',
  'topical',
  'subcutaneous',
  'intravenous',
  'inhaled',
  'rectal',
  'sublingual',
  'transdermal',
]);
// A Monday, so ISO weekday n is this date plus n - 1 days.
const A_MONDAY_UTC = Date.UTC(2024, 0, 1);
const MS_PER_DAY = 86_400_000;

/** The whole medication in one line, for the read-back and the list. */
export function describeMedication(
  medication: MedicationUnderstanding,
  t: TFunction,
  locale: SupportedLocale,
): string {
  const parts = [
    [describeName(medication, t), describeStrength(medication, locale)].filter(Boolean).join(' '),
    describeDose(medication, t, locale),
    describeWhen(medication, t, locale),
    describeCycle(medication, t),
    describeRoute(medication, t),
    describeDates(medication, t, locale),
    medication.reason && t('medications:describe.reason', { reason: medication.reason }),
  ];
  return parts.filter((part) => part).join(', ');
}

/** The name and strength only ("tamoxifen 20 mg"), for buttons and short mentions. */
export function shortName(medication: MedicationUnderstanding, locale: SupportedLocale): string {
  return [medication.name, describeStrength(medication, locale)].filter(Boolean).join(' ');
}

/** "Xeloda (capecitabine)", "tamoxifen (generic)", or the name as written. */
export function describeName(medication: MedicationUnderstanding, t: TFunction): string {
  const { name, genericName, recognized } = medication;
  if (!recognized || !genericName) return name;
  if (genericName.toLowerCase() === name.toLowerCase()) {
    return t('medications:describe.generic', { name });
  }
  return t('medications:describe.brand', { name, generic: genericName });
}

/** Times as a list in the person's language: "08:00 and 20:00", "08:00 y 20:00". */
export function listTimes(times: readonly string[], locale: SupportedLocale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(times);
}

/** A local 'yyyy-mm-dd' date as the person reads it ("Mar 3, 2027", "3 mar 2027"). */
export function formatLocalDate(date: string, locale: SupportedLocale): string {
  const formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return formatter.format(new Date(`${date}T00:00:00Z`));
}

function describeStrength({ strength }: MedicationUnderstanding, locale: SupportedLocale) {
  return strength && `${formatNumber(strength.value, locale)} ${strength.unit}`;
}

function describeDose({ dose }: MedicationUnderstanding, t: TFunction, locale: SupportedLocale) {
  if (!dose) return undefined;

  const amount = formatNumber(dose.value, locale);
  if (!KNOWN_FORMS.has(dose.form)) return `${amount} ${dose.form}`;
  return t(`medications:form.${dose.form}`, { count: dose.value, amount });
}

/** When it is taken: "every day at 08:00", "every 8 hours", "as needed". */
export function describeWhen(
  { asNeeded, frequency = {} }: MedicationUnderstanding,
  t: TFunction,
  locale: SupportedLocale,
): string | undefined {
  if (asNeeded) return t('medications:describe.asNeeded');
  if (frequency.everyHours !== undefined) {
    return t('medications:describe.everyHours', { count: frequency.everyHours });
  }
  const days = frequency.daysOfWeek && listWeekdays(frequency.daysOfWeek, locale);
  if (frequency.timesOfDay?.length) {
    const times = listTimes(frequency.timesOfDay, locale);
    return days
      ? t('medications:describe.weeklyAt', { days, times })
      : t('medications:describe.dailyAt', { times });
  }
  if (frequency.timesPerDay !== undefined) {
    return t('medications:describe.timesPerDay', { count: frequency.timesPerDay });
  }
  return undefined;
}

function describeCycle({ cycle }: MedicationUnderstanding, t: TFunction) {
  return cycle && t('medications:describe.cycle', { on: cycle.daysOn, off: cycle.daysOff });
}

function describeRoute({ route }: MedicationUnderstanding, t: TFunction) {
  if (!route) return undefined;

  return KNOWN_ROUTES.has(route) ? t(`medications:route.${route}`) : route;
}

function describeDates(
  { startDate, endDate, durationDays }: MedicationUnderstanding,
  t: TFunction,
  locale: SupportedLocale,
): string | undefined {
  const from =
    startDate && t('medications:describe.from', { date: formatLocalDate(startDate, locale) });
  const until = endDate
    ? t('medications:describe.until', { date: formatLocalDate(endDate, locale) })
    : durationDays !== undefined && t('medications:describe.forDays', { count: durationDays });
  return [from, until].filter(Boolean).join(' ') || undefined;
}

function listWeekdays(days: readonly number[], locale: SupportedLocale): string {
  const formatter = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const names = [...days]
    .sort((a, b) => a - b)
    .map((day) => formatter.format(new Date(A_MONDAY_UTC + (day - 1) * MS_PER_DAY)));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

function formatNumber(value: number, locale: SupportedLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}
