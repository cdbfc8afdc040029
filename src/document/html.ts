/**
 * Raw HTML blocks in a draft (a table pasted from the CMS, `<p>` paragraphs): their text is
 * published like any paragraph, so the Draft reads it as prose, one run per block-level element.
 * The HTML is parsed by parse5 (the HTML standard's parsing algorithm, with source locations),
 * which is loaded only for drafts that may hold an HTML block (`MAY_HOLD_HTML`, `loadHtmlParser`):
 * a run over drafts without HTML never loads it (issue 9: start-up imports only what is needed).
 */
import type * as Parse5 from 'parse5';

let parse5: typeof Parse5 | null = null;

/** Load the HTML parser (once per process). `buildDraft` reads HTML blocks only once it is loaded. */
export async function loadHtmlParser(): Promise<void> {
  parse5 ??= await import('parse5');
}

/** Load the parser when `text` may hold an HTML block (what `lint` does before `buildDraft`). */
export async function loadHtmlParserFor(text: string): Promise<void> {
  if (!parse5 && MAY_HOLD_HTML.test(text)) await loadHtmlParser();
}

/** The loaded parser (after `await loadHtmlParser()`). */
export function htmlParser(): typeof Parse5 {
  if (!parse5) throw new Error('the HTML parser is not loaded (await loadHtmlParser() first)');
  return parse5;
}

export type Parse5Node = Parse5.DefaultTreeAdapterTypes.Node;
export type Parse5Parent = Parse5.DefaultTreeAdapterTypes.ParentNode;
export type Parse5Text = Parse5.DefaultTreeAdapterTypes.TextNode;

/**
 * A line that may open an HTML block with text: `<` and a tag name, after indentation and the
 * markers of quotes and lists (`> <table>`, `- <p>`, `1. <table>`, a list item's indented line).
 * A line it matches in vain (code) only loads the parser for nothing.
 */
export const MAY_HOLD_HTML = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)?<[A-Za-z]/m;

/** A piece of text: `text` decoded, [start, end) its source in the HTML. */
export interface HtmlTextPiece {
  text: string;
  start: number;
  end: number;
}
/** The text of one block-level element; `cell` for a table cell. */
export interface HtmlTextBlock {
  cell: boolean;
  pieces: HtmlTextPiece[];
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** elements whose content is not prose: not shown as text, or code (as in Markdown) */
const NOT_PROSE = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object', 'svg', 'math', 'select', 'textarea',
  'pre', 'code', 'kbd', 'samp',
]);


/** The text of an HTML fragment by block-level element, or null when the parser is not loaded. */
export function htmlText(html: string): HtmlTextBlock[] | null {
  if (!parse5) return null;
  const fragment = parse5.parseFragment(html, { sourceCodeLocationInfo: true });
  const blocks: HtmlTextBlock[] = [];
  let current: HtmlTextBlock = { cell: false, pieces: [] };
  const flush = (cell: boolean) => {
    if (current.pieces.some((p) => p.text.trim())) blocks.push(current);
    current = { cell, pieces: [] };
  };
  const walk = (node: Parse5Node) => {
    for (const child of 'childNodes' in node ? node.childNodes : []) {
      const loc = child.sourceCodeLocation;
      if (child.nodeName === '#text') {
        if (loc) current.pieces.push({ text: (child as Parse5Text).value, start: loc.startOffset, end: loc.endOffset });
      } else if (child.nodeName === 'br') {
        if (loc) current.pieces.push({ text: '\n', start: loc.startOffset, end: loc.endOffset });
      } else if (child.nodeName.startsWith('#') || NOT_PROSE.has(child.nodeName)) {
        continue;
      } else if (BLOCK.has(child.nodeName)) {
        const cell = child.nodeName === 'td' || child.nodeName === 'th';
        flush(cell);
        walk(child);
        flush(false);
      } else walk(child);
    }
  };
  walk(fragment);
  flush(false);
  return blocks;
}
