/**
 * Picks the page language from the browser's Accept-Language header.
 */
import { matchLocale, SUPPORTED_LOCALES, type SupportedLocale } from '../../src/i18n/i18n.js';

interface WeightedTag {
  tag: string;
  quality: number;
}

/**
 * The supported language the browser prefers most, or `fallback`.
 * @example pickLocale('fr-CA, es;q=0.8, en;q=0.5') // 'es'
 */
export function pickLocale(
  header: string | undefined,
  fallback: SupportedLocale = SUPPORTED_LOCALES[0],
): SupportedLocale {
  const ranked = parseAcceptLanguage(header ?? '').sort((a, b) => b.quality - a.quality);
  for (const { tag } of ranked) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return fallback;
}

function parseAcceptLanguage(header: string): WeightedTag[] {
  const tags: WeightedTag[] = [];
  for (const part of header.slice(0, 1000).split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (tag && Number.isFinite(quality) && quality > 0) tags.push({ tag, quality });
  }
  return tags;
}
