/**
 * typo/severe: names of Party and state leaders, the country, the Party and state organs
 * (dictionaries/leaders.txt + config `site.leaders`) written with one wrong character — a
 * same-pinyin or similar-shape variant (习近平 → 习近乎). A window of the text is judged a variant
 * when first seen (`variantLookup`); a variant that is itself a word, or that would cut a word, is
 * never reported.
 */
import path from 'node:path';
import { basename } from 'node:path';
import { loadList } from '../../engine/dictionaries.js';
import { buildMatcher, buildSuffixMatcher, byStartThenLongest, leftmostLongest, type Match, type Matcher } from '../util/matcher.js';
import { lexicon, lexiconReadAhead } from '../lexicon.js';
import { emit, proseRuns, type Hit } from '../language-util.js';
import { boundaryOk, similarChars, type SimilarTable } from './data.js';
import type { Check, CheckContext, RuleDef } from '../../types.js';

export interface NameEntry {
  name: string;
  kind: string;
  source: string;
}

export interface SevereOptions {
  list?: string;
  /** also generate same-syllable other-tone variants (pinyin input ignores tones); default true */
  otherTones?: boolean;
  scopes?: string[];
}

/** Names from config `site.leaders`: strings or {name, title?}. */
export function siteLeaders(site: Record<string, unknown> | undefined): NameEntry[] {
  const raw = site?.leaders;
  const out: NameEntry[] = [];
  if (!Array.isArray(raw)) return out;
  for (const x of raw) {
    const name = typeof x === 'string' ? x : x && typeof x === 'object' ? (x as { name?: unknown }).name : undefined;
    if (typeof name === 'string' && name.trim().length >= 2) out.push({ name: name.trim(), kind: 'site', source: 'config site.leaders' });
  }
  return out;
}

/** Every one-character variant of each name: variant → the name it misspells. */
export function nameVariants(
  names: NameEntry[],
  similar: SimilarTable,
  isWord: (w: string) => boolean,
  otherTones = true,
): Map<string, NameEntry> {
  const real = new Set(names.map((n) => n.name));
  const out = new Map<string, NameEntry>();
  const ambiguous = new Set<string>();
  for (const n of names) {
    const chars = [...n.name];
    // two-character names: only same-tone and same-shape variants (fewer collisions with words)
    const tones = otherTones && chars.length >= 3;
    chars.forEach((c, i) => {
      const s = similar.get(c);
      if (!s) return;
      const alts = new Set([...s.same, ...s.shape, ...(tones ? s.other : '')]);
      for (const a of alts) {
        if (a === c) continue;
        const v = chars.slice(0, i).join('') + a + chars.slice(i + 1).join('');
        if (real.has(v) || isWord(v)) continue;
        const prev = out.get(v);
        if (prev && prev.name !== n.name) ambiguous.add(v);
        else out.set(v, n);
      }
    });
  }
  for (const v of ambiguous) out.delete(v);
  return out;
}

/**
 * Finds the variants in a text as `buildMatcher(variants.keys()).find` would, without an automaton
 * over thousands of variants (building one took ~50–80 ms of every one-file run). A variant
 * differs from its name in one character, so one half of the name is intact at a known offset:
 * occurrences of the names' halves (a few dozen strings) point at the windows to look up.
 * Falls back to the automaton when a replacement changes the length (characters outside the
 * Basic Multilingual Plane) or a name has a single character.
 */
export function variantMatcher(variants: Map<string, NameEntry>): Matcher {
  for (const [v, n] of variants) if (v.length !== n.name.length || n.name.length < 2) return buildMatcher(variants.keys());
  return halvesMatcher(new Set([...variants.values()].map((n) => n.name)), (w) => variants.has(w));
}

/**
 * The windows of a text that `isVariant` accepts, found from the intact half of each name (names of
 * two or more BMP characters; a variant has its name's length and differs from it in one code
 * unit, as those of nameVariants and variantLookup do).
 */
export function halvesMatcher(names: Iterable<string>, isVariant: (w: string) => boolean): Matcher {
  // half → where it sits in names of a length, and those names
  const halves = new Map<string, Array<{ offset: number; length: number; names: string[] }>>();
  for (const name of names) {
    const k = name.length >> 1;
    for (const [half, offset] of [[name.slice(0, k), 0], [name.slice(k), k]] as const) {
      const list = halves.get(half) ?? [];
      let at = list.find((x) => x.offset === offset && x.length === name.length);
      if (!at) list.push((at = { offset, length: name.length, names: [] }));
      if (!at.names.includes(name)) at.names.push(name);
      halves.set(half, list);
    }
  }
  // the names' halves (a few hundred): the suffix matcher builds faster than the automaton
  const halfMatcher = buildSuffixMatcher(halves.keys());
  const all = (text: string): Match[] => {
    let found: Map<number, Match> | null = null;
    for (const h of halfMatcher.all(text))
      for (const { offset, length, names } of halves.get(h.word)!) {
        const start = h.start - offset;
        if (start < 0 || start + length > text.length) continue;
        // a variant differs from a name in one character, in the half not matched: the window is
        // asked about (a slice and a lookup) only when it is one character away from such a name
        // (one-character halves of two-character names match almost everywhere)
        if (!names.some((n) => oneApart(text, start, n))) continue;
        const word = text.slice(start, start + length);
        if (isVariant(word)) (found ??= new Map()).set(start * 65536 + length, { start, end: start + length, word });
      }
    return found ? [...found.values()].sort(byStartThenLongest) : [];
  };
  return { all, find: (text) => leftmostLongest(all(text)) };
}

