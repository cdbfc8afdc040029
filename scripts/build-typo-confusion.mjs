#!/usr/bin/env node
// Builds dictionaries/typo-confusion.tsv (wrong → right) for the typo/confusion rule from:
//   - dictionaries/typo-manual.tsv (hand-curated, with context columns)
//   - ../shared/data/confusion/pycorrector_custom_confusion.txt (Apache-2.0)
//   - ../shared/data/wordlists/常见错字错词.txt (ECSpell, MIT; "standard-variant" pairs)
//   - the ECSpell *train* split (MIT; 1 in 5 sentences held out as dev, never read here)
// and drops every entry that would fire on correct published text: the training part of the laws
// corpus, the regulation, the correct side of the ECSpell train pairs and the ECSpell word lists.
// Usage: node scripts/build-typo-confusion.mjs [--verbose]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jiebaPkg from '@node-rs/jieba';
import dictPkg from '@node-rs/jieba/dict.js';
import { AhoCorasick } from '@monyone/aho-corasick';
import { ROOT, DATA, loadEcspell, lawsFiles, lawParagraphs, regulationSimplified, isHan } from './build-typo-common.mjs';

const verbose = process.argv.includes('--verbose');
const jieba = jiebaPkg.Jieba.withDict(dictPkg.dict);
const log = (...a) => console.error(...a);

/** @type {Map<string, {rights:Set<string>, origin:string, after:string, before:string}>} */
const entries = new Map();
const dropped = [];
function add(wrong, right, origin, after = '', before = '') {
  wrong = wrong.trim();
  right = right.trim();
  if (!wrong || !right || wrong === right) return;
  if (![...wrong].some(isHan)) return;
  if (/[\s\u3000]/.test(wrong)) return;
  const key = after || before ? `${wrong}\u0000${after}\u0000${before}` : wrong;
  const e = entries.get(key);
  if (e) {
    e.rights.add(right);
    if (!e.origin.split('+').includes(origin)) e.origin += `+${origin}`;
  } else entries.set(key, { wrong, rights: new Set([right]), origin, after, before });
}

// ---------- correct-word knowledge (to reject upstream lines that list a correct form as the error)
const idioms = new Set();
for (const l of readFileSync(path.join(DATA, 'wordlists', '成语.txt'), 'utf8').split('\n')) {
  const w = l.split(/\s+/)[0];
  if (w) idioms.add(w);
}
const officialWords = new Set();
for (const f of ['公文写作.txt', '法律.txt']) {
  for (const l of readFileSync(path.join(DATA, 'wordlists', f), 'utf8').split('\n')) {
    const w = l.split(/\s+/)[0];
    if (w) officialWords.add(w);
  }
}

// ---------- 1. manual list
for (const l of readFileSync(path.join(ROOT, 'dictionaries', 'typo-manual.tsv'), 'utf8').split('\n')) {
  if (!l.trim() || l.startsWith('#')) continue;
  const [w, r, after = '', before = ''] = l.split('\t');
  add(w, r, 'manual', after, before);
}

// ---------- 1b. variant forms (异形词): reported as warnings, kept even where older laws use them
for (const l of readFileSync(path.join(ROOT, 'dictionaries', 'typo-variants.tsv'), 'utf8').split('\n')) {
  if (!l.trim() || l.startsWith('#')) continue;
  const [w, r] = l.split('\t');
  add(w, r, 'variant');
}

// ---------- 2. pycorrector custom confusion (tabs or spaces; some lines invert the pair)
let pyLines = 0;
for (const l of readFileSync(path.join(DATA, 'confusion', 'pycorrector_custom_confusion.txt'), 'utf8').split('\n')) {
  if (!l.trim() || l.startsWith('#')) continue;
  pyLines++;
  const [w, r] = l.trim().split(/[\t ]+/);
  if (!w || !r) continue;
  if (idioms.has(w) || officialWords.has(w)) {
    dropped.push([w, r, 'pycorrector', 'wrong side is a known correct idiom/official word']);
    continue;
  }
  if (w.length !== r.length) {
    dropped.push([w, r, 'pycorrector', 'not a same-length character substitution']);
    continue;
  }
  add(w, r, 'pycorrector');
}

// ---------- 3. ECSpell 常见错字错词 (standard-variant)
for (const l of readFileSync(path.join(DATA, 'wordlists', '常见错字错词.txt'), 'utf8').split('\n')) {
  const m = l.trim().split('-');
  if (m.length === 2) add(m[1], m[0], 'ecspell-variant');
}

