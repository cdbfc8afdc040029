// The compiled jieba lexicon (src/checks/lexicon.ts) must segment and tag exactly as
// @node-rs/jieba does in non-HMM mode, which the language checks were written against; and its
// file must round-trip, and be ignored when it is stale or damaged.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTable, deserialize, jiebaDictFile, jiebaPackageDir, lexicon, makeLexicon, serialize } from '../src/checks/lexicon.js';
import { segmenter } from '../src/checks/language-util.js';

const root = resolve(import.meta.dirname, '..');
const req = createRequire(import.meta.url);
const { Jieba } = req('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): { cut(s: string, h: boolean): string[]; tag(s: string, h: boolean): Array<{ word: string; tag: string }> } } };
const reference = Jieba.withDict(readFileSync(jiebaDictFile().file));
const lx = lexicon();

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(md|txt)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Lines of the fixtures, the notice and every 25th published law (when ../shared is there). */
function sampleLines(): string[] {
  const files = walk(join(root, 'fixtures'));
  const shared = resolve(root, '..', 'shared');
  if (existsSync(join(shared, 'regulation'))) files.push(...walk(join(shared, 'regulation')));
  const laws = join(shared, 'data', 'corpus', 'laws');
  if (existsSync(laws)) files.push(...walk(laws).filter((_, i) => i % 25 === 0));
  const lines: string[] = [];
  for (const f of files) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) lines.push(l);
  return lines;
}

describe('segmentation equals @node-rs/jieba cut(text, false)', () => {
  it('on awkward text: ASCII runs, symbols, surrogate pairs, whitespace kinds, CRLF', () => {
    const cases = [
      'abc网球拍卖会def',
      '我们中出了一个叛徒👪 PS: 我觉得 开源\r\n有一个好处𦡦讥䶯䶰',
      'CEO走上人生巅峰。AT&T C++ 4S店 1号店 3.5%的增长 -12#号',
      '\u3000全角空格\u00a0不换行空格\ufeff字节序标记\u0085\t制表',
      '',
      ' ',
      '盘县政办发〔2021〕10号',
    ];
    for (const c of cases) {
      expect(lx.cut(c), c).toEqual(reference.cut(c, false));
      expect(lx.tag(c), c).toEqual(reference.tag(c, false));
    }
    expect(lx.cut('abc网球拍卖会def')).toEqual(['abc', '网球', '拍卖会', 'def']);
  });

  it('on the fixtures and published text, line by line (words and tags)', () => {
    const lines = sampleLines();
    expect(lines.length).toBeGreaterThan(500);
    let cutDiff = 0;
    let tagDiff = 0;
    const examples: string[] = [];
    for (const l of lines) {
      if (lx.cut(l).join('\u0001') !== reference.cut(l, false).join('\u0001')) {
        cutDiff++;
        if (examples.length < 3) examples.push(l);
      }
      const a = lx.tag(l).map((t) => `${t.word}/${t.tag}`).join(' ');
      if (a !== reference.tag(l, false).map((t) => `${t.word}/${t.tag}`).join(' ')) tagDiff++;
    }
    expect(examples).toEqual([]);
    expect({ cutDiff, tagDiff }).toEqual({ cutDiff: 0, tagDiff: 0 });
  });

  it('knows the dictionary: frequencies, tags, and jieba rules for words it does not know', () => {
    const dict = readFileSync(jiebaDictFile().file, 'utf8');
    const line = dict.split('\n').find((l) => l.startsWith('政府 '))!;
    const [, f, tag] = line.split(' ');
    expect(lx.freq('政府')).toBe(Number(f));
    expect(lx.tagOf('政府')).toBe(tag);
    expect(lx.has('政')).toBe(true);
    expect(lx.has('政府网站建设管理工作')).toBe(false); // a prefix of nothing, and not a word
    expect(lx.freq('')).toBeUndefined();
    expect(lx.tag('ABC123，')).toEqual([
      { word: 'ABC123', tag: 'eng' },
      { word: '，', tag: 'x' },
    ]);
  });
});

