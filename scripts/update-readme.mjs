#!/usr/bin/env node
// Regenerates the rule table in README.md (between the rules:start/end markers) from rules/*.yml.
// `node scripts/update-readme.mjs --check` exits 1 when the README is out of date (used by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDefinitions } from '../dist/engine/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const rules = [...ruleDefinitions().values()].sort((a, b) => a.id.localeCompare(b.id));
const sev = { error: '错误 error', warning: '警告 warning', off: '关闭 off' };
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const rows = rules.map(
  (r) => `| \`${r.id}\` | ${sev[r.severity]} | ${r.fixable ? '✓' : ''} | ${esc(r.description.zh)} | ${esc(r.basis)} | ${esc(r.indicator)} |`,
);
const table = [
  `${rules.length} rules. \`draftlint rules ID\` prints one rule's documentation and examples.`,
  '',
  '| rule | default | fix | what it checks | notice item | inspection indicator |',
  '|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) {
  console.error('README.md lacks the rules:start/rules:end markers');
  process.exit(1);
}
let next = readme.slice(0, i + start.length) + '\n' + table + '\n' + readme.slice(j);

// Measured figures: copied from the files the evaluation scripts generate (never typed by hand).
const tables = (md, n) => {
  const out = [];
  let cur = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) cur.push(line);
    else if (cur.length) {
      out.push(cur.join('\n'));
      cur = [];
      if (out.length === n) break;
    }
  }
  if (cur.length && out.length < n) out.push(cur.join('\n'));
  return out;
};
const read = (f) => {
  try {
    return readFileSync(join(root, f), 'utf8');
  } catch {
    return '';
  }
};
const figures = [
  '`column/mismatch` (from [docs/columns-eval.md](docs/columns-eval.md), written by `npm run eval:columns`):',
  '',
  ...tables(read('docs/columns-eval.md'), 1),
  '',
  '`typo/*` on the held-out ECSpell dev split and on published text (from [docs/typos-eval.md](docs/typos-eval.md), written by `npm run eval:typos`):',
  '',
  ...tables(read('docs/typos-eval.md'), 3).flatMap((t) => [t, '']),
  'Speed (from [docs/bench.md](docs/bench.md), written by `npm run bench`):',
  '',
  ...tables(read('docs/bench.md'), 1),
].join('\n');
const fs = '<!-- figures:start -->';
const fe = '<!-- figures:end -->';
const a = next.indexOf(fs);
const b = next.indexOf(fe);
if (a >= 0 && b >= 0) next = next.slice(0, a + fs.length) + '\n' + figures + '\n' + next.slice(b);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md rule table is out of date: run `npm run docs:rules`');
    process.exit(1);
  }
} else {
  writeFileSync(readmePath, next);
  console.log(`README.md: ${rules.length} rules`);
}
