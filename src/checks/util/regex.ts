/**
 * User-supplied regular expressions (rule YAML, config, dictionaries) must compile and be safe from
 * catastrophic backtracking: a pattern safe-regex2 judges exponential is rejected at load time.
 *
 * Judging takes safe-regex2 about 8 ms of a cold one-file run for the ~100 patterns of the shipped
 * dictionaries (issue 9), every run the same answers: the patterns judged safe are remembered in
 * dist/.compiled/safe-regex.json, with safe-regex2's version and the limit they were judged under,
 * and a pattern found there is not judged again. Only "safe" is remembered: an unsafe pattern is
 * judged, and reported, every time. A problem reading or writing the file means judging as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import safeRegex from 'safe-regex2';
import safeRegexPackage from 'safe-regex2/package.json' with { type: 'json' };
import { compiledDir } from '../../engine/compiled.js';
import { saveJson } from '../../engine/rule-cache.js';

/** safe-regex2's limit on repetitions (star height is always 1) */
const LIMIT = 25;
/** patterns remembered at most (a site's own patterns come and go) */
const MAX_KEPT = 5000;
const JUDGED_BY = `${safeRegexPackage.version}/${LIMIT}`;

export interface RegexVerdicts {
  /** safe-regex2's verdict on `re` (with the limit every rule uses), remembered when safe */
  isSafe(re: RegExp): boolean;
  /** writes the remembered patterns if a new one was judged safe (best effort, atomic) */
  save(): void;
}

/** Verdicts remembered in `file` (null: in memory only), for patterns judged under `judgedBy`. */
export function regexVerdicts(file: string | null, judgedBy = JUDGED_BY): RegexVerdicts {
  let known: Set<string> | null = null;
  let added = false;
  const load = (): Set<string> => {
    if (known) return known;
    known = new Set();
    if (!file) return known;
    try {
      const v = JSON.parse(readFileSync(file, 'utf8')) as { judgedBy?: unknown; safe?: unknown };
      if (v.judgedBy === judgedBy && Array.isArray(v.safe)) for (const k of v.safe) if (typeof k === 'string') known.add(k);
    } catch {
      /* none yet, or unreadable: judged as before */
    }
    return known;
  };
  return {
    isSafe(re) {
      const seen = load();
      const key = `${re.flags}/${re.source}`;
      if (seen.has(key)) return true;
      if (!safeRegex(re, { limit: LIMIT })) return false;
      seen.add(key);
      added = true;
      return true;
    },
    save() {
      if (!file || !known || !added) return;
      added = false;
      saveJson(file, { judgedBy, safe: [...known].slice(-MAX_KEPT) }); // read-only install: judged every time
    },
  };
}

/** The run's verdicts: kept in dist/.compiled when the compiled package runs (not the TypeScript of the tests). */
const verdicts = regexVerdicts(import.meta.url.endsWith('.js') ? join(compiledDir, 'safe-regex.json') : null);
export const isSafeRegex = (re: RegExp): boolean => verdicts.isSafe(re);
export const saveRegexVerdicts = (): void => verdicts.save();

export function compilePattern(source: string, flags = ''): { regex?: RegExp; error?: string } {
  let regex: RegExp;
  const f = [...new Set((flags + 'gu').split(''))].join('');
  try {
    regex = new RegExp(source, f);
  } catch (e) {
    return { error: `invalid regular expression /${source}/: ${(e as Error).message}` };
  }
  if (!isSafeRegex(regex)) return { error: `regular expression /${source}/ may backtrack catastrophically (nested quantifiers); rewrite it` };
  return { regex };
}

const NO_MATCHES: readonly RegExpExecArray[] = Object.freeze([]);

/**
 * The matches `text.matchAll(re)` gives, from the start of `text`, without the copy of `re` that
 * matchAll makes on every call: rules of kind pattern ask every paragraph, and most hold no
 * match, so the copies were most of their cost. `re` must be global; its lastIndex ends at 0.
 */
export function execAll(re: RegExp, text: string): readonly RegExpExecArray[] {
  if (!re.global) throw new TypeError(`execAll needs a global regular expression: ${re}`); // as matchAll (else no end)
  re.lastIndex = 0;
  let m = re.exec(text);
  if (!m) return NO_MATCHES;
  const out: RegExpExecArray[] = [];
  do {
    out.push(m);
    // an empty match: step over one character (a code point in unicode mode), as matchAll does
    if (m[0].length === 0) re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  } while ((m = re.exec(text)));
  return out;
}

function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return i + 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}
