#!/usr/bin/env node
// Builds dictionaries/typo-similar-chars.tsv: for each common character, the characters that sound
// the same (same syllable and tone; same syllable, other tone) and those that look alike.
// Sound: pinyin-pro readings (all heteronym readings) of the 3,502 common characters, merged with
// pycorrector's same_pinyin.txt; shape: pycorrector's same_stroke.txt groups.
// Usage: node scripts/build-typo-similar.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { ROOT, DATA } from './build-typo-common.mjs';

const conf = (f) => readFileSync(path.join(DATA, 'confusion', f), 'utf8').split(/\r?\n/);
const common = conf('pycorrector_common_char_set.txt').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const commonSet = new Set(common);

const sameTone = new Map();
const otherTone = new Map();
const shape = new Map();
const addTo = (m, a, b) => {
  if (a === b || !commonSet.has(a) || !commonSet.has(b)) return;
  if (!m.has(a)) m.set(a, new Set());
  m.get(a).add(b);
};

const bySyl = new Map();
const byToneless = new Map();
for (const c of common) {
  const readings = pinyin(c, { toneType: 'num', multiple: true, type: 'array' });
  for (const r of readings) {
    if (!/^[a-zü]+[0-5]$/.test(r)) continue;
    if (!bySyl.has(r)) bySyl.set(r, []);
    bySyl.get(r).push(c);
    const t = r.replace(/[0-5]$/, '');
    if (!byToneless.has(t)) byToneless.set(t, []);
    byToneless.get(t).push(c);
  }
}
for (const group of bySyl.values()) for (const a of group) for (const b of group) addTo(sameTone, a, b);
for (const group of byToneless.values()) for (const a of group) for (const b of group) addTo(otherTone, a, b);
for (const l of conf('pycorrector_same_pinyin.txt')) {
  if (!l || l.startsWith('#')) continue;
  const [c, same = '', other = ''] = l.split('\t');
  for (const b of same) addTo(sameTone, c, b), addTo(sameTone, b, c);
  for (const b of other) addTo(otherTone, c, b), addTo(otherTone, b, c);
}
for (const l of conf('pycorrector_same_stroke.txt')) {
  if (!l || l.startsWith('#')) continue;
  const group = l.split(/\s+/).filter((x) => x.length === 1);
  for (const a of group) for (const b of group) addTo(shape, a, b);
}
// Look-alike pairs the upstream table misses (平/乎 in 习近平 → 习近乎), added by the maintainers.
const MANUAL_SHAPES = ['平乎', '己已巳', '未末', '士土', '人入八', '干千于', '日曰', '戊戌戍', '王玉主', '大太犬', '天夫',
  '目且', '折拆', '侯候', '拔拨', '辨辩瓣', '泽择', '东车', '锦绵', '涛涝', '沪护', '宁宇', '奇崎', '希稀', '恩思',
  '少小', '朱珠株', '云去', '祥样', '际标', '强弦', '峰锋', '国固图', '清青请', '洪供', '隆降', '毅殷', '金全', '乐东',
  '蔡祭', '近进', '胡故', '邓双', '泽译', '民氏', '共其', '政攻', '院完', '委季', '务各', '协办', '监盘', '察祭'];
for (const g of MANUAL_SHAPES) for (const a of g) for (const b of g) addTo(shape, a, b);
const lines = [];
for (const c of common) {
  const st = [...(sameTone.get(c) ?? [])];
  const ot = [...(otherTone.get(c) ?? [])].filter((x) => !sameTone.get(c)?.has(x));
  const sh = [...(shape.get(c) ?? [])];
  if (!st.length && !ot.length && !sh.length) continue;
  lines.push([c, st.join(''), ot.join(''), sh.join('')].join('\t'));
}
const header = [
  `# source: built by scripts/build-typo-similar.mjs on ${new Date().toISOString().slice(0, 10)} from pinyin-pro 3 readings (MIT), a short hand-made look-alike list (MANUAL_SHAPES in the script) and pycorrector data/same_pinyin.txt, same_stroke.txt, common_char_set.txt (github.com/shibing624/pycorrector @fc8aa56c)`,
  '# license: Apache-2.0 (see dictionaries/typo-LICENSE.pycorrector)',
  '# format: char<TAB>same syllable and tone<TAB>same syllable, other tone<TAB>similar shape',
];
writeFileSync(path.join(ROOT, 'dictionaries', 'typo-similar-chars.tsv'), header.join('\n') + '\n' + lines.join('\n') + '\n');
console.error(`wrote ${lines.length} characters`);
