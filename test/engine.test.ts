/**
 * Engine behaviour that the CLI tests do not reach directly: the Draft's source map, fix passes,
 * a crashing check, and the native spell checker loading.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import dictionary from 'dictionary-en';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDraft, parseMarkdown } from '../src/document/draft.js';
import { loadHtmlParser } from '../src/document/html.js';
import { applyFixes, fix, lint, ruleDefinitions } from '../src/engine/index.js';
import { kindLoaders } from '../src/checks/index.js';
import { expectRunsMapToSource } from './helpers.js';

describe('Draft', () => {
  const src =
    '---\r\ntitle: "关于按装路灯的通知"\r\n栏目: 通知公告\r\n---\r\n# 标题 *强调*\r\n\r\n> 各单位要再接\r\n> 再励，**确保**任务 `code` 按期&amp;完成 https://a.gov.cn/x 。\r\n\r\n- 列表 [链接文字](http://x.com "t")\r\n  第二行\r\n\r\n| 表头 | 值 |\r\n|---|---|\r\n| 单元格 | 2 |\r\n';
  const d = buildDraft(src, 'x.md');

  it('maps every prose character back to its source', () => {
    expectRunsMapToSource(src, d.runs);
  });

  it('builds runs by scope, joins CJK soft breaks, hides code and URLs', () => {
    expect(d.runs.map((r) => [r.scope, r.text])).toEqual([
      ['title', '关于按装路灯的通知'],
      ['heading', '标题 强调'],
      ['paragraph', '各单位要再接再励，确保任务 \ufffc 按期&完成 \ufffc 。'],
      ['paragraph', '列表 链接文字第二行'],
      ['tableCell', '表头'],
      ['tableCell', '值'],
      ['tableCell', '单元格'],
      ['tableCell', '2'],
    ]);
    expect(d.runs[2]!.quoted).toBe(true);
    expect(d.runs[3]!.listItem).toBe(true);
  });

  it('collects links, headings and metadata with Chinese keys mapped', () => {
    expect(d.meta).toEqual({ title: '关于按装路灯的通知', column: '通知公告' });
    expect(d.links.map((l) => [l.kind, l.url, src.slice(...l.urlRange)])).toEqual([
      ['autolink', 'https://a.gov.cn/x', 'https://a.gov.cn/x'],
      ['link', 'http://x.com', 'http://x.com'],
    ]);
    expect(d.headings).toEqual([{ depth: 1, text: '标题 强调', range: [src.indexOf('# 标题'), src.indexOf('# 标题') + 9] }]);
  });

  it('reads an indented code block of Chinese text as prose, line by line, and only that', () => {
    const t =
      '前言。\r\n\r\n    第一段，身份证号\r\n      211122197803152047。\r\n\r\n    第二段。\r\n\r\n> 引用\r\n>\r\n>     引用里缩进。\r\n\r\n```\r\n    围栏里的中文\r\n```\r\n\r\n    npm install draftlint\r\n';
    const d2 = buildDraft(t, 'x.md');
    expect(d2.runs.map((r) => [r.text, r.quoted])).toEqual([
      ['前言。', false],
      ['第一段，身份证号', false],
      ['211122197803152047。', false],
      ['第二段。', false],
      ['引用', true],
      ['引用里缩进。', true],
    ]);
    expectRunsMapToSource(t, d2.runs);
    // the two indented Chinese blocks, not the fenced one nor the English command
    expect(d2.indentedText.map((r) => t.slice(...r))).toEqual([
      '    第一段，身份证号\r\n      211122197803152047。\r\n\r\n    第二段。',
      '    引用里缩进。',
    ]);
    expect(d2.codeRanges.length).toBe(4);
    // code is literal: an entity stays as written, character for character
    const e = buildDraft('    甲&amp;乙\\*丙\n');
    expect(e.runs.map((r) => r.text)).toEqual(['甲&amp;乙\\*丙']);
    expect([...e.runs[0]!.starts]).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('maps the edge cases random drafts found: a second byte order mark, a reference after stray end tags, an indented continuation line', async () => {
    // decode() drops the first BOM; micromark skips a second and counted from after it
    const bom = '\ufeff请按装设备。\n';
    const b = buildDraft(bom, 'x.md');
    expect([...b.runs[0]!.starts]).toEqual([1, 2, 3, 4, 5, 6]);
    const r = await lint(Buffer.from(`\ufeff${bom}`), { filename: 'x.md', config: {}, only: ['typo/confusion'] });
    expect(r.messages.map((m) => [m.line, m.column, m.endColumn])).toEqual([[1, 3, 5]]);
    // each character is written as itself or as a character reference
    await loadHtmlParser();
    for (const [t, text, ref] of [
      ['</p>单位</td></tr></table>&#x4e2d;\n', '单位中', '&#x4e2d;'],
      ['**\n    &#x4e2d;国\n', '** 中国', '&#x4e2d;'],
      ['> 甲\n>   &amp;乙\n', '甲 &乙', '&amp;'],
    ]) {
      const [run, ...more] = buildDraft(t!, 'x.md').runs;
      expect(more, t).toEqual([]);
      expect(run!.text, t).toBe(text);
      const from = [...run!.text].map((c, i) => t!.slice(run!.starts[i], run!.ends[i]));
      expect(from.filter((x, i) => x !== run!.text[i] && run!.text[i] !== ' '), t).toEqual([ref]);
    }
  });

  it("reads a title's YAML text literally: `&amp;` there is five characters, not a reference", () => {
    const t = '---\ntitle: "关于A&amp;B\\"的通知"\n---\n\n正文。\n';
    const run = buildDraft(t, 'x.md').runs[0]!;
    expect(run.scope).toBe('title');
    expect(run.text).toBe('关于A&amp;B"的通知');
    expect([...run.text].map((c, i) => t.slice(run.starts[i], run.ends[i]))).toEqual([...'关于A&amp;B', '\\"', ...'的通知']);
  });

  it("maps a title's YAML escapes to themselves", () => {
    const t = '---\ntitle: "关于\\u6309\\u88c5路灯\\x41\\t的通知"\n---\n\n正文。\n';
    const run = buildDraft(t, 'x.md').runs[0]!;
    expect(run.text).toBe('关于按装路灯A\t的通知');
    expect([...run.text].map((c, i) => t.slice(run.starts[i], run.ends[i]))).toEqual(['关', '于', '\\u6309', '\\u88c5', '路', '灯', '\\x41', '\\t', '的', '通', '知']);
  });

  it('drops __proto__ and constructor keys from front matter', () => {
    const p = buildDraft('---\n__proto__: {polluted: 1}\nconstructor: x\ntitle: a\n---\n正文\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(p.meta).toEqual({ title: 'a' });
  });
});

describe('GFM extensions loaded only when the draft can use them', () => {
  // each string holds one GFM construct, or a near miss; the tree must equal the one parsed with every GFM extension
  const cases = [
    '联系 office@pan.gov.cn 或 www.pan.gov.cn，详见 https://pan.gov.cn/a?b=1。',
    '地址 WWW.PAN.GOV.CN 与 HTTP://PAN.GOV.CN 大写',
    '实体拼出的地址 office&#64;pan.gov.cn 和 www&#46;pan.gov.cn',
    '转义 www\\.pan.gov.cn 与 a\\@b.cn',
    'mailto:a@b.cn xmpp:a@b.cn/c',
    '正文[^1]。\n\n[^1]: 注释内容',
    '~~删除~~ 与 ~单波浪~ 以及 ～全角～',
    '| 项目 | 金额 |\n|---|---:|\n| 路灯 | 3 |',
    '项目 | 金额\n--- | ---\n路灯 | 3',
    '- [ ] 待办\n- [x] 已办',
    '普通段落，第1条 2021年 ABC def 123。',
    '---\ntitle: 标题\n---\n正文 http://a.cn',
  ];
  it.each(cases)('%s', (text) => {
    expect(parseMarkdown(text)).toEqual(parseMarkdown(text, true));
  });

  it('gives the same tree on every fixture', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (/\.md$/.test(e.name) && e.name !== 'deep-quote.md') files.push(join(d, e.name));
      }
    };
    walk(join(import.meta.dirname, '..', 'fixtures'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(parseMarkdown(text), f).toEqual(parseMarkdown(text, true));
    }
  });
});

describe('fixes', () => {
  it('applies non-overlapping fixes, deferring overlaps and same-spot insertions', () => {
    const { output, applied } = applyFixes('abcdef', [
      { range: [1, 3], text: 'X' },
      { range: [2, 4], text: 'Y' },
      { range: [5, 5], text: '1' },
      { range: [5, 5], text: '2' },
    ]);
    expect(output).toBe('aXde1f');
    expect(applied).toBe(2);
  });

  it('fix() reaches a fixed point and reports the final text', async () => {
    const r = await fix('请按装设备，再接再励。', { config: {}, only: ['typo/confusion'] });
    expect(r.output).toBe('请安装设备，再接再厉。');
    expect(r.result.messages).toEqual([]);
    expect(r.changed).toBe(true);
  });
});

describe('a check that throws', () => {
  it('becomes a meta/internal-error finding instead of a crash', async () => {
    const kindId = ruleDefinitions().get('typo/confusion')!.kind;
    const original = kindLoaders[kindId]!;
    kindLoaders[kindId] = async () => ({
      id: kindId,
      create: () => ({
        run() {
          throw new Error('boom');
        },
      }),
    });
    try {
      const r = await lint('正文。', { config: { words: ['__isolate_cache__'] }, only: ['typo/confusion', 'meta/internal-error'] });
      expect(r.messages.map((m) => [m.ruleId, m.data.rule, m.data.reason])).toEqual([['meta/internal-error', 'typo/confusion', 'boom']]);
    } finally {
      kindLoaders[kindId] = original;
    }
  });
});

describe('nodehun', () => {
  it('the native addon builds on install and loads from ES modules', () => {
    const require = createRequire(import.meta.url);
    const { Nodehun } = require('nodehun') as { Nodehun: new (aff: Buffer, dic: Buffer) => { spellSync(w: string): boolean; suggestSync(w: string): string[] | null } };
    const hun = new Nodehun(Buffer.from(dictionary.aff), Buffer.from(dictionary.dic));
    expect(hun.spellSync('government')).toBe(true);
    expect(hun.spellSync('goverment')).toBe(false);
    expect(hun.suggestSync('goverment')).toContain('government');
  });
});

describe('rules that read large data run last', () => {
  it('findings and suppressed findings still come in the order of the rules', async () => {
    // phrasing/repeat reads the jieba lexicon (it runs after punctuation/half-width) but comes
    // first in the rules' order, and the report keeps that order
    const text = '<!-- draftlint-disable -->\n\n我们要进一步进一步加强监督管理,依法办事。\n';
    const r = await lint(text, { filename: 'order.md', config: { rules: { 'meta/required': 'off' } } });
    const ids = r.suppressedMessages.map((m) => m.ruleId);
    expect(ids).toContain('phrasing/repeat');
    expect(ids).toContain('punctuation/half-width');
    expect(ids.indexOf('phrasing/repeat')).toBeLessThan(ids.indexOf('punctuation/half-width'));
    const defs = [...ruleDefinitions().keys()];
    const positions = ids.map((id) => defs.indexOf(id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('a check that starts slow work for the draft (Check.prepare)', () => {
  it('is prepared before any check runs, and runs after the checks without it', async () => {
    const calls: string[] = [];
    const originals = { backdated: kindLoaders.backdated!, frontmatter: kindLoaders.frontmatter! };
    kindLoaders.backdated = async () => ({
      id: 'backdated',
      create: () => ({
        prepare: () => void calls.push('prepare backdated'),
        run: () => void calls.push('run backdated'),
      }),
    });
    kindLoaders.frontmatter = async () => ({ id: 'frontmatter', create: (rule) => ({ run: () => void calls.push(`run ${rule.id}`) }) });
    try {
      await lint('---\ndate: 2021-01-01\n---\n正文。', { config: { words: ['__isolate_prepare__'] }, only: ['meta/backdated', 'meta/date', 'meta/required'] });
      expect(calls).toEqual(['prepare backdated', 'run meta/date', 'run meta/required', 'run backdated']);
    } finally {
      Object.assign(kindLoaders, originals);
    }
  });
});
