/**
 * typo/confusion: a wrong→right list (dictionaries/typo-confusion.tsv) matched with one
 * Aho-Corasick automaton, with optional context regexes per entry (截止 before a date → 截至),
 * a word-boundary test (a hit may not cut a real word: 完成工作 has no 成工), exceptions, and
 * variant forms (异形词) reported as warnings.
 */
import path from 'node:path';
import { basename } from 'node:path';
import { indexList, loadList } from '../../engine/dictionaries.js';
import { buildMatcher, listSuffixMatcher, type Matcher } from '../util/matcher.js';
import { emit, proseRuns, type Hit } from '../language-util.js';
import { boundaryOk } from './data.js';
import { lexiconReadAhead } from '../lexicon.js';
import { loadLM, scoreSpan, type CharLM } from './lm.js';
import type { Check, CheckContext, RuleDef } from '../../types.js';

export interface ConfusionEntry {
  wrong: string;
  rights: string[];
  variant: boolean;
  after?: RegExp;
  before?: RegExp;
  /** entries mined from ECSpell only: the language model must also prefer the correction */
  needsModel: boolean;
  source: string;
}

export interface ConfusionOptions {
  list?: string;
  exceptions?: string[];
  boundary?: 'jieba' | 'none';
  /** variant forms (异形词) to report: all (true, the default), none (false) or only these wrong forms */
  variants?: boolean | string[];
  scopes?: string[];
  /** natural-log gain the language model must give corrections of ECSpell-mined entries (default 4) */
  minGain?: number;
  model?: string;
}

/** Language-model gain of replacing text[start, end) by `right` (over the span and two characters after). */
export function modelGain(lm: CharLM, text: string, start: number, end: number, right: string): number {
  const fixed = text.slice(0, start) + right + text.slice(end);
  return (
    scoreSpan(lm, fixed, start, Math.min(fixed.length, start + right.length + 2)) -
    scoreSpan(lm, text, start, Math.min(text.length, end + 2))
  );
}

/** One line of the list as an entry, or null when it lacks the wrong or the right form. */
function toEntry(fields: string[], line: number, name: string): ConfusionEntry | null {
  const [wrong, right, origin = '', after = '', before = ''] = fields;
  if (!wrong || !right) return null;
  const origins = origin.split('+');
  return {
    wrong,
    rights: right.split('|').filter(Boolean),
    variant: origins.includes('variant') || (origin !== '' && origins.every((o) => o.endsWith('variant'))),
    after: after ? new RegExp(after.startsWith('^') ? after : `^(?:${after})`, 'u') : undefined,
    before: before ? new RegExp(`(?:${before})$`, 'u') : undefined,
    needsModel: origin !== '' && origins.every((o) => o.startsWith('ecspell-') && o !== 'ecspell-variant'),
    source: `${name}:${line}`,
  };
}

export function loadConfusion(file: string): ConfusionEntry[] {
  const out: ConfusionEntry[] = [];
  const name = basename(file);
  for (const e of loadList(file).entries) {
    const entry = toEntry(e.fields, e.line, name);
    if (entry) out.push(entry);
  }
  return out;
}

/** The entries by wrong form: what findConfusions looks hits up in. */
export interface ConfusionLookup {
  get(wrong: string): ConfusionEntry[] | undefined;
}

/**
 * The list's wrong forms, and their entries made when a text first holds one (a cold one-file
 * run used to spend ~20 ms making all 3,438 entries and their context regexes). The entries of a
 * wrong form are those `loadConfusion` gives, in the same order. A wrong form whose lines all
 * lack a right form is among `wrongs` but has no entries, so a hit on it reports nothing, as
 * when it is left out.
 */
export function confusionIndex(file: string): { wrongs: string[]; byWrong: ConfusionLookup } {
  const list = indexList(file);
  const name = basename(file);
  const made = new Map<string, ConfusionEntry[]>();
  return {
    wrongs: [...list.keys()].filter(Boolean),
    byWrong: {
      get(wrong) {
        let out = made.get(wrong);
        if (!out) {
          out = [];
          for (const e of list.entries(wrong)) {
            const entry = toEntry(e.fields, e.line, name);
            if (entry) out.push(entry);
          }
          made.set(wrong, out);
        }
        return out.length ? out : undefined;
      },
    },
  };
}

