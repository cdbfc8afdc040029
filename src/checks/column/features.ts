/**
 * Features of the column model: character bigrams inside runs of Han characters (no segmenter
 * needed, robust to new words). The title counts TITLE_WEIGHT times. The training script
 * (scripts/train-columns.mjs) imports this module from dist/, so training and scoring agree.
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
