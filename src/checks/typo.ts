/**
 * Kind `typo`: Chinese 错别字. One rule per mode, chosen by `options.mode`:
 *   confusion — a curated wrong→right list with context columns and a word-boundary test
 *   severe    — leaders' names and full names of the country, the Party and state organs
 *               written with a same-pinyin or similar-shape character
 *   suspect   — statistical: segmenter + similar characters + character n-gram model
 * Findings in a title or heading are raised to `error` (one level higher than in the body).
 * All data loads lazily, once per process.
 */
import type { CheckKind } from '../types.js';
import { createConfusion, type ConfusionOptions } from './typo/confusion.js';
import { createSevere, type SevereOptions } from './typo/severe.js';
import { createSuspect, type SuspectOptions } from './typo/suspect.js';

const MODES = ['confusion', 'severe', 'suspect'];
const NUMERIC = ['maxContextCount', 'minWordFreq', 'minLogRatio', 'minCharCount', 'minGain'];
const KNOWN = new Set(['mode', 'list', 'exceptions', 'boundary', 'variants', 'scopes', 'otherTones', 'model', ...NUMERIC]);

const kind: CheckKind = {
  id: 'typo',
  validateOptions(o) {
    const errors: string[] = [];
    if (!MODES.includes(o.mode as string)) errors.push(`\`mode\` must be one of ${MODES.join(', ')}`);
    for (const k of Object.keys(o)) if (!KNOWN.has(k)) errors.push(`unknown option \`${k}\``);
    for (const k of NUMERIC) if (o[k] !== undefined && typeof o[k] !== 'number') errors.push(`\`${k}\` must be a number`);
    if (o.list !== undefined && typeof o.list !== 'string') errors.push('`list` must be a file name');
    if (o.exceptions !== undefined && !(Array.isArray(o.exceptions) && o.exceptions.every((x) => typeof x === 'string')))
      errors.push('`exceptions` must be a list of strings');
    if (o.boundary !== undefined && o.boundary !== 'jieba' && o.boundary !== 'none') errors.push('`boundary` must be jieba or none');
    if (o.variants !== undefined && typeof o.variants !== 'boolean' && !(Array.isArray(o.variants) && o.variants.every((x) => typeof x === 'string')))
      errors.push('`variants` must be true, false or a list of variant forms');
    return errors;
  },
  create(rule, options, ctx) {
    switch (options.mode) {
      case 'severe':
        return createSevere(rule, options as SevereOptions, ctx);
      case 'suspect':
        return createSuspect(rule, options as SuspectOptions, ctx);
      default:
        return createConfusion(rule, options as ConfusionOptions, ctx);
    }
  },
};

export default kind;