/** Hits of the list in one text (pure; exported for unit tests). */
export function findConfusions(
  text: string,
  byWrong: ConfusionLookup,
  matcher: Matcher,
  opts: {
    shields: Matcher | null;
    boundary: boolean;
    /** report variant entries: all, none, or those whose wrong form is in the set */
    variants: boolean | ReadonlySet<string>;
    /** log-probability gain of the correction (language model); required ≥ minGain for needsModel entries */
    gain?: (text: string, start: number, end: number, right: string) => number;
    minGain?: number;
  },
): Array<{ start: number; end: number; entry: ConfusionEntry }> {
  const cands: Array<{ start: number; end: number; entry: ConfusionEntry }> = [];
  const all = matcher.all(text);
  if (!all.length) return cands;
  const shields = opts.shields ? opts.shields.all(text) : [];
  for (const m of all) {
    for (const entry of byWrong.get(m.word) ?? []) {
      if (entry.variant && !(opts.variants === true || (opts.variants !== false && opts.variants.has(entry.wrong)))) continue;
      if (entry.after && !entry.after.test(text.slice(m.end, m.end + 40))) continue;
      if (entry.before && !entry.before.test(text.slice(Math.max(0, m.start - 40), m.start))) continue;
      if (shields.some((s) => s.start <= m.start && s.end >= m.end)) continue;
      if (opts.boundary && !boundaryOk(text, m.start, m.end, entry.rights[0]!)) continue;
      if (entry.needsModel && opts.gain && opts.gain(text, m.start, m.end, entry.rights[0]!) < (opts.minGain ?? 4)) continue;
      cands.push({ start: m.start, end: m.end, entry });
      break;
    }
  }
  // longest first, then leftmost; no overlaps
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof cands = [];
  for (const c of cands) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

export function createConfusion(rule: RuleDef, options: ConfusionOptions, ctx: CheckContext): Check {
  const file = path.isAbsolute(options.list ?? '')
    ? options.list!
    : path.join(ctx.packageRoot, 'dictionaries', options.list ?? 'typo-confusion.tsv');
  let index: ReturnType<typeof confusionIndex> | null = null;
  // the list is indexed when a text first holds one of its wrong forms (about one law in ten):
  // the matcher comes compiled (listSuffixMatcher), so a run without a hit never parses the list
  const byWrong: ConfusionLookup = { get: (wrong) => (index ??= confusionIndex(file)).byWrong.get(wrong) };
  let matcher: Matcher | null = null;
  let shields: Matcher | null = null;
  let lm: CharLM | null = null;
  const exceptions = [...(options.exceptions ?? []), ...(ctx.config.words ?? [])];
  const variants = Array.isArray(options.variants) ? new Set(options.variants) : options.variants !== false;
  return {
    // the word-boundary test segments around a hit with the jieba lexicon
    readAhead: () => (options.boundary !== 'none' ? lexiconReadAhead() : []),
    run(draft, report) {
      if (!matcher) {
        // wrong forms have two or more characters: looked up from their last ones (buildSuffixMatcher),
        // which scans ~3x faster than the automaton on this list, and loads compiled from dist/.compiled
        matcher = listSuffixMatcher(file);
        // a list of the site's own: every context regex is compiled now, so that a bad one fails
        // every run (the shipped lists' regexes are compiled by the tests)
        if (path.dirname(file) !== path.join(ctx.packageRoot, 'dictionaries')) {
          index = confusionIndex(file);
          for (const w of index.wrongs) byWrong.get(w);
        }
        shields = exceptions.length ? buildMatcher(exceptions) : null;
      }
      for (const run of proseRuns(draft, options.scopes)) {
        const found = findConfusions(run.text, byWrong, matcher!, {
          shields,
          boundary: options.boundary !== 'none',
          variants,
          gain: (t, a, b, r) => {
            lm ??= loadLM(path.join(ctx.packageRoot, 'dictionaries', options.model ?? 'lm-char.bin'));
            return modelGain(lm, t, a, b, r);
          },
          minGain: options.minGain ?? 4,
        });
        if (!found.length) continue;
        const hits: Hit[] = [];
        const variantHits: Hit[] = [];
        for (const f of found) {
          const actual = run.text.slice(f.start, f.end);
          const rights = f.entry.rights;
          const unique = rights.length === 1 ? rights[0]! : undefined;
          let pre = 0;
          let suf = 0;
          if (unique !== undefined) {
            while (pre < actual.length && pre < unique.length && actual[pre] === unique[pre]) pre++;
            while (suf < actual.length - pre && suf < unique.length - pre && actual[actual.length - 1 - suf] === unique[unique.length - 1 - suf]) suf++;
          }
          const h: Hit = {
            start: f.start,
            end: f.end,
            messageId: f.entry.variant ? 'variant' : unique === undefined ? 'ambiguous' : 'default',
            data: { actual, expected: rights.join('／'), entry: f.entry.source },
          };
          if (unique !== undefined && rule.fixable)
            h.fix = { start: f.start + pre, end: f.end - suf, text: unique.slice(pre, unique.length - suf) };
          if (unique === undefined)
            h.suggestions = rights.map((r) => ({ start: f.start, end: f.end, text: r, desc: `改为“${r}”` }));
          (f.entry.variant ? variantHits : hits).push(h);
        }
        emit(draft, run, hits, report, { escalate: true });
        emit(draft, run, variantHits, report, { escalate: true, severity: 'warning' });
      }
    },
  };
}
