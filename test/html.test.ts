/**
 * Raw HTML blocks (a table or paragraphs pasted from the CMS) are published text: the Draft reads
 * their text as prose, one run per block-level element, mapped to the source; hidden content
 * (scripts, styles, comments) is not read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDraft } from '../src/document/draft.js';
import { loadHtmlParser } from '../src/document/html.js';
import { fix, lint } from '../src/engine/index.js';
import { expectRunsMapToSource, root } from './helpers.js';
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
