#!/usr/bin/env node
// Trains the character n-gram language model of typo/suspect and writes dictionaries/lm-char.bin.
// Training text: the laws corpus (../shared/data/corpus/laws, LawRefBook/Laws @2f4c5c23; official
// texts, not copyrighted) minus the 1-in-10 files held out for measurement, plus the correct side of
// the ECSpell *train* pairs (MIT; the dev split is never read).
// Format: text header lines (`# key: value`), a line `#---`, then one stream of unsigned LEB128
// varints: total, nUni, (delta code, count)×nUni, nBi, (delta key, count)×nBi, nTri, (delta key, count)×nTri.
// Bigram key = c1·65536 + c2 (UTF-16 units); trigram key = tri32(c1, c2, c3) (see src/checks/typo/lm.ts).
// Usage (after `npm run build`): node scripts/build-typo-lm.mjs [--min-bi 2] [--min-tri 3]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, loadEcspell, lawsFiles, lawParagraphs } from './build-typo-common.mjs';
// the one trigram hash, shared with the runtime model reader (run `npm run build` first)
import { tri32 } from '../dist/checks/typo/lm.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const MIN_BI = arg('--min-bi', 2);
const MIN_TRI = arg('--min-tri', 3);


const uni = new Map();
const bi = new Map();
const tri = new Map();
let total = 0;
const isSur = (c) => c >= 0xd800 && c <= 0xdfff;
function feed(p) {
  // paragraph boundaries are marked with U+0002 (start) so the model knows what opens a sentence
  const s = '\u0002' + p;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSur(c)) continue;
    if (i > 0) {
      total++;
      uni.set(c, (uni.get(c) || 0) + 1);
    }
    const b = s.charCodeAt(i - 1);
    if (i >= 1 && !isSur(b)) {
      const k = b * 65536 + c;
      bi.set(k, (bi.get(k) || 0) + 1);
      const a = s.charCodeAt(i - 2);
      if (i >= 2 && !isSur(a)) {
        const t = tri32(a, b, c);
        tri.set(t, (tri.get(t) || 0) + 1);
      }
    }
  }
}
const laws = lawsFiles();
let paras = 0;
for (const f of laws.train)
  for (const p of lawParagraphs(f)) {
    feed(p);
    paras++;
  }
let ec = 0;
for (const d of ['odw', 'law', 'med'])
  for (const { tgt } of loadEcspell(d).train) {
    feed(tgt);
    ec++;
  }
uni.set(2, paras + ec);

const bytes = [];
const varint = (n) => {
  while (n >= 0x80) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
};
function section(map, min) {
  const keys = [...map.entries()].filter(([, v]) => v >= min).map(([k]) => k).sort((x, y) => x - y);
  varint(keys.length);
  let prev = 0;
  for (const k of keys) {
    varint(k - prev);
    prev = k;
    varint(map.get(k));
  }
  return keys.length;
}
varint(total);
const nUni = section(uni, 1);
const nBi = section(bi, MIN_BI);
const nTri = section(tri, MIN_TRI);
const header = [
  `# source: character n-gram counts built by scripts/build-typo-lm.mjs on ${new Date().toISOString().slice(0, 10)} from ${laws.train.length} files of the laws corpus (github.com/LawRefBook/Laws @2f4c5c23; ${laws.heldout.length} files held out for measurement) and ${ec} correct sentences of the ECSpell train split (github.com/aopolin-lv/ECSpell @025bf43f, MIT)`,
  '# license: laws: official texts excluded from copyright (PRC Copyright Law art. 5); ECSpell-derived counts: MIT (see dictionaries/typo-LICENSE.ECSpell)',
  `# format: binary after the line "#---": LEB128 varints total, unigrams (delta UTF-16 code, count), bigrams (delta c1*65536+c2, count >= ${MIN_BI}), trigrams (delta tri32 hash, count >= ${MIN_TRI}); U+0002 marks a paragraph start`,
  `# counts: ${total} characters, ${nUni} unigrams, ${nBi} bigrams, ${nTri} trigrams`,
  '#---',
  '',
].join('\n');
const out = Buffer.concat([Buffer.from(header, 'utf8'), Buffer.from(bytes)]);
writeFileSync(path.join(ROOT, 'dictionaries', 'lm-char.bin'), out);
console.error(`wrote dictionaries/lm-char.bin: ${(out.length / 1e6).toFixed(2)} MB; ${total} chars, ${nUni} uni, ${nBi} bi, ${nTri} tri`);
