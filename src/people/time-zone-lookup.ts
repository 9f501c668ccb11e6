/**
 * Turns what a person types ("Madrid", "houston texas", "America/Bogota") into an IANA
 * time zone, so reminders can later fire at their local time.
 */
import cityTimezones from 'city-timezones';

/** Spanish and colloquial names the city list knows only in English. */
const CITY_ALIASES: Record<string, string> = {
  'ciudad de mexico': 'Mexico City',
  cdmx: 'Mexico City',
  'nueva york': 'New York',
  londres: 'London',
  sevilla: 'Seville',
  'la habana': 'Havana',
  'san juan de puerto rico': 'San Juan',
  filadelfia: 'Philadelphia',
  'nueva orleans': 'New Orleans',
};

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

function stripDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * The time zone for a city, region or IANA name, or undefined when nothing matches.
 * Among cities sharing a name, the most populous wins.
 */
export function findTimeZone(input: string): string | undefined {
  const text = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text.length === 0 || text.length > 100) return undefined;
  if (isIanaZone(text)) return text;

  const plain = stripDiacritics(text);
  const alias = CITY_ALIASES[plain.toLowerCase()];
  const candidates = [alias ?? '', text, plain, ...plain.split(/[,;]/).map((part) => part.trim())];
  for (const candidate of candidates.filter(Boolean)) {
    const matches = [
      ...cityTimezones.lookupViaCity(candidate),
      ...cityTimezones.findFromCityStateProvince(candidate),
    ].filter((match) => match.timezone);
    const best = matches.sort((a, b) => (b.pop ?? 0) - (a.pop ?? 0))[0];
    if (best) return best.timezone;
  }
  return undefined;
}
