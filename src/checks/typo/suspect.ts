/**
 * typo/suspect: errors no list knows, found statistically. A character that is rare next to both
 * neighbours (character bigram counts of the laws language model) and that jieba (the lexicon,
 * lazy) cuts out as a word of its own is a suspect. Each same-pinyin or
 * similar-shape replacement that makes a frequent dictionary word with its neighbours (大数局 →
 * 大数据) is scored with the character n-gram model; only a replacement far more probable in
 * context (log-ratio ≥ minLogRatio) is reported, as a suggestion.
 */
import path from 'node:path';
import { emit, proseRuns, type Hit } from '../language-util.js';
import { HAN, wordFreq, similarChars, type Similar, type SimilarTable } from './data.js';
import { isHanCode, lmReadAhead, loadLM, scoreSpan, type CharLM } from './lm.js';
import { lexicon, lexiconReadAhead } from '../lexicon.js';
import { hasBit, unitBits } from '../util/bits.js';
import type { Check, CheckContext, RuleDef } from '../../types.js';

export interface SuspectOptions {
  /** a neighbour bigram seen more often than this in the model makes the character unsuspicious */
  maxContextCount?: number;
  /** the word a replacement forms must have at least this jieba frequency */
  minWordFreq?: number;
  /** natural-log probability ratio the replacement must win by */
  minLogRatio?: number;
  /** a character seen fewer times than this in the model is never suspected (rare terms) */
  minCharCount?: number;
  /** consider same-syllable other-tone replacements too */
  otherTones?: boolean;
  scopes?: string[];
  model?: string;
}

export interface SuspectHit {
  start: number;
  end: number;
  actual: string;
  expected: string;
  /** index of the replaced character within [start, end) */
  at: number;
  char: string;
  score: number;
}

export interface SuspectModel {
  lm: CharLM;
  similar: SimilarTable;
  /** word → jieba frequency (only words of 2–4 characters are asked about) */
  freq: Pick<Map<string, number>, 'get' | 'has'>;
  exceptions: Set<string>;
}

// Tuned on the held-out laws files (target: no finding) and the ECSpell dev split (recall):
// see docs/typos-eval.md. Rare characters (鳍, 碱, 芯) are mostly parts of rare but correct terms.
const DEFAULTS = { maxContextCount: 0, minWordFreq: 3000, minLogRatio: 12, minCharCount: 100, otherTones: true };

/** Suspects in one text (pure given the model; exported for unit tests and the evaluation). */
export function findSuspects(text: string, model: SuspectModel, o: Required<Omit<SuspectOptions, 'scopes' | 'model'>>): SuspectHit[] {
  const out: SuspectHit[] = [];
  if (!HAN.test(text)) return out;
  const { lm, similar } = model;
  // The tests below on a single-character token depend only on its position: the positions that
  // pass them are found first, and only the blocks of text that hold one are segmented (jieba
  // cuts each block of Han characters, letters and digits on its own). Most paragraphs have none.
  const at = candidatesOf(text, lm, similar, o);
  if (!at.length) return out;
  const freq = model.freq;
  const lx = lexicon();
  for (const i of at) {
    // the candidate must be a word of its own in jieba's cut
    const block = lx.blockAt(text, i);
    if (!block || !isAlone(block, i)) continue;
    const tok = text[i]!;
    const sim = similar.get(tok);
    if (!sim) continue;
    // the windows of 2–4 characters over i that end in Han characters and are no word as they
    // stand, longest first: they do not depend on the replacement, so they are found once here
    const windows: Array<{ len: number; s: number; e: number; pre: string; suf: string }> = [];
    for (let len = 4; len >= 2; len--)
      for (let s = Math.max(0, i - len + 1); s <= i && s + len <= text.length; s++) {
        const e = s + len;
        if (!isHanCode(text.charCodeAt(s)) || !isHanCode(text.charCodeAt(e - 1))) continue;
        const orig = text.slice(s, e);
        if (freq.has(orig) || model.exceptions.has(orig)) continue;
        windows.push({ len, s, e, pre: text.slice(s, i), suf: text.slice(i + 1, e) });
      }
    if (!windows.length) continue;
    let best: SuspectHit | null = null;
    let second = -Infinity;
    const to = Math.min(text.length, i + 3);
    const base = scoreSpan(lm, text, i, to);
    for (const a of replacementsOf(sim, o.otherTones)) {
      // the replacement must make a frequent word with its neighbours: the most frequent of the
      // longest windows that make one
      let word: { s: number; e: number; w: string; f: number; len: number } | null = null;
      for (const win of windows) {
        if (word && win.len < word.len) break;
        const w = win.pre + a + win.suf;
        const f = freq.get(w) ?? 0;
        if (f < o.minWordFreq) continue;
        if (!word || f > word.f) word = { s: win.s, e: win.e, w, f, len: win.len };
      }
      if (!word) continue;
      const score =
        (a.length === 1 ? scoreSpan(lm, text, i, to, { at: i, code: a.charCodeAt(0) }) : scoreSpan(lm, text.slice(0, i) + a + text.slice(i + 1), i, to)) - base;
      if (!best || score > best.score) {
        if (best) second = Math.max(second, best.score);
        best = { start: word.s, end: word.e, actual: text.slice(word.s, word.e), expected: word.w, at: i - word.s, char: a, score };
      } else second = Math.max(second, score);
    }
    if (best && best.score >= o.minLogRatio && best.score - second >= 2) out.push(best);
  }
  return out;
}

