// Shared helpers for the typo data scripts (build-typo-*.mjs, eval-typos.mjs).
// Deterministic splits so that nothing we evaluate on is ever used to build data.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = process.env.DRAFTLINT_SHARED || path.resolve(ROOT, '..', 'shared');
export const DATA = path.join(SHARED, 'data');

export function hash32(s) {
  return createHash('sha1').update(s).digest().readUInt32BE(0);
}

/** ECSpell pairs of one domain, split by a hash of the sentence: 1 in 5 is dev (never built from). */
export function loadEcspell(domain) {
  const file = path.join(DATA, 'ecspell', `${domain}.train.tsv`);
  const train = [];
  const dev = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [n, src, tgt] = line.split('\t');
    if (src === undefined || tgt === undefined || src.length !== tgt.length) continue;
    const item = { n: Number(n), src, tgt, domain };
    (hash32(`${domain}\t${tgt}`) % 5 === 0 ? dev : train).push(item);
  }
  return { train, dev };
}

/** Laws corpus files, split by a hash of the relative path: 1 in 10 is held out for measurement. */
export function lawsFiles() {
  const base = path.join(DATA, 'corpus', 'laws');
  const out = { train: [], heldout: [] };
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) {
        const rel = path.relative(base, p);
        (hash32(rel) % 10 === 0 ? out.heldout : out.train).push(p);
      }
    }
  };
  if (existsSync(base)) walk(base);
  return out;
}

/** Body paragraphs of a law file (title, dates and markup dropped). */
export function lawParagraphs(file) {
  const text = readFileSync(file, 'utf8');
  const i = text.indexOf('<!-- INFO END -->');
  const body = i >= 0 ? text.slice(i + 17) : text;
  return body
    .split(/\r?\n/)
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .filter((l) => l && !l.startsWith('<!--'));
}

/** The regulation, converted to simplified characters with its ruby pinyin removed (needs opencc-js, a dev dependency). */
export async function regulationSimplified() {
  const dir = path.join(SHARED, 'regulation');
  const file = readdirSync(dir).find((f) => f.endsWith('.txt'));
  const raw = readFileSync(path.join(dir, file), 'utf8');
  const OpenCC = (await import('opencc-js')).default;
  const conv = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const simp = conv(raw).replace(/\([a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü]+\)/g, '');
  return { file: path.join(dir, file), raw, simplified: simp };
}

/** jieba's bundled dictionary: word → frequency. */
export function jiebaDict() {
  const p = path.join(ROOT, 'node_modules', '@node-rs', 'jieba', 'dict.txt');
  const m = new Map();
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    const [w, f] = line.split(' ');
    if (w) m.set(w, Number(f) || 0);
  }
  return m;
}

export function isHan(ch) {
  return /\p{Script=Han}/u.test(ch);
}
