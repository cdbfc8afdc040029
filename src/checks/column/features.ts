/**
 * Features of the column model: character bigrams inside runs of Han characters (no segmenter
 * needed, robust to new words). The title counts TITLE_WEIGHT times. The training script
 * (scripts/train-columns.mjs) imports this module from dist/, so training and scoring agree.
 *
 * Two forms of the same features: `addBigrams`/`draftFeatures` give a Map of bigram strings
 * (training, tests); `forEachHanRun`/`forEachBigram` give each bigram as one packed integer, with no string
 * made per bigram, for scoring every draft (model.ts). test/columns.test.ts checks they agree.
 */
export const TITLE_WEIGHT = 3;

const HAN_RUN = /[\p{Script=Han}]{2,}/gu;

/** Add the Han bigrams of `text` to `into`, each counting `weight`. */
export function addBigrams(text: string, into: Map<string, number>, weight = 1): Map<string, number> {
  for (const m of text.matchAll(HAN_RUN)) {
    const run = m[0];
    for (let i = 0; i + 1 < run.length; i++) {
      const bg = run.slice(i, i + 2);
      into.set(bg, (into.get(bg) ?? 0) + weight);
    }
  }
  return into;
}

/** Features of a draft: the title's bigrams (weighted) plus the body's. */
export function draftFeatures(title: string, body: string): Map<string, number> {
  const f = new Map<string, number>();
  addBigrams(title, f, TITLE_WEIGHT);
  addBigrams(body, f, 1);
  return f;
}

/** A bigram (two UTF-16 code units, as `addBigrams` slices them) packed into one int32. */
export const bigramKey = (a: number, b: number): number => (a << 16) | b;

const HAN = /^\p{Script=Han}$/u;
/**
 * Script=Han of each BMP code unit, learnt on first sight: 0 not yet known, 1 Han, 2 not Han,
 * 3 a high surrogate (look at the pair). The regex stays the definition; the table only
 * remembers its answers.
 */
const bmpHan = new Uint8Array(0x10000);
const astralHan = new Map<number, boolean>();

/** Is the code point at `text[i]` Han? 0 when not, else its length in code units (1, or 2 for a surrogate pair). */
function hanAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = bmpHan[c]!;
  if (k === 1) return 1;
  if (k === 2) return 0;
  return hanAtSlow(text, i, c); // rare: a code unit not seen yet, or a surrogate
}

function hanAtSlow(text: string, i: number, c: number): number {
  if (bmpHan[c] === 0) {
    bmpHan[c] = c >= 0xd800 && c <= 0xdbff ? 3 : HAN.test(String.fromCharCode(c)) ? 1 : 2;
    if (bmpHan[c] !== 3) return bmpHan[c] === 1 ? 1 : 0;
  }
  const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  if (d < 0xdc00 || d > 0xdfff) return 0; // a lone high surrogate
  const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  let h = astralHan.get(cp);
  if (h === undefined) astralHan.set(cp, (h = HAN.test(String.fromCodePoint(cp))));
  return h ? 2 : 0;
}

/**
 * Calls `visit(start, end)` for each run of Han characters in `text` that `addBigrams` takes (at
 * least two code points; `end` is the index after it). Its bigrams are the pairs of adjacent
 * code units in it.
 */
export function forEachHanRun(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const first = hanAt(text, i);
    if (first === 0) {
      i++; // the low half of a surrogate pair met here is not Han by itself either
      continue;
    }
    let end = i + first;
    let points = 1;
    for (let len; end < n && (len = hanAt(text, end)) !== 0; end += len) points++;
    if (points >= 2) visit(i, end);
    i = end;
  }
}

/** Calls `visit` with the key (`bigramKey`) of each Han bigram of `text`, in the order `addBigrams` meets them. */
export function forEachBigram(text: string, visit: (key: number) => void): void {
  forEachHanRun(text, (start, end) => {
    for (let k = start + 1; k < end; k++) visit(bigramKey(text.charCodeAt(k - 1), text.charCodeAt(k)));
  });
}
