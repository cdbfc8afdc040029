/**
 * Word drafts (`.docx`) → Markdown the Draft model reads, with a position map back to the
 * document: mammoth turns the document into simple HTML (paragraphs, headings, lists, tables,
 * hyperlinks), and this module turns that HTML into Markdown, keeping for each character the
 * paragraph number (as Word counts them: every paragraph, including empty ones and those inside
 * table cells) and the character in that paragraph.
 *
 * Headings stay headings (`#`), tables become GFM tables, hyperlinks become `[text](url)` so that
 * the link rules apply; images, bookmarks and formatting (bold, italic) are dropped.
 */
import type mammothType from 'mammoth';
import { MarkdownBuilder, type ConvertedText } from './txt.js';
import { htmlParser, loadHtmlParser, type Parse5Node, type Parse5Parent, type Parse5Text } from './html.js';

/** Chinese Word names its built-in styles in Chinese; map them as mammoth maps the English ones. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='副标题'] => h2:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='标题 ${n}'] => h${n}:fresh`),
];

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = El | string;

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'blockquote']);

/**
 * mammoth's HTML as a small tree, parsed by parse5 (entities decoded, `<tbody>` added as the HTML
 * standard does). The parser must be loaded (`loadHtmlParser`, which `docxToMarkdown` awaits).
 */
export function parseHtml(html: string): El {
  const parse5 = htmlParser();
  const toNode = (n: Parse5Node): Node | null => {
    if (n.nodeName === '#text') return (n as Parse5Text).value;
    if (!('tagName' in n)) return null; // comments
    return { tag: n.tagName, attrs: Object.fromEntries(n.attrs.map((a) => [a.name, a.value])), children: childrenOf(n) };
  };
  const childrenOf = (n: Parse5Parent): Node[] => n.childNodes.map(toNode).filter((c): c is Node => c !== null);
  return { tag: '#root', attrs: {}, children: childrenOf(parse5.parseFragment(html)) };
}

function textOf(n: Node): string {
  return typeof n === 'string' ? n : n.children.map(textOf).join('');
}

function isExternal(href: string | undefined): href is string {
  return !!href && !href.startsWith('#');
}

function linkDestination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

class DocxWriter {
  b = new MarkdownBuilder();
  para = 0;
  private blocks = 0;

  /** Start a new block: blank line between blocks. */
  private open(indent = ''): void {
    if (this.blocks++) this.b.markup('\n\n', this.para, 1);
    if (indent) this.b.markup(indent, this.para, 1);
  }

  /** Write inline content of one paragraph; returns the next character index. */
  private inline(nodes: Node[], char: number, state: { lineStart: boolean; breakAs: string }): number {
    for (const n of nodes) {
      if (typeof n === 'string') {
        if (!n) continue;
        char = this.b.text(n, this.para, char, state.lineStart);
        if (n.trim()) state.lineStart = false;
        continue;
      }
      if (n.tag === 'br') {
        if (!state.lineStart) this.b.markup(state.breakAs, this.para, char);
        continue;
      }
      if (n.tag === 'img') continue;
      if (n.tag === 'a' && isExternal(n.attrs.href) && textOf(n).trim()) {
        this.b.markup('[', this.para, char);
        state.lineStart = false;
        char = this.inline(n.children, char, state);
        this.b.markup(`](${linkDestination(n.attrs.href)})`, this.para, Math.max(1, char - 1));
        continue;
      }
      if (n.tag === 'a' && isExternal(n.attrs.href)) {
        // a hyperlink with no visible text: keep the address so the link rules see it
        this.b.markup(`<${n.attrs.href}>`, this.para, char);
        state.lineStart = false;
        continue;
      }
      if (BLOCK.has(n.tag)) {
        // a block inside inline content (should not happen in mammoth output): flatten its text
        char = this.inline(n.children, char, state);
        continue;
      }
      char = this.inline(n.children, char, state);
    }
    return char;
  }

  paragraph(el: El, prefix = '', indent = ''): void {
    this.para++;
    if (!textOf(el).trim() && !el.children.some((c) => typeof c !== 'string' && c.tag === 'a')) return; // empty paragraph: counted, not written
    this.open(indent);
    if (prefix) this.b.markup(prefix, this.para, 1);
    this.inline(el.children, 1, { lineStart: true, breakAs: prefix.startsWith('#') ? ' ' : '\\\n' + indent + ' '.repeat(prefix.length) });
    this.b.trimEnd();
  }

  list(el: El, depth: number, indent: string): void {
    const ordered = el.tag === 'ol';
    let n = 0;
    for (const li of el.children) {
      if (typeof li === 'string' || li.tag !== 'li') continue;
      n++;
      const marker = ordered ? `${n}. ` : '- ';
      const inlineKids: Node[] = [];
      const nested: El[] = [];
      const paras: El[] = [];
      for (const c of li.children) {
        if (typeof c !== 'string' && (c.tag === 'ul' || c.tag === 'ol')) nested.push(c);
        else if (typeof c !== 'string' && BLOCK.has(c.tag)) paras.push(c);
        else inlineKids.push(c);
      }
      if (inlineKids.some((c) => textOf(c).trim())) this.paragraph({ tag: 'p', attrs: {}, children: inlineKids }, marker, indent);
      for (const p of paras) {
        if (p.tag === 'table') this.table(p);
        else this.paragraph(p, marker, indent);
      }
      for (const sub of nested) this.list(sub, depth + 1, indent + ' '.repeat(marker.length));
    }
  }

