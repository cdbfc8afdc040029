/**
 * The Draft of a plain draft, read straight from micromark's events (issue 9).
 *
 * Most drafts, and all but a few of the published laws, hold nothing but paragraphs, headings,
 * lists, quotes, emphasis, code and HTML: no link, table, footnote, character reference or
 * escape. For those, turning the events into an mdast tree (mdast-util-from-markdown) took about a
 * fifth of the time of reading a draft, and nothing needs the tree: every piece of the Draft can
 * be read from the events, with each character's exact source offset. So a plain draft is
 * parsed by micromark (the same parser and extensions remark-parse would use) and walked here;
 * its `tree` is built only if someone reads it. Any other draft, or any token this walk does not
 * know, goes through the tree as before (./draft.ts), and a test checks that both ways give the
 * same Draft on every fixture, rule example and random Markdown.
 */
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Event, Extension, Token } from 'micromark-util-types';
import { DraftFiller, finishRun, PLACEHOLDER } from './runs.js';
import type { Draft, Range } from '../types.js';

/**
 * A draft that may hold a GFM autolink literal (./draft.ts turns the extension on for it):
 * character references and backslash escapes can spell "@" or "www." in the text the tree's
 * transform sees, hence "&" and "\\".
 */
export const MAY_HOLD_AUTOLINK_LITERAL = /[@&\\]|https?:\/\/|www\./i;

/**
 * What else makes a draft not plain: what turns on GFM footnotes and tables, the marks of links,
 * images and definitions, tabs (which micromark reads as runs of virtual spaces), and NUL (which
 * it replaces).
 */
