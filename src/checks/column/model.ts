/**
 * The statistical half of the column scorer: a multinomial naive Bayes model over character
 * bigrams, trained at build time by scripts/train-columns.mjs into dictionaries/columns-model.json
 * (see that file's `header` for provenance). Priors are uniform: the model only says which
 * column's vocabulary the text resembles.
 */
import { join } from 'node:path';
import { loadCompiled } from '../../engine/compiled.js';
import { bigramKey, forEachHanRun, TITLE_WEIGHT } from './features.js';

export interface ColumnModelFile {
  header: Record<string, string>;
  classes: string[];
  alpha: number;
  /** feature strings, tab-separated */
  features: string;
  /** per feature: [classIndex, count, classIndex, count, ...] (counts ×10, rounded) */
  counts: number[][];
  /** per class: total (×10) of all counts, including pruned features */
  totals: number[];
}

export interface ModelScore {
  /** per class: log-likelihood of the features, averaged per feature occurrence */
  ll: Float64Array;
  /** feature occurrences the model knows */
  n: number;
  /** the `k` features that favour class `cls` most (for evidence; computed on demand) */
  top: (cls: number, k: number) => string[];
}

export interface ColumnModel {
  header: Record<string, string>;
  classes: string[];
  /** Score a feature bag (bigram → count, as `draftFeatures` makes it). */
  score(features: Map<string, number>): ModelScore;
  /** The same as `score(draftFeatures(title, body))`, without building the bag. */
  scoreDraft(title: string, body: string): ModelScore;
}

/**
 * Feature → row index, an open-addressing table over packed bigram keys (features.ts): an
 * Int32Array probe per bigram instead of a string slice and a Map<string> lookup. Key 0 ("\0\0",
 * never a Han bigram) marks an empty slot. Most bigrams of a text are not features: a bit set
 * small enough to stay in the L1 cache turns most of them away before the table is read.
 */
const hash = (key: number) => Math.imul(key, 0x9e3779b1);

class FeatureTable {
  /** slot i: key at 2i, row at 2i+1 (one cache line for both) */
  readonly slots: Int32Array;
  /** one bit per 17-bit hash (`hash(key) >>> 15`), set for every feature */
  readonly bits = new Int32Array((1 << 17) / 32);
  readonly shift: number;
  readonly mask: number;

