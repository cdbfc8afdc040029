#!/usr/bin/env node
// Measures column/mismatch (issue 4, 文不对题) and writes docs/columns-eval.md.
// Run by `npm run eval:columns` (builds first). Sets (scripts/columns-common.mjs):
//   correct/  — correctly filed drafts, never trained on: any finding is a false positive
//   misfiled/ — misfiled drafts, never trained on: a finding is a true positive when one of the
//               columns in misfiled/labels.yml is among its 1–3 suggestions
//   labelled/ — the training drafts: top-1 classification (in-sample)
//   weak held-out — 1 in 5 weakly labelled laws/titles, never trained on: top-1/top-3 classification
// Usage: node scripts/eval-columns.mjs [--no-write] [--verbose] [--opt key=value ...]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, correctDrafts, labelledDrafts, misfiledDrafts, weakData } from './columns-common.mjs';

const dist = (p) => import(path.join(ROOT, 'dist', ...p.split('/')));
const { loadColumnCatalog } = await dist('checks/column/catalog.js');
const { loadColumnModel } = await dist('checks/column/model.js');
const { ColumnScorer } = await dist('checks/column/scorer.js');

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const opts = {};
args.forEach((a, i) => {
  if (a === '--opt') {
    const [k, v] = args[i + 1].split('=');
    opts[k] = Number(v);
  }
});

const catalog = loadColumnCatalog({}, ROOT);
const scorer = new ColumnScorer(catalog, loadColumnModel(ROOT), opts);
const judge = (d) => {
  const declared = catalog.get(d.column);
  if (!declared) throw new Error(`${d.file}: column "${d.column}" is not in the catalog`);
  return scorer.judge(declared, scorer.classify(d.title, d.body));
};
const rel = (f) => path.relative(ROOT, f);
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

// column/mismatch on the held-out sets
const correct = correctDrafts();
const misfiled = misfiledDrafts();
let fp = 0;
const fpList = [];
for (const d of correct) {
  const v = judge(d);
  if (v.mismatch) {
    fp++;
    fpList.push(`${rel(d.file)} (${d.column} → ${v.suggestions.map((s) => s.column.name).join('、')})`);
  }
}
let tp = 0;
let flaggedWrong = 0;
const fnList = [];
for (const d of misfiled) {
  const v = judge(d);
  const names = v.suggestions.map((s) => s.column.name);
  if (v.mismatch && names.some((n) => d.expected.includes(n))) tp++;
  else {
    if (v.mismatch) flaggedWrong++;
    fnList.push(`${rel(d.file)} (${d.column}, expected ${d.expected.join('/')}: ${v.mismatch ? `suggested ${names.join('、')}` : v.reason})`);
  }
}
const flagged = tp + flaggedWrong + fp;
const precision = flagged ? (tp / flagged) : 1;
const recall = tp / misfiled.length;

// classification
const labelled = labelledDrafts();
let lab1 = 0;
const labMiss = [];
for (const d of labelled) {
  const top = scorer.classify(d.title, d.body)[0].column.name;
  if (top === d.label) lab1++;
  else labMiss.push(`${rel(d.file)} → ${top}`);
}
const { heldout } = weakData();
let w1 = 0;
let w3 = 0;
let wFlag = 0;
const wList = [];
for (const x of heldout) {
  const ranked = scorer.classify(x.title, x.body);
  const r = ranked.map((s) => s.column.name);
  if (r[0] === x.label) w1++;
  if (r.slice(0, 3).includes(x.label)) w3++;
  const v = scorer.judge(catalog.get(x.label), ranked);
  if (v.mismatch) {
    wFlag++;
    wList.push(`${x.title}（${x.label} → ${v.suggestions.map((s) => s.column.name).join('、')}；${v.evidence.map((w) => `“${w}”`).join('')}）`);
  }
}

const lines = [
  '<!-- produced by `npm run eval:columns` (scripts/eval-columns.mjs); do not edit by hand -->',
  '',
  '| measure | set | result |',
  '|---|---|---|',
  `| column/mismatch precision | ${correct.length} correctly filed + ${misfiled.length} misfiled drafts (never trained on) | **${pct(tp, flagged)}** (${tp} of ${flagged} findings right; ${fp} on correctly filed drafts, ${flaggedWrong} with no right column in the top 3) |`,
  `| column/mismatch recall | ${misfiled.length} misfiled drafts | **${pct(tp, misfiled.length)}** (${tp} flagged with a right column in the top 3) |`,
  `| false-positive rate | ${correct.length} correctly filed drafts | ${pct(fp, correct.length)} (${fp}) |`,
  `| classification top-1 | ${labelled.length} labelled drafts (training set, in-sample) | ${pct(lab1, labelled.length)} |`,
  `| classification top-1 / top-3 | ${heldout.length} held-out weakly labelled laws and policy titles | ${pct(w1, heldout.length)} / ${pct(w3, heldout.length)} |`,
  `| column/mismatch on real text | the same ${heldout.length} held-out laws and titles, each filed under the column its title maps to | ${pct(wFlag, heldout.length)} flagged (${wFlag}; an upper bound of false positives, since weak labels are sometimes wrong) |`,
  '',
  'The thresholds of column/mismatch (rules/column.mismatch.yml, src/checks/column/scorer.ts) were set while looking at the correct and misfiled sets, so those two figures are optimistic; the weakly labelled held-out set was not used for tuning.',
  '',
];
if (fpList.length) lines.push('False positives:', '', ...fpList.map((s) => `- ${s}`), '');
if (fnList.length) lines.push('Misfiled drafts not flagged (or flagged without a right suggestion):', '', ...fnList.map((s) => `- ${s}`), '');
if (wList.length) lines.push('Held-out laws and titles flagged (judge for yourself whether the weak label or the finding is wrong):', '', ...wList.map((s) => `- ${s}`), '');
const md = lines.join('\n');
if (!args.includes('--no-write')) writeFileSync(path.join(ROOT, 'docs', 'columns-eval.md'), md);
console.log(md);
if (verbose) console.log('labelled misses:\n' + labMiss.join('\n'));
console.log(JSON.stringify({ precision, recall, fp, tp, flaggedWrong }));