/** Is the word of `block` (lexicon's blockAt) that covers code unit `i` that unit alone? */
function isAlone(block: { start: number; words: string[] }, i: number): boolean {
  let pos = block.start;
  for (const w of block.words) {
    const end = pos + w.length;
    if (end > i) return pos === i && w.length === 1;
    pos = end;
  }
  return false;
}

type Tuned = Required<Omit<SuspectOptions, 'scopes' | 'model'>>;

/** Are code units a, b two Han characters that occur together in the model (more than maxContextCount times)? */
function pairClears(a: number, b: number, lm: CharLM, o: Tuned): boolean {
  if (!isHanCode(a) || !isHanCode(b)) return false;
  // the default: any occurrence of a pair clears both characters (a bitset, not the hash table)
  return o.maxContextCount === 0 ? lm.seen(a, b) : lm.bi(a, b) > o.maxContextCount;
}

const NONE: readonly number[] = [];

/**
 * The positions whose character could be a suspect: a common Han character (seen at least
 * minCharCount times) that has replacements and a Han neighbour, and whose pairs with its Han
 * neighbours are all rare in the model (pairClears of neither) — the only places where a
 * same-sound or same-shape slip is worth scoring. Nearly every pair of real text clears both its
 * characters, so the pairs are asked in steps of two: a pair that clears skips the next character,
 * and the pair before a character is asked only when the pair after it does not clear.
 */
function candidatesOf(text: string, lm: CharLM, similar: SimilarTable, o: Tuned): readonly number[] {
  const eligible = eligibleUnits(similar, lm, o.minCharCount);
  let out: number[] | null = null;
  const n = text.length;
  // true when the step before found that the pair ending at i does not clear
  let prevOpen = false;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (!hasBit(eligible, c)) {
      i++;
      prevOpen = false;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (next >= 0 && pairClears(c, next, lm, o)) {
      i += 2; // text[i + 1] is cleared too
      prevOpen = false;
      continue;
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
    const prevClears = !prevOpen && prev >= 0 && pairClears(prev, c, lm, o);
    const hanNeighbour = (prev >= 0 && isHanCode(prev)) || (next >= 0 && isHanCode(next));
    if (!prevClears && hanNeighbour) (out ??= []).push(i);
    prevOpen = true; // the pair (i, i + 1) does not clear
    i++;
  }
  return out ?? NONE;
}

const replacementsWith = new WeakMap<Similar, string[]>();
const replacementsWithout = new WeakMap<Similar, string[]>();
/** A character's same-sound (and, with `otherTones`, other-tone) and same-shape replacements, each once. */
function replacementsOf(sim: Similar, otherTones: boolean): string[] {
  const cache = otherTones ? replacementsWith : replacementsWithout;
  let alts = cache.get(sim);
  if (!alts) {
    alts = [...new Set([...sim.same, ...sim.shape, ...(otherTones ? sim.other : '')])];
    cache.set(sim, alts);
  }
  return alts;
}

const eligibleOf = new WeakMap<SimilarTable, { lm: CharLM; minCount: number; bits: Int32Array }>();
/**
 * A bitset over code units (8 KB, read at every character): the Han characters that have
 * same-sound or same-shape replacements and that the model has seen at least `minCount` times.
 */
function eligibleUnits(similar: SimilarTable, lm: CharLM, minCount: number): Int32Array {
  const known = eligibleOf.get(similar);
  if (known && known.lm === lm && known.minCount === minCount) return known.bits;
  const bits = unitBits([...similar.units].filter((u) => isHanCode(u) && lm.uni(u) >= minCount));
  eligibleOf.set(similar, { lm, minCount, bits });
  return bits;
}

export function createSuspect(rule: RuleDef, options: SuspectOptions, ctx: CheckContext): Check {
  const o = { ...DEFAULTS, ...options } as Required<Omit<SuspectOptions, 'scopes' | 'model'>>;
  const exceptions = new Set(ctx.config.words ?? []);
  let model: SuspectModel | null = null;
  const lmFile = path.join(ctx.packageRoot, 'dictionaries', options.model ?? 'lm-char.bin');
  return {
    readAhead: () => [...lmReadAhead(lmFile), ...lexiconReadAhead()],
    run(draft, report) {
      for (const run of proseRuns(draft, options.scopes)) {
        if (!HAN.test(run.text)) continue;
        if (!model) {
          // the model and the table are loaded once per thread (loadLM by model file, similarChars);
          // jieba's word list (350k words) loads only when a paragraph has a candidate
          model = {
            lm: loadLM(lmFile),
            similar: similarChars(ctx.packageRoot),
            get freq() {
              return wordFreq();
            },
            exceptions,
          };
        }
        const found = findSuspects(run.text, model, o);
        if (!found.length) continue;
        const hits: Hit[] = found.map((f) => ({
          start: f.start,
          end: f.end,
          data: { actual: f.actual, expected: f.expected },
          suggestions: [{ start: f.start + f.at, end: f.start + f.at + 1, text: f.char, desc: `改为“${f.expected}”` }],
        }));
        emit(draft, run, hits, report, { escalate: true });
      }
    },
  };
}
