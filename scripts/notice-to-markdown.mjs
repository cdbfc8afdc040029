#!/usr/bin/env node
/**
 * One-off: turn the captured notice (/work/shared/regulation/000_76407a22e7f009fe.txt, traditional
 * characters with pinyin annotations such as 盤(pán)) into a simplified-Chinese Markdown draft for
 * fixtures/clean/. Steps: repair three spots of mojibake in the capture, strip the pinyin
 * annotations, convert with opencc-js (Taiwan → mainland), drop the portal's footer, add front matter
 * and Markdown headings.
 *
 * Usage: node scripts/notice-to-markdown.mjs [source.txt] [out.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';

const src = process.argv[2] ?? '/work/shared/regulation/000_76407a22e7f009fe.txt';
const out = process.argv[3] ?? 'fixtures/clean/盘县政办发2021-10号通知.md';

let text = readFileSync(src, 'utf8');

// 1. mojibake in the capture (GBK bytes read as another encoding); the intended words are clear from context
const REPAIRS = [
  [/終審\?f[^，。]{1,12}?[后後]/u, '終審通過後'],
  [/自查\?\?h政府辦/u, '自查。縣政府辦'],
  [/因\?q[^，。]{1,12}?\(guān\)/u, '因審核把關'],
  [/等次\?!\?\/font>/u, '等次。'],
];
for (const [bad, good] of REPAIRS) {
  if (!bad.test(text)) throw new Error(`expected mojibake not found: ${bad}`);
  text = text.replace(bad, good);
}

// 2. pinyin annotations: a Han character followed by (pīnyīn)
text = text.replace(/([\u3400-\u9fff])\(([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+)\)/gu, '$1');
if (/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u.test(text)) throw new Error('pinyin annotations left over');

// 3. traditional → simplified
const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
text = convert(text);

// 4. Chinese typesetting: the capture has ASCII ( ) ; , : inside Chinese text
text = text
  .replace(/\(([^()\n]{1,60})\)/gu, '（$1）')
  .replace(/;/gu, '；');

// the notice writes both 台账 and 台帐; the fixture uses the standard form 台账 throughout
// (《第一批异形词整理表》), so that fixtures/clean stays free of typo/* findings
text = text.replace(/台帐/gu, '台账');

// 5. structure
const lines = text.split(/\r?\n/).map((l) => l.trim());
const first = lines[0];
const m = /^(\S+〔\d{4}〕\d+号)\s+(.+)$/u.exec(first);
if (!m) throw new Error(`unexpected first line: ${first}`);
const docNumber = m[1];
const title = m[2].replace(/\s+/g, '');
const body = [];
for (const line of lines.slice(1)) {
  if (!line || line === '|') continue;
  if (/^主办单位|^网站标识码|^联系电话/.test(line)) break; // the portal's footer
  const clean = line.replace(/\s*\|\s*$/u, '').replace(/^\|\s*/u, '').trim();
  if (!clean) continue;
  if (/^[一二三四五六七八九十]+、/u.test(clean)) body.push(`## ${clean}`);
  else if (/^（[一二三四五六七八九十]+）\S{2,12}$/u.test(clean)) body.push(`### ${clean}`);
  else if (clean === '抄送:' || clean === '抄送：') body.push('抄送：');
  else body.push(clean.replace(/:$/u, '：').replace(/,/gu, '，').replace(/:/gu, '：'));
}
// join "抄送：" with the list that follows it
const joined = [];
for (const l of body) {
  if (joined.at(-1) === '抄送：') joined[joined.length - 1] += l;
  else joined.push(l);
}

const md = `---
title: ${title}
column: 政策文件
unit: 盘山县人民政府办公室
author: 盘山县人民政府办公室
date: 2021-01-29
doc_number: ${docNumber}
---

# ${title}

${joined.join('\n\n')}
`;
writeFileSync(out, md);
console.log(`wrote ${out} (${md.length} chars)`);
