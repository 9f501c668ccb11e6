/**
 * Absolute paths to the folders CareLine reads at run time. They resolve from this file,
 * so the same code works from `src/` under tsx and jest and from `dist/src/` when built.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`No package.json above ${start}: run CareLine from its checkout.`);
    dir = parent;
  }
  return dir;
}

/** The checkout (or image) root that holds `package.json`. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
