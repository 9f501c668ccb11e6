/**
 * Every word a person reads comes from `locales/<language>/<namespace>.json`. Namespaces
 * follow features (common, onboarding, menu, profile, safety, webchat), so each feature
 * owns its own file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { LOCALES_DIR } from '../paths.js';

export type { TFunction };

/** Languages CareLine speaks; the first is the fallback. */
export const SUPPORTED_LOCALES = ['en', 'es'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Reads every `locales/<lng>/<ns>.json` into i18next's resource shape. */
export function readLocaleResources(dir: string = LOCALES_DIR): Resources {
  const resources: Resources = {};
  for (const language of readdirSync(dir)) {
    resources[language] = {};
    for (const file of readdirSync(path.join(dir, language)).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(path.join(dir, language, file), 'utf8');
      resources[language]![path.basename(file, '.json')] = JSON.parse(text);
    }
  }
  return resources;
}

/** Creates a ready i18next instance (synchronous: resources are bundled files). */
export function createI18n(dir: string = LOCALES_DIR): I18n {
  const resources = readLocaleResources(dir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: SUPPORTED_LOCALES[0],
    fallbackLng: SUPPORTED_LOCALES[0],
    supportedLngs: [...SUPPORTED_LOCALES],
    ns: Object.keys(resources[SUPPORTED_LOCALES[0]] ?? {}),
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/**
 * The supported language closest to a tag such as 'es-MX' or 'en_GB', or undefined.
 */
export function matchLocale(tag: string | null | undefined): SupportedLocale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((locale) => locale === language);
}
