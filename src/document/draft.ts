/**
 * One parse per file: front matter (yaml, with positions) + body (unified + remark-parse + GFM),
 * turned into a Draft that every check reads. Prose runs keep an exact map back to the source.
 * A plain draft (no link, table, footnote, reference or escape: see ./events.ts) is read from
 * micromark's events and gets its mdast tree only when someone reads `draft.tree`.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Link, Nodes, Parents, Root } from 'mdast';
import { scanFrontMatter } from './frontmatter.js';
import { alignInto, DraftFiller, finishRun, PLACEHOLDER, type BlockFlags, type RunFlags } from './runs.js';
import { EventWalker, isPlain, MAY_HOLD_AUTOLINK_LITERAL, plainEvents } from './events.js';
import type { Draft, ProseRun, Range, Scope } from '../types.js';

export { PLACEHOLDER } from './runs.js';

type MicromarkExtension = ReturnType<typeof gfmTable>;
type MdastExtension = ReturnType<typeof gfmTableFromMarkdown>;

/**
 * GitHub Flavored Markdown, one syntax extension at a time, in remark-gfm's order. Each comes with
 * the source test that it needs: a draft without any of those characters cannot contain the
 * syntax, so its parser goes without the extension and the tree is the same. This matters for
 * speed (issue 9): the autolink-literal extension tries an e-mail address at every ASCII letter and
 * digit and runs four regular expressions over every text node afterwards, which made parsing about
 * 45% slower on the laws corpus, where almost no file has a URL or an "@".
 */
const GFM: { needed: (source: string) => boolean; syntax: () => MicromarkExtension; tree: () => MdastExtension }[] = [
  { needed: (s) => MAY_HOLD_AUTOLINK_LITERAL.test(s), syntax: gfmAutolinkLiteral, tree: gfmAutolinkLiteralFromMarkdown },
  { needed: (s) => s.includes('[^'), syntax: gfmFootnote, tree: gfmFootnoteFromMarkdown },
  { needed: (s) => s.includes('~'), syntax: () => gfmStrikethrough(), tree: gfmStrikethroughFromMarkdown },
  { needed: (s) => s.includes('|'), syntax: gfmTable, tree: gfmTableFromMarkdown },
  { needed: (s) => s.includes('['), syntax: gfmTaskListItem, tree: gfmTaskListItemFromMarkdown },
];
const ALL_GFM = (1 << GFM.length) - 1;
const processors = new Map<number, ReturnType<typeof makeProcessor>>();

function makeProcessor(mask: number) {
  const chosen = GFM.filter((_, i) => mask & (1 << i));
  return unified()
    .use(remarkParse)
    .use(function gfmParts() {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(...chosen.map((g) => g.syntax()));
      (data.fromMarkdownExtensions ??= []).push(...chosen.map((g) => g.tree()));
    })
    .use(remarkFrontmatter, ['yaml']);
}

/** Parse Markdown as remark-parse with all of GFM and YAML front matter would (`full` forces every extension). */
export function parseMarkdown(source: string, full = false): Root {
  let mask = 0;
  if (full) mask = ALL_GFM;
  else GFM.forEach((g, i) => {
    if (g.needed(source)) mask |= 1 << i;
  });
  let processor = processors.get(mask);
  if (!processor) processors.set(mask, (processor = makeProcessor(mask)));
  return processor.parse(source) as Root;
}

export function computeLineStarts(source: string): number[] {
  const starts = [0];
  let i = source.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = source.indexOf('\n', i + 1);
  }
  return starts;
}