const NOT_PLAIN = /[|\t\0]|\[\^|\]\(|\]:|\]\[/;

/** Can the draft's body be read from micromark's events? (A second byte order mark moves micromark's offsets.) */
export function isPlain(source: string): boolean {
  return source.charCodeAt(0) !== 0xfeff && !MAY_HOLD_AUTOLINK_LITERAL.test(source) && !NOT_PLAIN.test(source);
}

/** micromark's extensions for a plain draft, as remark-parse gets them in ./draft.ts (GFM first, then front matter). */
const extensionSets = new Map<number, Extension[]>();

function extensionsFor(source: string): Extension[] {
  const mask = (source.includes('~') ? 1 : 0) | (source.includes('[') ? 2 : 0);
  let set = extensionSets.get(mask);
  if (!set) {
    set = [];
    if (mask & 1) set.push(gfmStrikethrough());
    if (mask & 2) set.push(gfmTaskListItem());
    set.push(frontmatter(['yaml']));
    extensionSets.set(mask, set);
  }
  return set;
}

/** The events of a plain draft. */
export function plainEvents(source: string): Event[] {
  return postprocess(parse({ extensions: extensionsFor(source) }).document().write(preprocess()(source, undefined, true)));
}

/** What the link extractor needs of a plain draft: the source ranges of its text and HTML nodes. */
export interface PlainOutline {
  text: Range[];
  html: Range[];
}

const outlines = new WeakMap<Draft, PlainOutline>();

/** The outline of a Draft built from events (undefined for one built from the tree). */
export function plainOutline(draft: Draft): PlainOutline | undefined {
  return outlines.get(draft);
}

/** Token types inside which the walk reads prose characters (a paragraph's or a heading's content). */
const INLINE = new Set(['paragraph', 'atxHeadingText', 'setextHeadingText']);

/** Token types that are nodes of their own inside prose (a text node ends at them). */
const INLINE_NODES = new Set(['emphasis', 'strong', 'strikethrough']);

/** Token types the walk passes over: markers, prefixes, white space and wrappers. */
const PASSED = new Set([
  'lineEndingBlank', 'linePrefix', 'lineSuffix', 'whitespace', 'content',
  'atxHeadingSequence', 'setextHeadingLine', 'setextHeadingLineSequence',
  'blockQuotePrefix', 'blockQuoteMarker', 'blockQuotePrefixWhitespace',
  'listItemPrefix', 'listItemMarker', 'listItemPrefixWhitespace', 'listItemValue', 'listItemIndent',
  'thematicBreak', 'thematicBreakSequence',
  'emphasisSequence', 'emphasisText', 'strongSequence', 'strongText', 'strikethroughSequence', 'strikethroughText',
]);

const offset = (t: Token): number => t.start.offset;
const end = (t: Token): number => t.end.offset;

/**
 * Where the line ending at `at` ends. A `lineEnding` token's own end can lie past it, over the
 * next line's indentation (after an unclosed `<!--` in a list item): the line ending is what the
 * source holds at the token's start.
 */
function eolEnd(source: string, at: number): number {
  return source.charCodeAt(at) === 13 && source.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
}

/** The index of the exit event of the token entered at `i`. */
function exitOf(events: Event[], i: number): number {
  const token = events[i]![1];
  let j = i + 1;
  while (events[j]![1] !== token) j++;
  return j;
}

/** The value mdast gives a code or HTML block: its `kind` tokens' text and the line endings between them. */
function blockValue(events: Event[], from: number, to: number, kind: string, source: string): string {
  let value = '';
  for (let j = from + 1; j < to; j++) {
    const [k, t] = events[j]!;
    if (k !== 'enter') continue;
    if (t.type === kind) value += source.slice(offset(t), end(t));
    else if (t.type === 'lineEnding') value += source.slice(offset(t), eolEnd(source, offset(t)));
  }
  return value;
}

/**
 * The walk over a plain draft's events that fills its runs, headings, comments and code ranges.
 * Every prose character is a character of a `data` or `lineEnding` token, at its own offset.
 */
export class EventWalker extends DraftFiller {
  private readonly outline: PlainOutline = { text: [], html: [] };
  /** the open text node's source range (-1: none) */
  private textStart = -1;
  private textEnd = -1;

  /** Reads the events into the draft; false (and the draft's body left empty) at a token it does not know. */
  walk(events: Event[]): boolean {
    const { draft, source, builder } = this;
    const titleRuns = draft.runs.length;
    let quoted = 0;
    let lists = 0;
    let inline = 0;
    let depth = 0;
    /** a hard break's start, until the line ending that ends it */
    let breakStart = -1;
    let breakEnd = -1;
    for (let i = 0; i < events.length; i++) {
      const [kind, token] = events[i]!;
      const type: string = token.type;
      if (kind === 'exit') {
        switch (type) {
          case 'blockQuote':
            quoted--;
            break;
          case 'listOrdered':
          case 'listUnordered':
            lists--;
            break;
          case 'paragraph':
          case 'atxHeadingText':
          case 'setextHeadingText':
            inline--;
            this.closeText();
            if (type === 'paragraph') {
              if (breakStart >= 0) builder.push('\n', breakStart, breakEnd);
              breakStart = -1;
              const run = finishRun(builder, this.pool, 'paragraph', { quoted: quoted > 0, listItem: lists > 0, depth: 0 });
              if (run) draft.runs.push(run);
            }
            break;
          case 'atxHeading':
          case 'setextHeading': {
            if (breakStart >= 0) builder.push('\n', breakStart, breakEnd);
            breakStart = -1;
            this.heading(finishRun(builder, this.pool, 'heading', { quoted: quoted > 0, listItem: lists > 0, depth }), depth, [offset(token), end(token)]);
            break;
          }
          default:
            if (INLINE_NODES.has(type)) this.closeText();
        }
        continue;
      }
      switch (type) {
        case 'data':
          if (!inline) return this.giveUp(titleRuns);
          this.text(offset(token), end(token));
          builder.pushVerbatim(source.slice(offset(token), end(token)), offset(token));
          continue;
        case 'lineEnding': {
          if (!inline) continue;
          const at = offset(token);
          const to = eolEnd(source, at);
          if (breakStart >= 0) {
            builder.push('\n', breakStart, to);
            breakStart = -1;
            continue;
          }
          this.text(at, to);
          builder.pushVerbatim(source.slice(at, to), at);
          continue;
        }
        case 'paragraph':
        case 'atxHeadingText':
        case 'setextHeadingText':
          inline++;
          if (type === 'paragraph') builder.reset();
          continue;
        case 'atxHeading':
        case 'setextHeading':
          builder.reset();
          depth = 0;
          continue;
        case 'atxHeadingSequence':
          if (!depth) depth = end(token) - offset(token);
          continue;
        case 'setextHeadingLineSequence':
          depth = source[offset(token)] === '=' ? 1 : 2;
          continue;
        case 'blockQuote':
          quoted++;
          continue;
        case 'listOrdered':
        case 'listUnordered':
          lists++;
          continue;
        case 'hardBreakTrailing':
          this.closeText();
          breakStart = offset(token);
          breakEnd = end(token);
          continue;
        case 'codeText': {
          this.closeText();
          const r: Range = [offset(token), end(token)];
          draft.codeRanges.push(r);
          builder.push(PLACEHOLDER, r[0], r[1]);
          i = exitOf(events, i);
          continue;
        }
        case 'htmlText': {
          this.closeText();
          const j = exitOf(events, i);
          const r: Range = [offset(token), end(token)];
          this.collectHtml(blockValue(events, i, j, 'htmlTextData', source), r);
          this.outline.html.push(r);
          builder.push(PLACEHOLDER, r[0], r[1]);
          i = j;
          continue;
        }
        case 'htmlFlow': {
          const j = exitOf(events, i);
          const r: Range = [offset(token), end(token)];
          this.htmlBlock(blockValue(events, i, j, 'htmlFlowData', source), r, { quoted: quoted > 0, listItem: lists > 0 });
          this.outline.html.push(r);
          i = j;
          continue;
        }
        case 'codeFenced':
          draft.codeRanges.push([offset(token), end(token)]);
          i = exitOf(events, i);
          continue;
        case 'codeIndented': {
          const j = exitOf(events, i);
          const value = blockValue(events, i, j, 'codeFlowValue', source).replace(/(\r?\n|\r)$/, '');
          this.codeBlock(value, [offset(token), end(token)], { quoted: quoted > 0, listItem: lists > 0 });
          i = j;
          continue;
        }
        case 'yaml':
          i = exitOf(events, i);
          continue;
        default:
          if (INLINE_NODES.has(type)) this.closeText();
          else if (!PASSED.has(type)) return this.giveUp(titleRuns);
      }
    }
    outlines.set(draft, this.outline);
    return true;
  }

  /** a `data` or `lineEnding` token of prose: it continues the open text node or opens one */
  private text(from: number, to: number): void {
    if (this.textStart < 0) this.textStart = from;
    this.textEnd = to;
  }

  private closeText(): void {
    if (this.textStart < 0) return;
    this.outline.text.push([this.textStart, this.textEnd]);
    this.textStart = -1;
  }

  private giveUp(titleRuns: number): false {
    const d = this.draft;
    d.runs.length = titleRuns;
    d.headings.length = 0;
    d.comments.length = 0;
    d.codeRanges.length = 0;
    d.indentedText.length = 0;
    return false;
  }
}