  table(el: El): void {
    const rows: El[] = [];
    const collect = (e: El): void => {
      for (const c of e.children) {
        if (typeof c === 'string') continue;
        if (c.tag === 'tr') rows.push(c);
        else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') collect(c);
      }
    };
    collect(el);
    const grid = rows.map((r) => r.children.filter((c): c is El => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th')));
    const width = Math.max(0, ...grid.map((r) => r.length));
    if (!width) return;
    this.open();
    grid.forEach((cells, ri) => {
      if (ri > 0) this.b.markup('\n', this.para + 1, 1);
      this.b.markup('|', this.para + 1, 1);
      for (let ci = 0; ci < width; ci++) {
        const cell = cells[ci];
        this.b.markup(' ', this.para + 1, 1);
        if (cell) this.cell(cell);
        this.b.trimEnd();
        this.b.markup(' |', this.para, 1);
      }
      if (ri === 0) {
        this.b.markup('\n|', this.para, 1);
        for (let ci = 0; ci < width; ci++) this.b.markup(' --- |', this.para, 1);
      }
    });
  }

  /** A table cell: its paragraphs on one line, separated by a space. */
  private cell(cell: El): void {
    const blocks = cell.children.filter((c): c is El => typeof c !== 'string' && BLOCK.has(c.tag));
    const loose = cell.children.filter((c) => typeof c === 'string' || !BLOCK.has(c.tag));
    const paras: Node[][] = blocks.length ? [] : [loose];
    const flatten = (e: El): void => {
      if (e.tag === 'p' || /^h\d$/.test(e.tag) || e.tag === 'li') paras.push(e.children.filter((c) => typeof c === 'string' || !(c.tag === 'ul' || c.tag === 'ol')));
      for (const c of e.children) if (typeof c !== 'string' && BLOCK.has(c.tag) && c.tag !== 'p') flatten(c);
    };
    for (const b of blocks) flatten(b);
    let wrote = false;
    for (const p of paras) {
      this.para++;
      if (!p.map(textOf).join('').trim()) continue;
      if (wrote) this.b.markup(' ', this.para, 1);
      this.inline(p, 1, { lineStart: false, breakAs: ' ' });
      this.b.trimEnd();
      wrote = true;
    }
  }

  block(n: Node): void {
    if (typeof n === 'string') {
      if (n.trim()) this.paragraph({ tag: 'p', attrs: {}, children: [n] });
      return;
    }
    const h = /^h([1-6])$/.exec(n.tag);
    if (h) return this.paragraph(n, '#'.repeat(Number(h[1])) + ' ');
    switch (n.tag) {
      case 'p':
        return this.paragraph(n);
      case 'ul':
      case 'ol':
        return this.list(n, 0, '');
      case 'table':
        return this.table(n);
      case 'blockquote':
        for (const c of n.children) this.block(c);
        return;
      default:
        if (BLOCK.has(n.tag)) for (const c of n.children) this.block(c);
        else this.paragraph({ tag: 'p', attrs: {}, children: [n] });
    }
  }
}

/** Convert mammoth's HTML to Markdown with a paragraph/character map. */
export function htmlToMarkdown(html: string): ConvertedText {
  const w = new DocxWriter();
  for (const n of parseHtml(html).children) w.block(n);
  if (w.b.length) w.b.markup('\n', w.para, 1);
  return { markdown: w.b.toString(), map: w.b.map('paragraph'), view: w.b.paragraphs(w.para) };
}

/** A Word draft that unpacks to more than this is refused (a zip bomb, or not a draft). */
export const MAX_UNCOMPRESSED = 200 * 1024 * 1024;

/**
 * The total uncompressed size a zip archive declares in its central directory, or null when
 * the bytes are not a zip archive. Read before unpacking, so that a small file that would
 * unpack to gigabytes is refused up front.
 */
export function zipUncompressedSize(buf: Buffer): number | null {
  // the end-of-central-directory record is in the last 22 + 65535 bytes
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size; // zip64: treat as too large
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

export interface ConvertedDocx extends ConvertedText {
  /** mammoth's warnings (unrecognised styles and the like) */
  warnings: string[];
}

/**
 * Read a `.docx` (bytes) into Markdown plus a position map. Throws when the bytes are not a
 * Word document. Never reads anything but the bytes given (external images and linked files
 * are not followed).
 */
export async function docxToMarkdown(bytes: Uint8Array): Promise<ConvertedDocx> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = zipUncompressedSize(buffer);
  if (size === null) throw new Error('not a zip archive (.docx files are zip archives)');
  if (size > MAX_UNCOMPRESSED) throw new Error(`unpacks to ${Math.round(size / 1024 / 1024)} MB, more than the ${MAX_UNCOMPRESSED / 1024 / 1024} MB a draft may have`);
  // loaded on first use: a Markdown-only run does not pay for mammoth's start-up
  const mammoth = ((await import('mammoth')) as unknown as { default: typeof mammothType }).default;
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      ignoreEmptyParagraphs: false,
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    },
  );
  await loadHtmlParser();
  const out = htmlToMarkdown(result.value);
  return { ...out, warnings: result.messages.map((m) => m.message) };
}
