/**
 * A plain draft's Draft is read from micromark's events instead of the mdast tree (issue 9). The
 * two ways must give the same Draft, to the character and its source span: on every fixture,
 * every rule example and random Markdown, and the links found in it too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractLinks } from '../src/checks/links/extract.js';
import { decode } from '../src/document/decode.js';
import { buildDraft, buildDraftViaTree, parseMarkdown } from '../src/document/draft.js';
import { isPlain, plainOutline } from '../src/document/events.js';
import { loadHtmlParser } from '../src/document/html.js';
import { ruleDefinitions } from '../src/engine/index.js';
import type { Draft } from '../src/types.js';
import { root } from './helpers.js';

/** Everything a check reads of a Draft, as one string (typed arrays as plain ones). */
function view(d: Draft): string {
  return JSON.stringify({
    runs: d.runs.map((r) => ({ ...r, starts: [...r.starts], ends: [...r.ends] })),
    links: d.links,
    headings: d.headings,
    comments: d.comments,
    codeRanges: d.codeRanges,
    indentedText: d.indentedText,
    meta: d.meta,
    found: extractLinks(d),
  });
}

/** Both ways, or the error each throws. */
function both(source: string): { events: string; tree: string; plain: boolean } {
  let plain = false;
  const run = (f: () => Draft): string => {
    try {
      const d = f();
      if (f === byEvents) plain = plainOutline(d) !== undefined;
      return view(d);
    } catch (e) {
      return `error: ${String(e)}`;
    }
  };
  const byEvents = () => buildDraft(source, 'x.md');
  return { events: run(byEvents), tree: run(() => buildDraftViaTree(source, 'x.md')), plain };
}

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) markdownFiles(p, out);
    else if (/\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

beforeAll(async () => {
  await loadHtmlParser();
});

describe('the Draft of a plain draft, from events', () => {
  it('is the same as from the tree on every fixture, and most fixtures are plain', () => {
    let plain = 0;
    let files = 0;
    for (const f of markdownFiles(join(root, 'fixtures'))) {
      const d = decode(readFileSync(f));
      if (!d.ok || d.text.length > 200_000) continue;
      // refused before parsing by the engine (meta/too-complex): the tree's walk overflows its stack
      if (f.endsWith('deep-quote.md')) continue;
      files++;
      const r = both(d.text);
      expect(r.events, f).toBe(r.tree);
      if (r.plain) plain++;
    }
    expect(files).toBeGreaterThan(300);
    expect(plain / files).toBeGreaterThan(0.8);
  });

  it('is the same as from the tree on every rule example', () => {
    let n = 0;
    for (const rule of ruleDefinitions().values()) {
      for (const ex of [...rule.examples.valid, ...rule.examples.invalid]) {
        if (typeof ex.text !== 'string') continue;
        n++;
        const r = both(ex.text);
        expect(r.events, `${rule.id}: ${ex.text}`).toBe(r.tree);
      }
    }
    expect(n).toBeGreaterThan(250);
  });

  it('is the same as from the tree on random Markdown', () => {
    const pieces = [
      '# ', '## ', '###### ', ' #', '> ', '>', '- ', '+ ', '1. ', '2) ', '* ', '\n', '\n\n', '\r\n', '\r', '\n    ', '    ', '  ', ' ', '  \n',
      '`', '```\n', '~~~\n', '~', '~~', '**', '*', '_', '[', ']', '[ ] ', '[x] ', '<', '<!--', '-->', '<!-- c -->', '<b>', '</b>', '<p>',
      '</p>', '<div>\n', '<table><tr><td>', '</td></tr></table>', '<ab:c>', '===', '---', '\n===\n', '\n---\n', '***', '中文', '按装',
      '。', '，', 'ab', '1', '😀', '\u3000', '---\n', 'title: 标题\n', '\n> ', '\n- ', '\n  ', '<!-- a\nb -->', '`a\nb`', '<a\nhref="x">',
      '&amp;', '\\', 'http://a.cn', '|', '\t', '[a](b)',
    ];
    const markdown = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));
    let plain = 0;
    fc.assert(
      fc.property(markdown, (s) => {
        const r = both(s);
        if (r.plain) plain++;
        expect(r.events, JSON.stringify(s)).toBe(r.tree);
      }),
      { numRuns: 3000, seed: 20261207 },
    );
    expect(plain).toBeGreaterThan(1000);
  });

  it('reads a line ending whose token runs on over the next line indentation', () => {
    // after an unclosed `<!--`, micromark's line ending token ends past the "\n", at the list item's indentation
    const s = '* ，<!--\n    续行';
    const d = buildDraft(s);
    expect(plainOutline(d)).toBeDefined();
    expect(d.runs[0]!.text).toBe('，<!-- 续行');
    expect(both(s).events).toBe(both(s).tree);
  });

  it('falls back to the tree, with the same Draft, at a token it does not read', () => {
    // `<ab:c>` is an autolink: plain by its characters, but its events hold a link
    const s = '---\ntitle: 标题\n---\n\n段落一\n\n段落 <ab:c> 二\n';
    expect(isPlain(s)).toBe(true);
    const d = buildDraft(s);
    expect(plainOutline(d)).toBeUndefined();
    expect(d.links.map((l) => [l.kind, l.url])).toEqual([['autolink', 'ab:c']]);
    expect(d.runs.map((r) => r.text)).toEqual(['标题', '段落一', '段落 \ufffc 二']);
    expect(view(d)).toBe(view(buildDraftViaTree(s)));
  });

  it('takes the tree for what is not plain', () => {
    for (const s of ['见[通知](https://a.cn)', '电邮 a@b.cn', '&amp;', '\\*', '| a |\n|---|', '脚注[^1]', '\ufeff正文', '一\t二', '[a]: https://a.cn']) {
      expect(isPlain(s), s).toBe(false);
    }
    expect(isPlain('# 标题\n\n正文 *强调* `代码` <b>粗</b>\n\n> 引用\n\n- 列表\n')).toBe(true);
  });

  it('builds its tree when the tree is first read, once', () => {
    const s = '# 标题\n\n正文 *强调*\n';
    const d = buildDraft(s);
    expect(plainOutline(d)).toBeDefined();
    const tree = d.tree;
    expect(tree).toEqual(parseMarkdown(s));
    expect(d.tree).toBe(tree);
    expect(Object.keys(d)).toContain('tree');
    const other = parseMarkdown('x');
    d.tree = other;
    expect(d.tree).toBe(other);
  });
});
