/**
 * The fast paths of column/mismatch give exactly what the plain definitions give: bigram keys
 * (features.ts) against addBigrams, the model's scoreDraft against score(draftFeatures), the
 * keyword trie against buildMatcher().find, and ColumnScorer.check against judge(classify).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDraft } from '../src/document/index.js';
import { draftText } from '../src/checks/column.js';
import { loadColumnCatalog } from '../src/checks/column/catalog.js';
import { addBigrams, draftFeatures, forEachBigram } from '../src/checks/column/features.js';
import { KeywordTrie } from '../src/checks/column/keywords.js';
import { buildModel, loadColumnModel, type ModelScore } from '../src/checks/column/model.js';
import { ColumnScorer } from '../src/checks/column/scorer.js';
import { buildMatcher } from '../src/checks/util/matcher.js';
import { root } from './helpers.js';

// Han (BMP, radicals, 〇 々, an astral ideograph) and not (kana, bopomofo, an emoji, lone surrogates, punctuation)
const CHARS = ['中', '国', '预', '算', '〇', '々', '⺀', '𠀀', '𪚥', 'の', 'ㄅ', '😀', '\ud800', '\udc00', 'a', ' ', '\n', '，', '\ufffc'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }).map((a) => a.join(''));

const bigrams = (s: string) => {
  const out: string[] = [];
  forEachBigram(s, (k) => out.push(String.fromCharCode(k >>> 16, k & 0xffff)));
  return out;
};
const bigramsByRegex = (s: string) => {
  const m = new Map<string, number>();
  addBigrams(s, m);
  return m;
};

const drafts = () => {
  const dir = path.join(root, 'fixtures/columns');
  const out: Array<{ file: string; title: string; body: string; column: unknown }> = [];
  for (const sub of ['correct', 'misfiled'])
    for (const f of readdirSync(path.join(dir, sub)).filter((x) => x.endsWith('.md')).sort()) {
      const file = path.join(dir, sub, f);
      const draft = buildDraft(readFileSync(file, 'utf8'), file);
      out.push({ file: f, ...draftText(draft), column: draft.meta.column });
    }
  return out;
};

const sameScore = (a: ModelScore, b: ModelScore, classes: number) => {
  expect(a.n).toBe(b.n);
  expect([...a.ll]).toEqual([...b.ll]); // bit for bit: toEqual compares with Object.is
  for (let c = 0; c < classes; c++) expect(a.top(c, 5)).toEqual(b.top(c, 5));
};

describe('column fast paths', () => {
  it('forEachBigram meets the bigrams of addBigrams, in order, counts included', () => {
    fc.assert(
      fc.property(text, (s) => {
        const counts = new Map<string, number>();
        for (const b of bigrams(s)) counts.set(b, (counts.get(b) ?? 0) + 1);
        expect([...counts]).toEqual([...bigramsByRegex(s)]);
      }),
      { numRuns: 2000 },
    );
    expect(bigrams('部门预算2024年（草案）')).toEqual(['部门', '门预', '预算', '草案']);
    expect(bigrams('𠀀')).toEqual([]); // one code point is no run, though two code units
    expect(bigrams('中𠀀')).toEqual(['中\ud840', '\ud840\udc00']);
  });

  it('scoreDraft gives the same doubles as score(draftFeatures)', () => {
    const model = loadColumnModel(root)!;
    const C = model.classes.length;
    for (const d of drafts()) sameScore(model.scoreDraft(d.title, d.body), model.score(draftFeatures(d.title, d.body)), C);
    const toy = buildModel({ header: {}, classes: ['甲', '乙'], alpha: 0.5, features: '预算\t中国\t国〇\t𠀀', counts: [[0, 100], [1, 30], [0, 7, 1, 9], [1, 5]], totals: [140, 60] });
    fc.assert(
      fc.property(text, text, (title, body) => sameScore(toy.scoreDraft(title, body), toy.score(draftFeatures(title, body)), 2)),
      { numRuns: 1000 },
    );
  });

  it('the keyword trie finds what buildMatcher().find finds', () => {
    const ch = fc.constantFrom('法', '例', '条', '中', '华', '局', '𠀀', 'a', '，');
    const word = fc.array(ch, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 12 }), fc.array(ch, { maxLength: 60 }), (words, chars) => {
        const s = chars.join('');
        const found: Array<[string, number]> = [];
        new KeywordTrie(words).find(s, (w, end) => found.push([words[w]!, end]));
        expect(found).toEqual(buildMatcher(words).find(s).map((m) => [m.word, m.end]));
        // and so does the trie read back from its bytes (a compiled catalog's)
        const bytes = new KeywordTrie(words).toBytes();
        const aligned = new Uint8Array(new ArrayBuffer(bytes.length));
        aligned.set(bytes);
        const again: Array<[string, number]> = [];
        KeywordTrie.fromBytes(aligned).find(s, (w, end) => again.push([words[w]!, end]));
        expect(again).toEqual(found);
      }),
      { numRuns: 2000 },
    );
  });

  it('check is judge(classify) where a mismatch is possible, and null only where there is none', () => {
    const catalog = loadColumnCatalog({}, root);
    const scorer = new ColumnScorer(catalog, loadColumnModel(root));
    let skipped = 0;
    for (const d of drafts()) {
      const declared = catalog.get(String(d.column))!;
      const full = scorer.judge(declared, scorer.classify(d.title, d.body, 0));
      const fast = scorer.check(declared, d.title, d.body);
      if (fast === null) {
        skipped++;
        expect(full.mismatch, d.file).toBe(false);
      } else expect(fast, d.file).toEqual(full);
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('loads a lazily given model only when a draft needs it', () => {
    const catalog = loadColumnCatalog({}, root);
    let loads = 0;
    const scorer = new ColumnScorer(catalog, () => (loads++, loadColumnModel(root)));
    expect(scorer.catalog.get('教育')).toBeDefined();
    expect(loads).toBe(0);
    // a policy file full of its own form's words: no mismatch without asking the model
    expect(scorer.check(catalog.get('政策文件')!, '关于印发实施办法的通知', '现将《实施办法》印发给你们，请认真贯彻执行。')).toBeNull();
    expect(loads).toBe(0);
    scorer.classify('清河县教育局2024年部门预算公开', '部门预算 三公经费');
    scorer.classify('清河县2024年事业单位公开招聘工作人员公告', '招聘');
    expect(loads).toBe(1);
  });
});
