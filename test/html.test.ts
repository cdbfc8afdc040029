/**
 * Raw HTML blocks (a table or paragraphs pasted from the CMS) are published text: the Draft reads
 * their text as prose, one run per block-level element, mapped to the source; hidden content
 * (scripts, styles, comments) is not read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDraft } from '../src/document/draft.js';
import { loadHtmlParser, MAY_HOLD_HTML } from '../src/document/html.js';
import { fix, lint } from '../src/engine/index.js';
import { covered, expectRunsMapToSource, root } from './helpers.js';
import type { Draft } from '../src/types.js';

describe('HTML blocks in the Draft', () => {
  const src = [
    '正文。',
    '',
    '<table>',
    '<tr><th>姓名</th><td>王&amp;某</td></tr>',
    '</table>',
    '',
    '<p>为进一步<b>规范</b>信息<br>发布</p><script>var a = "按装";</script><style>p{}</style><pre>按装</pre><p><code>按装</code></p>',
    '<!-- 内部备注：按装 -->',
    '',
    '> <p>引用里的HTML</p>',
    '',
  ].join('\n');
  let d: Draft;
  // buildDraft reads HTML once the parser is loaded (lint loads it for drafts that hold HTML)
  beforeAll(async () => {
    await loadHtmlParser();
    d = buildDraft(src, 'x.md');
  });

  it('reads each block-level element as a run: cells as table cells; scripts, styles, comments and code left out', () => {
    expect(d.runs.map((r) => [r.scope, r.text])).toEqual([
      ['paragraph', '正文。'],
      ['tableCell', '姓名'],
      ['tableCell', '王&某'],
      ['paragraph', '为进一步规范信息发布'],
      ['paragraph', '引用里的HTML'],
    ]);
    expect(d.runs.at(-1)!.quoted).toBe(true);
  });

  it('maps every character back to the source (an entity to the whole entity)', () => {
    expectRunsMapToSource(src, d.runs);
  });
});

describe('HTML blocks inside a quote or a list (their markers are not in the value)', () => {
  const quoted = ['> <table>', '> <tr><td>请于月底前按装到位</td></tr>', '> </table>', ''].join('\n');
  const listed = ['- 附件：', '', '  <table>', '  <tr><td>张三</td><td>按装路灯</td></tr>', '  </table>', ''].join('\n');

  it('reads their text, mapped to the source, with the quote or list flag', async () => {
    await loadHtmlParser();
    const q = buildDraft(quoted, 'q.md');
    expect(q.runs.map((r) => [r.scope, r.text, r.quoted])).toEqual([['tableCell', '请于月底前按装到位', true]]);
    expectRunsMapToSource(quoted, q.runs);
    const l = buildDraft(listed, 'l.md');
    expect(l.runs.map((r) => [r.scope, r.text, r.listItem])).toEqual([
      ['paragraph', '附件：', true],
      ['tableCell', '张三', true],
      ['tableCell', '按装路灯', true],
    ]);
    expectRunsMapToSource(listed, l.runs);
    // CRLF line endings too
    const crlf = quoted.replaceAll('\n', '\r\n');
    expectRunsMapToSource(crlf, buildDraft(crlf, 'q.md').runs);
    expect(buildDraft(crlf, 'q.md').runs.map((r) => r.text)).toEqual(['请于月底前按装到位']);
  });

  it('make lint load the HTML parser (MAY_HOLD_HTML), as a block at the start of a line does', () => {
    for (const src of [quoted, listed, '- <p>张三</p>', '1. <table><tr><td>甲</td></tr></table>', '> > <p>甲</p>', '<p>甲</p>'])
      expect(MAY_HOLD_HTML.test(src), src).toBe(true);
    for (const src of ['正文 <b>甲</b>', '> 引用 <b>甲</b>', '- 列表 <b>甲</b>', 'a < b', '1. 2 <3'])
      expect(MAY_HOLD_HTML.test(src), src).toBe(false);
  });

  it('their typos are found where they are written', async () => {
    for (const src of [quoted, listed]) {
      const r = await lint(src, { filename: 'x.md', only: ['typo/confusion'] });
      expect(r.messages.map((m) => covered(src, m))).toEqual(['按装']);
    }
  });
});

describe('a relief list pasted as an HTML table', () => {
  const file = join(root, 'fixtures/prohibited/invalid/临时救助名单-HTML表格.md');
  const text = readFileSync(file, 'utf8');

  it('has its typo and its unmasked ID reported, nothing else', async () => {
    const r = await lint(text, { filename: file });
    expect(r.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['typo/confusion', 11],
      ['prohibited/privacy', 15],
    ]);
  });

  it('--fix corrects them inside the HTML and leaves the markup as it was', async () => {
    const { output } = await fix(text, { filename: file });
    expect(output).toBe(text.replace('既使', '即使').replace('211122197803152047', '211122********2047'));
    expect((await lint(output, { filename: file })).messages).toEqual([]);
  });
});

describe('HTML with CRLF line endings', () => {
  it('is read and mapped like any other', async () => {
    const r = await lint('<table>\r\n<tr><td>按装路灯</td></tr>\r\n</table>\r\n', { only: ['typo/confusion'] });
    expect(r.messages.map((m) => [m.line, m.column, m.endColumn])).toEqual([[2, 9, 11]]);
  });
});
