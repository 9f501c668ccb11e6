/**
 * The configuration docs stay true: every variable CareLine reads is in `.env.example`
 * with its default, and in the README's configuration table, and neither lists one that
 * CareLine does not read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../paths.js';
import { CONFIG_VARIABLES, loadConfig } from './config.js';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('configuration docs', () => {
  it('.env.example lists every variable, with the default loadConfig applies', () => {
    const example = new Map(
      read('.env.example')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect([...example.keys()].sort()).toEqual([...CONFIG_VARIABLES].sort());

    const defaults = loadConfig({}) as unknown as Record<string, unknown>;
    for (const name of CONFIG_VARIABLES) {
      const documented = example.get(name) ?? '';
      const actual = defaults[name] === undefined ? '' : String(defaults[name]);
      const comparable = name === 'DATA_DIR' ? path.resolve(PROJECT_ROOT, documented) : documented;
      expect({ name, value: comparable }).toEqual({ name, value: actual });
    }
  });

  it("the README's configuration table lists every variable", () => {
    const rows = read('README.md')
      .split('\n')
      .map((line) => /^\| `([A-Z_]+)` +\|/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect([...new Set(rows)].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
