// Compare multi-pattern matchers on the law-title list over a slice of the laws corpus.
// Measured 2026-11-25 on 2 cores: a hand-written typed-array automaton scanned ~5-8x faster than
// @monyone/aho-corasick, but issue 5 asks for a maintained package; kept here so the trade-off can be re-measured.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AhoCorasick as Std } from '@monyone/aho-corasick';
import { AhoCorasick as Fast } from '@monyone/aho-corasick/fast';
import { buildMatcher } from '../dist/checks/util/matcher.js';
const words = readFileSync('dictionaries/law-titles.txt', 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[0]);
const root = process.argv[2] ?? '../shared/data/corpus/laws/宪法相关法';
const files = [];
const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); statSync(p).isDirectory() ? walk(p) : files.push(p); } };
walk(root);
const paras = files.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
const mb = paras.reduce((n, p) => n + p.length * 3, 0) / 1e6;
for (const [name, make, scan] of [
  ['monyone std', () => new Std(words), (m, t) => m.matchInText(t).length],
  ['monyone fast', () => new Fast(words), (m, t) => m.matchInText(t).length],
  ['draftlint buildMatcher (library wrapper)', () => buildMatcher(words), (m, t) => m.all(t).length],
]) {
  let t0 = performance.now();
  const m = make();
  const build = performance.now() - t0;
  t0 = performance.now();
  let n = 0;
  for (const p of paras) n += scan(m, p);
  const ms = performance.now() - t0;
  console.log(`${name}: build ${build.toFixed(0)} ms, scan ${(mb / (ms / 1000)).toFixed(1)} MB/s, ${n} matches (${words.length} words, ${mb.toFixed(1)} MB)`);
}
