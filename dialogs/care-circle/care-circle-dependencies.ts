/**
 * What the care circle's dialogs need from the rest of CareLine: a part of CareLine's
 * `DialogDependencies`, so those are passed in as they are.
 */
import type { DialogDependencies } from '../careline-dialogs.js';

/** The database, translations and logger (errors by id only). */
export type CareCircleDependencies = Pick<DialogDependencies, 'db' | 'i18n' | 'logger' | 'config'>;
