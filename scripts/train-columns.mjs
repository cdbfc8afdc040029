#!/usr/bin/env node
// Trains the naive Bayes bigram model of column/mismatch and writes dictionaries/columns-model.json.
// Needs `npm run build` first (features come from dist/checks/column/features.js, the same code
// that scores drafts). Training data (see scripts/columns-common.mjs):
//   fixtures/columns/labelled/**  (weight FIXTURE_WEIGHT per draft)
//   weak labels from 政策法规标题.txt titles and laws-corpus files, minus the 1-in-5 held out
//   (the weak mass of a column is capped at WEAK_CAP × its fixture mass).
// Usage: node scripts/train-columns.mjs [--out file]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { ROOT, labelledDrafts, weakData } from './columns-common.mjs';

const { draftFeatures } = await import(path.join(ROOT, 'dist', 'checks', 'column', 'features.js'));

const FIXTURE_WEIGHT = 4;
const WEAK_CAP = 3;
const MAX_FEATURES = 8000;
const ALPHA = 0.5;

export function train({ drafts, weak }) {
  const catalog = parse(readFileSync(path.join(ROOT, 'dictionaries', 'columns.yml'), 'utf8'));
  const classes = catalog.map((c) => c.name);
  const ci = new Map(classes.map((c, i) => [c, i]));
  const counts = new Map(); // feature -> Float64Array(classes)
  const totals = new Float64Array(classes.length);
  const add = (feats, cls, w) => {
    for (const [f, n] of feats) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Float64Array(classes.length)));
      row[cls] += n * w;
      totals[cls] += n * w;
    }
  };
  const fixMass = new Float64Array(classes.length);
  for (const d of drafts) {
    const c = ci.get(d.label);
    if (c === undefined) throw new Error(`labelled draft ${d.file}: column "${d.label}" is not in the catalog`);
    const f = draftFeatures(d.title, d.body);
    add(f, c, FIXTURE_WEIGHT);
    for (const n of f.values()) fixMass[c] += n * FIXTURE_WEIGHT;
  }
  const weakFeats = weak.map((x) => ({ c: ci.get(x.label), f: draftFeatures(x.title, x.body) }));
  const weakMass = new Float64Array(classes.length);
  for (const { c, f } of weakFeats) for (const n of f.values()) weakMass[c] += n;
  for (const { c, f } of weakFeats) add(f, c, weakMass[c] > 0 ? Math.min(1, (WEAK_CAP * fixMass[c]) / weakMass[c]) : 0);
  // keep the most informative features: total count × spread over classes
  const scored = [];
  for (const [f, row] of counts) {
    let tot = 0;
    let max = 0;
    for (let c = 0; c < row.length; c++) {
      const p = row[c] / (totals[c] || 1);
      tot += p;
      max = Math.max(max, p);
    }
    const sum = row.reduce((a, b) => a + b, 0);
    if (sum < 2) continue;
    scored.push({ f, row, info: Math.log1p(sum) * (max / (tot / row.length)) });
  }
  scored.sort((a, b) => b.info - a.info || (a.f < b.f ? -1 : 1));
  const kept = scored.slice(0, MAX_FEATURES);
  return {
    classes,
    alpha: ALPHA,
    features: kept.map((x) => x.f).join('\t'),
    counts: kept.map((x) => {
      const out = [];
      x.row.forEach((v, c) => {
        const q = Math.round(v * 10);
        if (q > 0) out.push(c, q);
      });
      return out;
    }),
    totals: Array.from(totals, (t) => Math.round(t * 10)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outArg = process.argv.indexOf('--out');
  const out = outArg > 0 ? process.argv[outArg + 1] : path.join(ROOT, 'dictionaries', 'columns-model.json');
  const drafts = labelledDrafts();
  const { train: weak, heldout } = weakData();
  const model = train({ drafts, weak });
  const header = {
    source:
      'trained by scripts/train-columns.mjs from fixtures/columns/labelled (draftlint, MIT) and weakly labelled titles/text of ' +
      '../shared/data/wordlists/政策法规标题.txt (ECSpell @025bf43f, MIT) and ../shared/data/corpus/laws (LawRefBook/Laws @2f4c5c23, official texts)',
    license: 'MIT',
    format: 'multinomial naive Bayes over Han character bigrams; counts ×10 per class (see src/checks/column/model.ts)',
    data: `${drafts.length} labelled drafts, ${weak.length} weakly labelled items (${heldout.length} held out)`,
  };
  writeFileSync(out, JSON.stringify({ header, ...model }) + '\n');
  console.log(`wrote ${path.relative(ROOT, out)}: ${model.classes.length} classes, ${model.counts.length} features; ${header.data}`);
}