/** 1-based line and column (UTF-16 units) of an offset. */
export function positionAt(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/** The line holding an offset: [its start, its end before the line break (and a CR before it)). */
export function lineRange(source: string, lineStarts: number[], offset: number): Range {
  const line = positionAt(lineStarts, offset).line;
  const start = lineStarts[line - 1]!;
  let end = line < lineStarts.length ? lineStarts[line]! - 1 : source.length;
  if (end > start && source[end - 1] === '\r') end--;
  return [start, end];
}


/** Moves every position of the tree one UTF-16 unit on (a skipped byte order mark at offset 0). */
function shiftPositions(node: Nodes | Root): void {
  const pos = node.position;
  if (pos) {
    for (const point of [pos.start, pos.end]) {
      if (point.offset !== undefined) point.offset++;
      if (point.line === 1) point.column++;
    }
  }
  if ('children' in node) for (const c of node.children) shiftPositions(c as Nodes);
}


function offsets(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

/** The source span of the block whose inline content is being walked. */
type BlockSpan = { start: number; end: number };


/** The mdast tree of a draft's body, positions in `source`. */
function parseTree(source: string): Root {
  const tree = parseMarkdown(source);
  // micromark skips a byte order mark at the start and counts from after it; decode() drops the
  // first, so this is a second one (two files joined): every position moves one unit on
  if (source.charCodeAt(0) === 0xfeff) shiftPositions(tree);
  return tree;
}

/** A Draft built from events gets its tree when it is first read (no check reads it). */
function treeOnDemand(draft: Draft): void {
  const settle = (value: Root): Root => {
    Object.defineProperty(draft, 'tree', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(draft, 'tree', {
    get: () => settle(parseTree(draft.source)),
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

export function buildDraft(source: string, path = '<text>'): Draft {
  return build(source, path, isPlain(source));
}

/** The Draft as the tree gives it, for every draft (the tests compare it with the events' Draft). */
export function buildDraftViaTree(source: string, path = '<text>'): Draft {
  return build(source, path, false);
}

function build(source: string, path: string, plain: boolean): Draft {
  const { frontMatter, unclosed } = scanFrontMatter(source);
  const draft: Draft = {
    path,
    source,
    lineStarts: computeLineStarts(source),
    frontMatter,
    meta: frontMatter?.data ?? {},
    tree: undefined as unknown as Root,
    runs: [],
    links: [],
    headings: [],
    comments: [],
    codeRanges: [],
    indentedText: [],
  };
  if (unclosed) draft.unclosedFrontMatter = unclosed;
  const w = plain ? new EventWalker(draft, source) : new DraftWalker(draft, source);

  // front matter title as a prose run
  const titleRange = frontMatter?.valueRanges.title;
  const title = frontMatter?.data?.title;
  if (titleRange && typeof title === 'string' && title.length) {
    let [s, e] = titleRange;
    const q = source[s];
    if ((q === '"' || q === "'") && source[e - 1] === q) {
      s++;
      e--;
    }
    const run = w.titleRun(title, s, e);
    if (run) draft.runs.push(run);
  }

  if (w instanceof EventWalker && w.walk(plainEvents(source))) {
    treeOnDemand(draft);
    return draft;
  }
  draft.tree = parseTree(source);
  const walker = w instanceof DraftWalker ? w : new DraftWalker(draft, source);
  for (const c of draft.tree.children) walker.visit(c as Nodes, { quoted: false, listItem: false });
  return draft;
}

/**
 * The walk over one draft's tree that fills its runs, links, headings, comments and code ranges.
 * Its steps are methods of one class rather than closures made anew in every buildDraft call
 * (issue 9): V8 keeps a closure's optimised code only while some closure of that function is
 * alive, so per-draft closures lost theirs at every full collection that fell between two drafts
 * and were compiled again, about fifteen times per lint worker over the laws corpus.
 */
class DraftWalker extends DraftFiller {
  visit(node: Nodes, flags: BlockFlags): void {
    const draft = this.draft;
    switch (node.type) {
      case 'yaml':
        return;
      case 'code': {
        const r = offsets(node);
        if (r) this.codeBlock(node.value, r, flags);
        return;
      }
      case 'html': {
        const r = offsets(node);
        if (r) this.htmlBlock(node.value, r, flags);
        return;
      }
      case 'definition': {
        const r = offsets(node);
        if (r) draft.links.push({ url: node.url, text: '', range: r, urlRange: this.locate(node.url, r), kind: 'definition' });
        return;
      }
      case 'heading': {
        this.heading(this.inlineRun(node, 'heading', { ...flags, depth: node.depth }), node.depth, offsets(node));
        return;
      }
      case 'paragraph': {
        const run = this.inlineRun(node, 'paragraph', { ...flags, depth: 0 });
        if (run) draft.runs.push(run);
        return;
      }
      case 'tableCell': {
        const run = this.inlineRun(node, 'tableCell', { ...flags, depth: 0 });
        if (run) draft.runs.push(run);
        return;
      }
      case 'blockquote':
        for (const c of node.children) this.visit(c as Nodes, { ...flags, quoted: true });
        return;
      case 'listItem':
        for (const c of node.children) this.visit(c as Nodes, { ...flags, listItem: true });
        return;
      default:
        if ('children' in node) for (const c of (node as Parents).children) this.visit(c as Nodes, flags);
    }
  }

  private locateUrl(url: string, r: Range): Range {
    const source = this.source;
    const close = source.lastIndexOf('](', r[1]);
    if (close >= r[0]) {
      const i = source.indexOf(url, close);
      if (i >= 0 && i + url.length <= r[1]) return [i, i + url.length];
    }
    return this.locate(url, r);
  }

  /** the prose run of a paragraph, heading or table cell */
  private inlineRun(node: Parents, scope: Scope, flags: RunFlags): ProseRun | null {
    this.builder.reset();
    const r = offsets(node);
    const block = { start: r?.[0] ?? 0, end: r?.[1] ?? this.source.length };
    for (const c of node.children) this.walk(c as Nodes, block);
    return finishRun(this.builder, this.pool, scope, flags);
  }

  /**
   * GFM's autolink-literal transform splits text nodes and leaves some without positions: those
   * are aligned from where the previous node ended.
   */
  private cursor(block: BlockSpan): number {
    return this.builder.lastEnd() ?? block.start;
  }

  private walk(n: Nodes, block: BlockSpan): void {
    const { builder: b, draft, source } = this;
    const r = offsets(n);
    switch (n.type) {
      case 'text':
        if (r) alignInto(b, n.value, source, r[0], r[1]);
        else alignInto(b, n.value, source, this.cursor(block), block.end);
        return;
      case 'break':
        if (r) b.push('\n', r[0], r[1]);
        return;
      case 'inlineCode':
        if (r) {
          draft.codeRanges.push(r);
          b.push(PLACEHOLDER, r[0], r[1]);
        }
        return;
      case 'html':
        this.collectHtml(n.value, r);
        if (r) b.push(PLACEHOLDER, r[0], r[1]);
        return;
      case 'image':
      case 'imageReference':
        if (r) {
          if (n.type === 'image') draft.links.push({ url: n.url, text: n.alt ?? '', range: r, urlRange: this.locate(n.url, r), kind: 'image' });
          b.push(PLACEHOLDER, r[0], r[1]);
        }
        return;
      case 'footnoteReference':
        if (r) b.push(PLACEHOLDER, r[0], r[1]);
        return;
      case 'link':
        this.link(n, r, block);
        return;
      default:
        if ('children' in n) for (const c of (n as Parents).children) this.walk(c as Nodes, block);
    }
  }

  private link(n: Link, r: Range | null, block: BlockSpan): void {
    const { builder: b, draft, source } = this;
    const text = n.children.map((c) => ('value' in c ? c.value : '')).join('');
    let rr = r;
    if (!rr) {
      // a literal autolink made by the GFM transform has no position: find it after the cursor
      const at = source.indexOf(text, this.cursor(block));
      if (at < 0 || at >= block.end) return;
      rr = [at, at + text.length];
    }
    const autolink = source[rr[0]] !== '[';
    if (!autolink) {
      draft.links.push({ url: n.url, text, range: rr, urlRange: this.locateUrl(n.url, rr), kind: 'link' });
      for (const c of n.children) this.walk(c as Nodes, block);
      return;
    }
    if (source[rr[0]] === '<') {
      draft.links.push({ url: n.url, text: '', range: rr, urlRange: [rr[0] + 1, rr[1] - 1], kind: 'autolink' });
      b.push(PLACEHOLDER, rr[0], rr[1]);
      return;
    }
    // A GFM literal autolink runs to the next white space, which in Chinese text swallows the
    // rest of the sentence (www.x.cn，联系：张三。): keep only the URL characters, and give the
    // rest back to the prose.
    const raw = source.slice(rr[0], rr[1]);
    const keep = (/^[\x21-\x7e]+/.exec(raw)?.[0] ?? raw).replace(/[.,;:!?'"*_~)\]]+$/, '');
    const removed = raw.length - keep.length;
    const url = removed > 0 && n.url.endsWith(raw.slice(keep.length)) ? n.url.slice(0, n.url.length - removed) : n.url;
    const end = rr[0] + keep.length;
    if (keep.length) {
      draft.links.push({ url, text: '', range: [rr[0], end], urlRange: [rr[0], end], kind: 'autolink' });
      b.push(PLACEHOLDER, rr[0], end);
    }
    if (removed > 0) alignInto(b, raw.slice(keep.length), source, end, rr[1]);
  }
}