// ---------- 4. ECSpell train pairs → word-level pairs
const ecTrainTargets = [];
let ecPairs = 0;
for (const domain of ['odw', 'law', 'med']) {
  const { train } = loadEcspell(domain);
  for (const { src, tgt } of train) {
    ecTrainTargets.push(tgt);
    if (src === tgt) continue;
    const toks = jieba.cut(tgt, false);
    let pos = 0;
    const spans = toks.map((t) => {
      const s = [pos, pos + t.length];
      pos += t.length;
      return s;
    });
    const seen = new Set();
    for (let k = 0; k < src.length; k++) {
      if (src[k] === tgt[k]) continue;
      if (!isHan(src[k]) || !isHan(tgt[k])) continue;
      const ti = spans.findIndex(([a, b]) => a <= k && k < b);
      let [a, b] = spans[ti];
      if (b - a < 2) continue; // single-character words need context a list cannot carry
      if (seen.has(a)) continue;
      seen.add(a);
      const w = src.slice(a, b);
      const r = tgt.slice(a, b);
      if (![...r].every(isHan)) continue;
      ecPairs++;
      add(w, r, `ecspell-${domain}`);
    }
  }
}
log(`candidates: ${entries.size} (pycorrector lines ${pyLines}, ecspell word pairs ${ecPairs})`);

// ---------- filter against correct text
const correctTexts = [];
const laws = lawsFiles();
for (const f of laws.train) correctTexts.push(...lawParagraphs(f));
const reg = await regulationSimplified();
correctTexts.push(...reg.simplified.split('\n'));
correctTexts.push(...ecTrainTargets);
for (const f of ['政策法规标题.txt']) {
  correctTexts.push(...readFileSync(path.join(DATA, 'wordlists', f), 'utf8').split('\n'));
}
log(`correct text: ${correctTexts.length} paragraphs`);

const list = [...entries.values()];
const byWrong = new Map();
for (const e of list) {
  if (!byWrong.has(e.wrong)) byWrong.set(e.wrong, []);
  byWrong.get(e.wrong).push(e);
}
const ac = new AhoCorasick([...byWrong.keys()]);
const rawCount = new Map();
const firing = new Map();

/** Would a hit [s,e) in text survive the runtime word-boundary test? (mirror of src/checks/typo/boundary.ts) */
function aligned(text, s, e, right) {
  const a0 = Math.max(0, s - 8);
  const b0 = Math.min(text.length, e + 8);
  const win = text.slice(a0, b0);
  const check = (w, hs, he) => {
    let p = 0;
    for (const t of jieba.cut(w, false)) {
      const ts = p;
      const te = p + t.length;
      p = te;
      if (ts < hs && te > hs && te < he) return false;
      if (ts > hs && ts < he && te > he) return false;
    }
    return true;
  };
  if (!check(win, s - a0, e - a0)) return false;
  const fixed = win.slice(0, s - a0) + right + win.slice(e - a0);
  return check(fixed, s - a0, s - a0 + right.length);
}

for (const text of correctTexts) {
  if (!text) continue;
  for (const m of ac.matchInText(text)) {
    const w = m.keyword;
    rawCount.set(w, (rawCount.get(w) || 0) + 1);
    for (const e of byWrong.get(w)) {
      if (e.after && !new RegExp(e.after, 'u').test(text.slice(m.end))) continue;
      if (e.before && !new RegExp(`(?:${e.before})$`, 'u').test(text.slice(0, m.begin))) continue;
      const right = [...e.rights][0];
      if (aligned(text, m.begin, m.end, right)) {
        firing.set(e, (firing.get(e) || 0) + 1);
        if (!e.example) e.example = text.slice(Math.max(0, m.begin - 10), m.end + 10);
      }
    }
  }
}

