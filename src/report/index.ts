/**
 * Output formats. Each module exports `default (results, ctx) => string`. Registered here by name;
 * loaded lazily so that a run imports only the formatter it uses.
 */
import type { LintResult } from '../engine/index.js';
import type { Lang, RuleDef } from '../types.js';

export interface FormatContext {
  cwd: string;
  lang: Lang;
  color: boolean;
  rules: Map<string, RuleDef>;
}

export type Formatter = (results: LintResult[], ctx: FormatContext) => string;

/**
 * Loads a format. `color: false` promises that the report will be formatted without colour, so
 * that stylish need not load chalk.
 */
export type FormatterLoader = (options?: { color?: boolean }) => Promise<Formatter>;

export const formatters: Record<string, FormatterLoader> = {
  stylish: async (o) => (await import('./stylish.js')).stylishWith(o?.color === false ? null : (await import('chalk')).Chalk),
  json: () => import('./json.js').then((m) => m.default),
  sarif: () => import('./sarif.js').then((m) => m.default),
  github: () => import('./github.js').then((m) => m.default),
  gitlab: () => import('./gitlab.js').then((m) => m.default),
  junit: () => import('./junit.js').then((m) => m.default),
  checkstyle: () => import('./checkstyle.js').then((m) => m.default),
  html: () => import('./html.js').then((m) => m.default),
};