describe('one block of a text (blockAt, for typo/suspect)', () => {
  /** The words of lx.cut(text) with their start offsets. */
  const spans = (text: string) => {
    let at = 0;
    return lx.cut(text).map((w) => ({ w, s: (at += w.length) - w.length }));
  };
  /** blockAt's answer for every code unit, as [start, end) of the word that covers it (or null). */
  function wordsByBlock(text: string): Array<[number, number] | null> {
    const out: Array<[number, number] | null> = [];
    for (let i = 0; i < text.length; i++) {
      const b = lx.blockAt(text, i);
      let found: [number, number] | null = null;
      let pos = b?.start ?? 0;
      for (const w of b?.words ?? []) {
        if (pos + w.length > i) {
          found = [pos, pos + w.length];
          break;
        }
        pos += w.length;
      }
      out.push(found);
    }
    return out;
  }

  it('gives the words the whole text is cut into, at every position of a block', () => {
    const lines = [
      'abc网球拍卖会def',
      '我们中出了一个叛徒👪 PS: 我觉得 开源\r\n有一个好处𦡦讥䶯䶰',
      'CEO走上人生巅峰。AT&T C++ 4S店 1号店 3.5%的增长 -12#号',
      ...sampleLines().filter((_, i) => i % 40 === 0),
    ];
    let checked = 0;
    for (const text of lines) {
      const whole = spans(text);
      const got = wordsByBlock(text);
      for (let i = 0; i < text.length; i++) {
        const g = got[i];
        if (!g) continue;
        checked++;
        // the word of the whole cut that covers i, whichever way the surrogate halves fall
        const w = whole.find((x) => x.s <= i && i < x.s + x.w.length)!;
        expect([text, i, g], text).toEqual([text, i, [w.s, w.s + w.w.length]]);
      }
      // outside the blocks: whitespace and punctuation only
      for (let i = 0; i < text.length; i++) if (!got[i]) expect(text[i], text).toMatch(/[^\p{Script=Han}a-zA-Z0-9]/u);
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('the shared segmenter', () => {
  it('segments a paragraph once for every rule that asks (same words, same array)', () => {
    const p = '各乡镇人民政府、县直各单位要高度重视政府网站和政务新媒体的内容保障工作，确保信息准确。';
    const first = segmenter().cut(p);
    expect(first).toEqual(reference.cut(p, false));
    expect(segmenter().cut(p)).toBe(first);
    // short windows (boundary tests) are cut afresh, with the same words
    expect(segmenter().cut('政府网站')).toEqual(reference.cut('政府网站', false));
  });
});

describe('the compiled file', () => {
  const small = '政府 100 n\n政府网站 20 n\n网站 50 n\n建设 80 vn\n政府 120 v\n';

  it('round-trips a table, and keeps jieba rules for duplicates (later frequency, first tag)', () => {
    const t = buildTable(small);
    const back = deserialize(Buffer.from(serialize(t, 'stamp-1')), 'stamp-1');
    expect(back).not.toBeNull();
    const a = makeLexicon(back!);
    expect(a.freq('政府')).toBe(120);
    expect(a.tagOf('政府')).toBe('n');
    expect(a.total).toBe(120 + 20 + 50 + 80);
    expect(a.size).toBe(4);
    expect(a.cut('政府网站建设')).toEqual(makeLexicon(t).cut('政府网站建设'));
  });

  it('is refused when it was built from another dictionary, or is damaged', () => {
    const bytes = Buffer.from(serialize(buildTable(small), 'stamp-1'));
    expect(deserialize(bytes, 'stamp-2')).toBeNull();
    expect(deserialize(bytes.subarray(0, bytes.length - 3), 'stamp-1')).toBeNull();
    const wrongMagic = Buffer.from(bytes);
    wrongMagic[0] = 0;
    expect(deserialize(wrongMagic, 'stamp-1')).toBeNull();
  });

  it('the build wrote one for the installed dictionary', () => {
    const file = join(root, 'dist', '.jieba-lexicon.bin');
    expect(existsSync(file)).toBe(true);
    const buf = readFileSync(file);
    const aligned = Buffer.from(new Uint8Array(buf).buffer);
    expect(deserialize(aligned, jiebaDictFile().stamp)).not.toBeNull();
  });

  it('finds the dictionary where the module loader does, and stamps it with the installed version', () => {
    const pkg = req.resolve('@node-rs/jieba/package.json');
    expect(realpathSync(jiebaPackageDir())).toBe(realpathSync(dirname(pkg)));
    const { file, stamp } = jiebaDictFile();
    expect(realpathSync(file)).toBe(realpathSync(join(dirname(pkg), 'dict.txt')));
    expect(stamp).toContain(`@node-rs/jieba@${(req(pkg) as { version: string }).version} dict.txt ${statSync(file).size} `);
  });
});
