#!/usr/bin/env node
/**
 * Precision of the language and content rules on real published text (findings there are
 * almost always false alarms). Each law of /work/shared/data/corpus/laws is given the same
 * front matter the before-stop hook writes (title = the file name, which often ends in a date
 * such as `(2017-10-09)`) and linted with the built engine (`npm run build` first), with the
 * default configuration (no config file is looked up).
 *
 * Usage: node scripts/measure-precision.mjs [--hook | --all | --every N] [--regulation]
 *          [--rules typo/,punctuation/] [--show N] [--json]
 *   --hook        the hook's sample: 40 files, every 80th from the 7th of the sorted list (default)
 *   --all         every file of the corpus
 *   --every N     every Nth file
 *   --regulation  also lint /work/shared/regulation/*.txt (body only, same front matter)
 *   --rules       rule-id prefixes to count (default: typo/ phrasing/ expression/ prohibited/
 *                 punctuation/ spelling/, the families the hook counts)
 *   --show N      print up to N example findings per rule (file, line, the line's text)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { lint } from '../dist/engine/index.js';

const shared = new URL('../../shared/', import.meta.url).pathname;
const lawsDir = join(shared, 'data/corpus/laws');
const args = process.argv.slice(2);
const arg = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const prefixes = arg('--rules', 'typo/,phrasing/,expression/,prohibited/,punctuation/,spelling/').split(',');
const show = Number(arg('--show', '0'));
const every = Number(arg('--every', '0'));

function walk(d, out = []) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.md')) out.push(p);
  }
  return out;
}
// `sort` in the hook runs in the C/UTF-8 locale order of the byte strings
const all = walk(lawsDir).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
let files;
if (args.includes('--all')) files = all;
else if (every > 0) files = all.filter((_, i) => i % every === 0);
else files = all.filter((_, i) => (i + 1) % 80 === 7).slice(0, 40);
if (args.includes('--regulation')) {
  const regDir = join(shared, 'regulation');
  files = [...files, ...readdirSync(regDir).filter((n) => n.endsWith('.txt')).map((n) => join(regDir, n))];
}

const frontMatter = (name) =>
  `---\ntitle: "${name.replaceAll('"', '')}"\ncolumn: 政策文件\nunit: 测试单位\nauthor: 测试\ndate: 2021-01-01\n---\n\n`;

const counts = new Map();
const examples = new Map();
let chars = 0;
const t0 = performance.now();
for (const f of files) {
  const name = basename(f).replace(/\.(md|txt)$/, '');
  const text = frontMatter(name) + readFileSync(f, 'utf8');
  chars += text.length;
  const r = await lint(text, { filename: f.endsWith('.txt') ? f.replace(/\.txt$/, '.md') : f, config: {} });
  const lines = text.split('\n');
  for (const m of r.messages) {
    const id = m.ruleId ?? 'fatal';
    if (!prefixes.some((p) => id.startsWith(p))) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    const ex = examples.get(id) ?? [];
    if (ex.length < show) {
      const line = lines[m.line - 1] ?? '';
      const at = m.column - 1;
      ex.push(`  ${f.replace(shared, '')}:${m.line - 8} ${JSON.stringify(m.data)}\n      ${line.slice(Math.max(0, at - 30), at + 40)}`);
      examples.set(id, ex);
    }
  }
}
const total = [...counts.values()].reduce((a, b) => a + b, 0);
const perRule = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
if (args.includes('--json')) {
  console.log(JSON.stringify({ files: files.length, chars, findings: total, perRule }, null, 1));
} else {
  console.log(`${files.length} files, ${chars} characters, ${((performance.now() - t0) / 1000).toFixed(1)} s: ${total} findings`);
  for (const [id, n] of Object.entries(perRule)) {
    console.log(`${String(n).padStart(7)}  ${id}`);
    for (const e of examples.get(id) ?? []) console.log(e);
  }
}
