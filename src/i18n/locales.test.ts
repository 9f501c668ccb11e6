/**
 * Every key in any language exists in every language, with the same interpolation
 * variables, so no person ever reads a raw key or a half-translated sentence.
 */
import { describe, expect, it } from '@jest/globals';
import { matchLocale, readLocaleResources, SUPPORTED_LOCALES } from './i18n.js';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') return out.set(prefix, value);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

function variables(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]!).sort();
}

const resources = readLocaleResources();

describe('locales', () => {
  it('has a folder for every supported language and nothing else', () => {
    expect(Object.keys(resources).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it('has the same namespaces, keys and variables in every language', () => {
    const keysOf = (lng: string) => {
      const all = new Map<string, string>();
      for (const [ns, tree] of Object.entries(resources[lng] ?? {})) {
        for (const [k, v] of flatten(tree)) all.set(`${ns}:${k}`, v);
      }
      return all;
    };
    const [first, ...rest] = SUPPORTED_LOCALES;
    const reference = keysOf(first);
    expect(reference.size).toBeGreaterThan(0);
    for (const lng of rest) {
      const other = keysOf(lng);
      const missingHere = [...reference.keys()].filter((k) => !other.has(k));
      const missingThere = [...other.keys()].filter((k) => !reference.has(k));
      expect({ lng, missingHere, missingThere }).toEqual({
        lng,
        missingHere: [],
        missingThere: [],
      });
      for (const [key, text] of reference) {
        expect({ key, vars: variables(other.get(key) ?? '') }).toEqual({
          key,
          vars: variables(text),
        });
      }
    }
  });

  it('has no empty strings', () => {
    for (const lng of SUPPORTED_LOCALES) {
      for (const tree of Object.values(resources[lng] ?? {})) {
        for (const [key, text] of flatten(tree))
          expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      }
    }
  });

  it('matches language tags to supported locales', () => {
    expect(matchLocale('es-MX')).toBe('es');
    expect(matchLocale('EN_gb')).toBe('en');
    expect(matchLocale('fr')).toBeUndefined();
    expect(matchLocale(undefined)).toBeUndefined();
  });
});