  /** `keys[row]`: the feature's bigram key, or 0 for a feature that is not a bigram */
  constructor(keys: Int32Array) {
    let bits = 4;
    while (1 << bits < 2 * keys.length) bits++;
    this.slots = new Int32Array(2 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    // features are bigrams (two code units); anything else could never be looked up
    keys.forEach((key, row) => {
      if (key === 0) return;
      const h = hash(key);
      this.bits[h >>> 20]! |= 1 << ((h >>> 15) & 31);
      let s = h >>> this.shift;
      while (this.slots[2 * s] !== 0 && this.slots[2 * s] !== key) s = (s + 1) & this.mask;
      this.slots[2 * s] = key;
      this.slots[2 * s + 1] = row; // a repeated feature: the last one wins, as Map.set did
    });
  }

  /** The row of a feature, or -1. (scoreDraft has a copy of this inline: keep them alike.) */
  get(key: number): number {
    const h = hash(key);
    if ((this.bits[h >>> 20]! & (1 << ((h >>> 15) & 31))) === 0 || key === 0) return -1;
    for (let s = h >>> this.shift; ; s = (s + 1) & this.mask) {
      const k = this.slots[2 * s]!;
      if (k === key) return this.slots[2 * s + 1]!;
      if (k === 0) return -1;
    }
  }
}

/**
 * The model file's content in typed arrays: what `modelOf` needs, built from the JSON
 * (`dataOf`) or read compiled from dist/.compiled (`compileColumnModel`, `readModelData`).
 */
interface ModelData {
  header: Record<string, string>;
  classes: string[];
  alpha: number;
  totals: ArrayLike<number>;
  /** feature strings, tab-separated (split only for evidence, `top`) */
  features: string;
  /** per feature row: its bigram key, or 0 when it is not a bigram */
  keys: Int32Array;
  /** the counts of row i are countClass/countValue[countStart[i], countStart[i + 1]) */
  countStart: Int32Array;
  countClass: Int32Array;
  countValue: Float64Array;
}

function dataOf(file: ColumnModelFile): ModelData {
  const feats = file.features.split('\t');
  const V = feats.length;
  const keys = new Int32Array(V);
  feats.forEach((f, row) => {
    if (f.length === 2) keys[row] = bigramKey(f.charCodeAt(0), f.charCodeAt(1));
  });
  const countStart = new Int32Array(V + 1);
  let pairs = 0;
  for (let i = 0; i < V; i++) {
    countStart[i] = pairs;
    pairs += Math.floor((file.counts[i]?.length ?? 0) / 2);
  }
  countStart[V] = pairs;
  const countClass = new Int32Array(pairs);
  const countValue = new Float64Array(pairs);
  for (let i = 0; i < V; i++) {
    const cs = file.counts[i] ?? [];
    for (let j = 0, at = countStart[i]!; j + 1 < cs.length; j += 2, at++) {
      countClass[at] = cs[j]!;
      countValue[at] = cs[j + 1]!;
    }
  }
  return { header: file.header, classes: file.classes, alpha: file.alpha, totals: file.totals, features: file.features, keys, countStart, countClass, countValue };
}

export function buildModel(file: ColumnModelFile): ColumnModel {
  return modelOf(dataOf(file));
}

function modelOf(d: ModelData): ColumnModel {
  const C = d.classes.length;
  const V = d.keys.length;
  let featList: string[] | null = null;
  const featureAt = (row: number): string => (featList ??= d.features.split('\t'))[row]!;
  const denom = Array.from(d.totals, (t) => Math.log(t + d.alpha * 10 * V));
  const unseen = denom.map((x) => Math.log(d.alpha * 10) - x);
  // All rows in one flat array: row i is weights[i*C .. i*C+C). A row is filled when a draft
  // first has its feature, so starting up (one draft before a commit) computes a few hundred
  // rows instead of all of them.
  const weights = new Float64Array(V * C);
  const filled = new Uint8Array(V);
  const rowBase = (i: number): number => {
    const base = i * C;
    if (filled[i] === 0) {
      filled[i] = 1;
      for (let c = 0; c < C; c++) weights[base + c] = unseen[c]!;
      for (let j = d.countStart[i]!; j < d.countStart[i + 1]!; j++) weights[base + d.countClass[j]!] = Math.log(d.countValue[j]! + d.alpha * 10) - denom[d.countClass[j]!]!;
    }
    return base;
  };
  const table = new FeatureTable(d.keys);
  /** scratch of addRows: each feature's first weight in `weights` */
  let bases = new Int32Array(256);

  /*
   * The long loops below (addRows, takeCounts) each end their function. A long first call is
   * compiled while it runs (on-stack replacement) before any code after its loop has run once;
   * such code then deoptimized on every later draft (seen 20+ times in a row with Node 20).
   */

  /**
   * Adds count × weight of the features `rows[0..m)` (distinct, in first-seen order) to `ll`,
   * each class's sum taken over the features in that order, as it always was: the same doubles.
   * Returns the count.
   */
  function addRows(ll: Float64Array, rows: Int32Array, counts: Float64Array, m: number): number {
    if (bases.length < m) bases = new Int32Array(2 * m);
    let n = 0;
    for (let k = 0; k < m; k++) {
      bases[k] = rowBase(rows[k]!);
      n += counts[k]!;
    }
    // eight classes at a time, each summed in a register over the features in their order (so
    // every class gets the same doubles as adding feature by feature): one cache line of each row
    // per pass, and no load and store of ll[c] per feature and class
    let c = 0;
    for (; c + 8 <= C; c += 8) {
      let s0 = ll[c]!, s1 = ll[c + 1]!, s2 = ll[c + 2]!, s3 = ll[c + 3]!, s4 = ll[c + 4]!, s5 = ll[c + 5]!, s6 = ll[c + 6]!, s7 = ll[c + 7]!;
      for (let k = 0; k < m; k++) {
        const cnt = counts[k]!;
        const b = bases[k]! + c;
        s0 += cnt * weights[b]!;
        s1 += cnt * weights[b + 1]!;
        s2 += cnt * weights[b + 2]!;
        s3 += cnt * weights[b + 3]!;
        s4 += cnt * weights[b + 4]!;
        s5 += cnt * weights[b + 5]!;
        s6 += cnt * weights[b + 6]!;
        s7 += cnt * weights[b + 7]!;
      }
      ll[c] = s0; ll[c + 1] = s1; ll[c + 2] = s2; ll[c + 3] = s3; ll[c + 4] = s4; ll[c + 5] = s5; ll[c + 6] = s6; ll[c + 7] = s7;
    }
    for (; c < C; c++) {
      let s = ll[c]!;
      for (let k = 0; k < m; k++) s += counts[k]! * weights[bases[k]! + c]!;
      ll[c] = s;
    }
    return n;
  }

  /** The score of the features `rows[0..m)` (distinct, in first-seen order) with their counts. */
  function scoreRows(rows: Int32Array, counts: Float64Array, m: number): ModelScore {
    const ll = new Float64Array(C);
    const n = addRows(ll, rows, counts, m);
    if (n > 0) for (let c = 0; c < C; c++) ll[c] /= n;
    return {
      ll,
      n,
      top(cls, k) {
        // features whose weight for `cls` most exceeds their mean weight over classes
        const scored: Array<{ f: string; g: number }> = [];
        for (let u = 0; u < m; u++) {
          const base = rowBase(rows[u]!);
          let mean = 0;
          for (let c = 0; c < C; c++) mean += weights[base + c]!;
          mean /= C;
          scored.push({ f: featureAt(rows[u]!), g: counts[u]! * (weights[base + cls]! - mean) });
        }
        return scored
          .filter((x) => x.g > 0)
          .sort((a, b) => b.g - a.g)
          .slice(0, k)
          .map((x) => x.f);
      },
    };
  }

  // scratch for scoreDraft: the count per feature row, and the rows in first-seen order
  const countOf = new Float64Array(V);
  const seen = new Int32Array(V);
  let m = 0;
  let weight = 1;
  let text = '';
  const { slots, bits, shift, mask } = table;
  const visitRun = (start: number, end: number) => {
    let a = text.charCodeAt(start);
    for (let k = start + 1; k < end; k++) {
      const b = text.charCodeAt(k);
      const key = bigramKey(a, b);
      a = b;
      // table.get(key), written out: V8 would not inline it here, and this runs for every bigram
      const h = hash(key);
      if ((bits[h >>> 20]! & (1 << ((h >>> 15) & 31))) === 0) continue;
      let row = -1;
      for (let s = h >>> shift; ; s = (s + 1) & mask) {
        const found = slots[2 * s]!;
        if (found === key) row = slots[2 * s + 1]!;
        if (found === key || found === 0) break;
      }
      if (row < 0) continue;
      if (countOf[row] === 0) seen[m++] = row;
      countOf[row] += weight;
    }
  };

  function takeCounts(rows: Int32Array, counts: Float64Array): void {
    for (let k = 0; k < rows.length; k++) {
      counts[k] = countOf[rows[k]!]!;
      countOf[rows[k]!] = 0;
    }
  }

  return {
    header: d.header,
    classes: d.classes,
    score(features) {
      const rows = new Int32Array(features.size);
      const counts = new Float64Array(features.size);
      let used = 0;
      for (const [f, cnt] of features) {
        const row = f.length === 2 ? table.get(bigramKey(f.charCodeAt(0), f.charCodeAt(1))) : -1;
        if (row < 0) continue;
        rows[used] = row;
        counts[used++] = cnt;
      }
      return scoreRows(rows, counts, used);
    },
    scoreDraft(title, body) {
      m = 0;
      weight = TITLE_WEIGHT;
      forEachHanRun((text = title), visitRun);
      weight = 1;
      forEachHanRun((text = body), visitRun);
      text = '';
      // keep this draft's rows and counts (top() may run later), and clear the scratch
      const rows = seen.slice(0, m);
      const counts = new Float64Array(m);
      takeCounts(rows, counts);
      return scoreRows(rows, counts, m);
    },
  };
}

const MODEL_MAGIC = 0x434d4431; // 'CMD1'
/** the compiled form's version (compileColumnModel); bump when it changes */
export const COLUMN_MODEL_FORMAT = 1;

/**
 * The model file (JSON bytes) in the compiled form: an Int32 header (magic, features, classes,
 * count pairs, bytes of the JSON part), then Float64 alpha, totals and count values, then Int32
 * count starts, count classes and feature keys, then the header, classes and feature strings as
 * JSON. Loading it is views and a small JSON.parse instead of parsing 310 KB of JSON (7–11 ms of
 * a cold run whose draft needs the model).
 */
export function compileColumnModel(json: Uint8Array): Buffer {
  const d = dataOf(JSON.parse(Buffer.from(json).toString('utf8')) as ColumnModelFile);
  const meta = Buffer.from(JSON.stringify({ header: d.header, classes: d.classes, features: d.features }), 'utf8');
  const head = Int32Array.of(MODEL_MAGIC, d.keys.length, d.classes.length, d.countClass.length, meta.length, 0, 0, 0);
  const floats = new Float64Array(1 + d.classes.length + d.countValue.length);
  floats[0] = d.alpha;
  floats.set(Array.from(d.totals), 1);
  floats.set(d.countValue, 1 + d.classes.length);
  const parts: ArrayBufferView[] = [head, floats, d.countStart, d.countClass, d.keys, meta];
  return Buffer.concat(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
}

/** `ModelData` over the bytes of `compileColumnModel` (8-byte aligned); throws on damaged bytes. */
function readModelData(raw: Uint8Array): ModelData {
  const { buffer, byteOffset } = raw;
  const head = new Int32Array(buffer, byteOffset, 8);
  const [magic, V, C, pairs, metaBytes] = head as unknown as number[];
  if (magic !== MODEL_MAGIC) throw new Error('not a compiled column model');
  let at = byteOffset + 32;
  const floats = new Float64Array(buffer, at, 1 + C! + pairs!);
  at += floats.byteLength;
  const int32 = (n: number) => {
    const v = new Int32Array(buffer, at, n);
    at += n * 4;
    return v;
  };
  const countStart = int32(V! + 1);
  const countClass = int32(pairs!);
  const keys = int32(V!);
  if (at - byteOffset + metaBytes! !== raw.byteLength) throw new Error('compiled column model of the wrong size');
  const meta = JSON.parse(Buffer.from(buffer, at, metaBytes).toString('utf8')) as Pick<ModelData, 'header' | 'classes' | 'features'>;
  return { ...meta, alpha: floats[0]!, totals: floats.subarray(1, 1 + C!), countValue: floats.subarray(1 + C!), keys, countStart, countClass };
}

/** The model over `compileColumnModel`'s bytes (8-byte aligned). */
export function modelFromCompiled(raw: Uint8Array): ColumnModel {
  return modelOf(readModelData(raw));
}

const cache = new Map<string, ColumnModel | null>();

/**
 * The shipped model, or null when the data file is missing or unreadable (the keyword scorer then
 * works alone). Read compiled from dist/.compiled (loadCompiled).
 */
export function loadColumnModel(packageRoot: string): ColumnModel | null {
  const file = join(packageRoot, 'dictionaries', 'columns-model.json');
  if (!cache.has(file)) {
    let m: ColumnModel | null = null;
    try {
      m = loadCompiled('column-model', COLUMN_MODEL_FORMAT, file, compileColumnModel, modelFromCompiled);
    } catch {
      m = null;
    }
    cache.set(file, m);
  }
  return cache.get(file)!;
}
