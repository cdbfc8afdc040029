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

export const formatters: Record<string, () => Promise<Formatter>> = {
  stylish: () => import('./stylish.js').then((m) => m.default),
  json: () => import('./json.js').then((m) => m.default),
};