// A list cannot know context: a "wrong" form that is itself a dictionary word (心里, 活着, 波澜)
// is dropped unless a person put it on the list (manual/variant).
const jdict = new Map();
for (const l of readFileSync(path.join(ROOT, 'node_modules', '@node-rs', 'jieba', 'dict.txt'), 'utf8').split('\n')) {
  const [w, fr] = l.split(' ');
  if (w) jdict.set(w, Number(fr) || 0);
}
function realWord(e) {
  const origins = e.origin.split('+');
  if (origins.includes('manual') || origins.includes('variant')) return null;
  const f = jdict.get(e.wrong);
  if (idioms.has(e.wrong) || officialWords.has(e.wrong)) return 'wrong side is a known word of the ECSpell word lists';
  if (f === undefined) return null;
  const upstream = origins.includes('pycorrector') || origins.includes('ecspell-variant');
  if (!upstream || e.wrong.length === 2) return `wrong side is a jieba dictionary word (freq ${f})`;
  if (f >= 100) return `wrong side is a frequent jieba dictionary word (freq ${f})`;
  return null;
}
// Jieba's frequent words are correct text too: an uncurated entry whose wrong form sits inside one
// (一前 in 一前一后) would cut a real word.
const insideWord = new Map();
for (const [w, fr] of jdict) {
  if (fr < 20 || w.length < 3) continue;
  for (const m of ac.matchInText(w)) {
    if (m.keyword === w) continue;
    if (!insideWord.has(m.keyword)) insideWord.set(m.keyword, w);
  }
}
// Traditional characters are not typos (情況 is 情况 in traditional script).
const OpenCC = (await import('opencc-js')).default;
const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const traditional = (w) => t2s(w) !== w;
const ecspellOnly = (e) => e.origin.split('+').every((o) => o.startsWith('ecspell-') && o !== 'ecspell-variant');
const kept = [];
for (const e of list) {
  const f = firing.get(e) || 0;
  const raw = rawCount.get(e.wrong) || 0;
  const ctx = e.after || e.before;
  const origins = e.origin.split('+');
  const curated = origins.includes('manual') || origins.includes('variant');
  if (origins.includes('variant')) {
    if (f > 0) log(`variant kept (warning) although it occurs ${f}× in published text: ${e.wrong}→${[...e.rights][0]}`);
    kept.push(e);
  } else if (f > 0) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, `fires ${f}× on correct text: …${e.example}…`]);
  else if (!curated && traditional(e.wrong)) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, 'traditional-script form, not a typo']);
  else if (ecspellOnly(e) && e.wrong.length === 2 && raw >= 1) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, `two-character ECSpell pair whose wrong side occurs ${raw}× in correct text`]);
  else if (!curated && insideWord.has(e.wrong)) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, `inside the dictionary word ${insideWord.get(e.wrong)}`]);
  else if (realWord(e)) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, realWord(e)]);
  else if (!ctx && !curated && raw >= 3) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, `occurs ${raw}× in correct text`]);
  else if (e.wrong.length < 2) dropped.push([e.wrong, [...e.rights].join('|'), e.origin, 'single character']);
  else kept.push(e);
}
kept.sort((a, b) => (a.wrong < b.wrong ? -1 : a.wrong > b.wrong ? 1 : 0));

const header = [
  '# source: built by scripts/build-typo-confusion.mjs on ' + new Date().toISOString().slice(0, 10) + ' from dictionaries/typo-manual.tsv and dictionaries/typo-variants.tsv (draftlint, MIT); pycorrector data/custom_confusion.txt, github.com/shibing624/pycorrector @fc8aa56c (Apache-2.0, see dictionaries/typo-LICENSE.pycorrector); ECSpell Data/domains_data/{odw,law,med}.train.tsv, train split only (sentences with sha1("<domain>\\t<target>") % 5 == 0 are held out as dev), and csc_evaluation/data/wordlist/常见错字错词.txt, github.com/aopolin-lv/ECSpell @025bf43f (MIT, see dictionaries/typo-LICENSE.ECSpell). Every entry that fires on the building part of the laws corpus (LawRefBook/Laws @2f4c5c23), the regulation, the correct side of the ECSpell train pairs or the ECSpell policy-title list was dropped, except the variant forms.',
  '# license: Apache-2.0 (pycorrector-derived entries) and MIT (the rest)',
  '# format: wrong<TAB>right (several rights separated by |: suggest only, no fix)<TAB>origin[<TAB>after-regex[<TAB>before-regex]]',
  '#   origin: manual | variant | pycorrector | ecspell-<domain> | ecspell-variant (joined by +); an entry from typo-variants.tsv, or whose origins are all *variant, is a 异形词 (warning)',
  `# entries: ${kept.length}`,
];
const lines = kept.map((e) => {
  const cols = [e.wrong, [...e.rights].join('|'), e.origin];
  if (e.after || e.before) cols.push(e.after, e.before);
  return cols.join('\t').replace(/\t+$/, '');
});
writeFileSync(path.join(ROOT, 'dictionaries', 'typo-confusion.tsv'), header.join('\n') + '\n' + lines.join('\n') + '\n');
const byOrigin = {};
for (const e of kept) for (const o of e.origin.split('+')) byOrigin[o.replace(/-.*/, '')] = (byOrigin[o.replace(/-.*/, '')] || 0) + 1;
log(`kept ${kept.length}, dropped ${dropped.length}`, byOrigin);
if (verbose) for (const d of dropped) log('drop', d.join('\t'));