/** Does text[start, start + name.length) differ from `name` in exactly one code unit? */
function oneApart(text: string, start: number, name: string): boolean {
  let diff = 0;
  for (let k = 0; k < name.length; k++) if (text.charCodeAt(start + k) !== name.charCodeAt(k) && ++diff > 1) return false;
  return diff === 1;
}

/**
 * `nameVariants(names, …).get(w)` decided for one string at a time, so that a run works out only
 * the windows its text has instead of all ~5,000 variants (about 35 ms of a cold one-file run,
 * plus the jieba lexicon, which is then loaded only when some window is a candidate). The same
 * relation: `w` is a variant of an entry when it differs from the entry's name in one character
 * that has `w`'s character among its alternatives, is no name and no word; when the entries
 * that give `w` bear different names it is ambiguous and none; otherwise it belongs to the last
 * of them. Null when names or alternatives are not all of two or more BMP characters: then
 * `nameVariants` and `variantMatcher` are used.
 */
export function variantLookup(
  names: NameEntry[],
  similar: SimilarTable,
  isWord: (w: string) => boolean,
  otherTones = true,
): ((w: string) => NameEntry | undefined) | null {
  const real = new Set(names.map((n) => n.name));
  const byLength = new Map<number, Array<{ n: NameEntry; alts: Array<string | undefined> }>>();
  for (const n of names) {
    if (n.name.length < 2 || /[\ud800-\udfff]/.test(n.name)) return null;
    const tones = otherTones && n.name.length >= 3;
    const alts: Array<string | undefined> = [];
    for (const c of n.name) {
      const s = similar.get(c);
      const a = s ? s.same + s.shape + (tones ? s.other : '') : undefined;
      if (a && /[\ud800-\udfff]/.test(a)) return null;
      alts.push(a);
    }
    const list = byLength.get(n.name.length) ?? [];
    list.push({ n, alts });
    byLength.set(n.name.length, list);
  }
  const memo = new Map<string, NameEntry | null>();
  return (w) => {
    let r = memo.get(w);
    if (r !== undefined) return r ?? undefined;
    r = null;
    const list = byLength.get(w.length);
    if (list && !real.has(w)) {
      let found: NameEntry | null = null;
      let ambiguous = false;
      for (const { n, alts } of list) {
        let at = -1;
        for (let k = 0; k < w.length; k++)
          if (w.charCodeAt(k) !== n.name.charCodeAt(k)) {
            if (at >= 0) {
              at = -2;
              break;
            }
            at = k;
          }
        if (at < 0 || !alts[at]?.includes(w[at]!)) continue;
        if (found && found.name !== n.name) ambiguous = true;
        found = n;
      }
      if (found && !ambiguous && !isWord(w)) r = found;
    }
    memo.set(w, r);
    return r ?? undefined;
  };
}

export function createSevere(rule: RuleDef, options: SevereOptions, ctx: CheckContext): Check {
  const file = path.join(ctx.packageRoot, 'dictionaries', options.list ?? 'leaders.txt');
  let variantOf: ((w: string) => NameEntry | undefined) | null = null;
  let matcher: Matcher | null = null;
  let realMatcher: Matcher | null = null;
  const init = () => {
    const names: NameEntry[] = [];
    for (const e of loadList(file).entries) {
      const [name, kind = ''] = e.fields;
      if (name) names.push({ name, kind, source: `${basename(file)}:${e.line}` });
    }
    names.push(...siteLeaders(ctx.config.site as Record<string, unknown> | undefined));
    const similar = similarChars(ctx.packageRoot);
    const otherTones = options.otherTones !== false;
    // the jieba lexicon is loaded only when a window of the text is a candidate
    const isWord = (w: string) => lexicon().has(w);
    const lookup = variantLookup(names, similar, isWord, otherTones);
    if (lookup) {
      variantOf = lookup;
      matcher = halvesMatcher(new Set(names.map((n) => n.name)), (w) => lookup(w) !== undefined);
    } else {
      const variants = nameVariants(names, similar, isWord, otherTones);
      variantOf = (w) => variants.get(w);
      matcher = variantMatcher(variants);
    }
    realMatcher = buildSuffixMatcher(names.map((n) => n.name));
  };
  return {
    // a candidate window is judged with the jieba lexicon (a variant that is a word, word boundaries)
    readAhead: () => lexiconReadAhead(),
    run(draft, report) {
      if (!variantOf) init();
      for (const run of proseRuns(draft, options.scopes)) {
        const found = matcher!.find(run.text);
        if (!found.length) continue;
        const real = realMatcher!.all(run.text);
        const hits: Hit[] = [];
        for (const m of found) {
          // inside or overlapping a correctly written name (国务院务 …) is not a variant
          if (real.some((r) => r.start < m.end && m.start < r.end)) continue;
          const n = variantOf!(m.word)!;
          if (!boundaryOk(run.text, m.start, m.end, n.name)) continue;
          let k = 0;
          while (k < m.word.length && m.word[k] === n.name[k]) k++;
          hits.push({
            start: m.start,
            end: m.end,
            data: { actual: m.word, expected: n.name, entry: n.source },
            fix: rule.fixable ? { start: m.start + k, end: m.start + k + 1, text: n.name[k]! } : undefined,
          });
        }
        emit(draft, run, hits, report, { escalate: true });
      }
    },
  };
}
