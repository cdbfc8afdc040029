/**
 * The statistical half of the column scorer: a multinomial naive Bayes model over character
 * bigrams, trained at build time by scripts/train-columns.mjs into dictionaries/columns-model.json
 * (see that file's `header` for provenance). Priors are uniform: the model only says which
 * column's vocabulary the text resembles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export interface ColumnModel {
  header: Record<string, string>;
  classes: string[];
  /**
   * Log-likelihood per class of a feature bag, averaged per feature occurrence, and the
   * features that favour each class most (for evidence).
   */
  score(features: Map<string, number>): { ll: Float64Array; n: number; top: (cls: number, k: number) => string[] };
}

export function buildModel(file: ColumnModelFile): ColumnModel {
  const C = file.classes.length;
  const feats = file.features.split('\t');
  const V = feats.length;
  const denom = file.totals.map((t) => Math.log(t + file.alpha * 10 * V));
  const unseen = denom.map((d) => Math.log(file.alpha * 10) - d);
  const table = new Map<string, Float64Array>();
  feats.forEach((f, i) => {
    const row = Float64Array.from(unseen);
    const cs = file.counts[i]!;
    for (let j = 0; j + 1 < cs.length; j += 2) row[cs[j]!] = Math.log(cs[j + 1]! + file.alpha * 10) - denom[cs[j]!]!;
    table.set(f, row);
  });
  return {
    header: file.header,
    classes: file.classes,
    score(features) {
      const ll = new Float64Array(C);
      let n = 0;
      const used: Array<[string, number, Float64Array]> = [];
      for (const [f, cnt] of features) {
        const row = table.get(f);
        if (!row) continue;
        n += cnt;
        used.push([f, cnt, row]);
        for (let c = 0; c < C; c++) ll[c] += cnt * row[c]!;
      }
      if (n > 0) for (let c = 0; c < C; c++) ll[c] /= n;
      return {
        ll,
        n,
        top(cls, k) {
          // features whose weight for `cls` most exceeds their mean weight over classes
          return used
            .map(([f, cnt, row]) => {
              let mean = 0;
              for (let c = 0; c < C; c++) mean += row[c]!;
              mean /= C;
              return { f, g: cnt * (row[cls]! - mean) };
            })
            .filter((x) => x.g > 0)
            .sort((a, b) => b.g - a.g)
            .slice(0, k)
            .map((x) => x.f);
        },
      };
    },
  };
}

const cache = new Map<string, ColumnModel | null>();

/** The shipped model, or null when the data file is missing (the keyword scorer then works alone). */
export function loadColumnModel(packageRoot: string): ColumnModel | null {
  const file = join(packageRoot, 'dictionaries', 'columns-model.json');
  if (!cache.has(file)) {
    let m: ColumnModel | null = null;
    try {
      m = buildModel(JSON.parse(readFileSync(file, 'utf8')) as ColumnModelFile);
    } catch {
      m = null;
    }
    cache.set(file, m);
  }
  return cache.get(file)!;
}
