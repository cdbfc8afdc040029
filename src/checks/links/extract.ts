/**
 * Every link a reader can follow in a draft, with exact source positions:
 * Markdown links, images, reference definitions and `<…>` autolinks (from `draft.links`,
 * falling back to the tree), bare URLs in prose (`http://…`, `www.…`; GFM literal autolinks are
 * re-scanned because GFM runs them on into the Chinese text that follows), and `href`/`src`
 * attributes of inline and block HTML.
 */
import { plainOutline } from '../../document/events.js';
import type { Draft, DraftLink, Range } from '../../types.js';

export type FoundKind = DraftLink['kind'] | 'bare';

export interface FoundLink {
  /** the target (decoded for Markdown/HTML; as written for bare text) */
  url: string;
  kind: FoundKind;
  /** the whole construct */
  range: Range;
  /** the URL itself */
  urlRange: Range;
  /** true when `urlRange` covers exactly the characters of `url` in the source (safe to replace) */
  exact: boolean;
  /** bare text in prose: `www.…` without a scheme */
  bare: boolean;
}

/** A malformed web address found in prose (full-width `http：／／`, `http//`). */
export interface ProseProblem {
  text: string;
  range: Range;
  reason: 'fullwidth' | 'scheme';
}

export interface Extraction {
  links: FoundLink[];
  prose: ProseProblem[];
}

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const cache = new WeakMap<Draft, Extraction>();

export function extractLinks(draft: Draft): Extraction {
  let e = cache.get(draft);
  if (!e) {
    e = extract(draft);
    cache.set(draft, e);
  }
  return e;
}

function span(n: MdNode): Range | null {
  const s = n.position?.start.offset;
  const t = n.position?.end.offset;
  return typeof s === 'number' && typeof t === 'number' ? [s, t] : null;
}

/** Characters that may appear in a bare URL (RFC 3986 unreserved + reserved + '%'). */
const URL_CHARS = "A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%";
const BARE_RE = new RegExp(`(?<![A-Za-z0-9_@.\\-/])(?:(?:https?|ftp)://|www\\.)[${URL_CHARS}]*`, 'gi');
/** `http：//`, `http:／／`, `ｈｔｔｐ://` … and `http//host` (missing colon). */
const PROSE_FW_RE = /(?<![A-Za-z0-9\uff21-\uff3a\uff41-\uff5a])(?:https?|ftp|ｈｔｔｐｓ?|ｆｔｐ)\s?[:：]\s?[/／]\s?[/／]/gi;
const PROSE_NOCOLON_RE = /(?<![A-Za-z0-9])https?\/\/(?=[A-Za-z0-9])/gi;

/** Trim what usually follows a URL in prose: punctuation and unbalanced closing brackets. */
export function trimBareUrl(s: string): string {
  let t = s;
  for (;;) {
    const last = t.at(-1);
    if (last === undefined) return t;
    if (".,:;!?'\"*_~".includes(last)) {
      t = t.slice(0, -1);
      continue;
    }
    if (last === ')' || last === ']') {
      const open = last === ')' ? '(' : '[';
      const opens = t.split(open).length - 1;
      const closes = t.split(last).length - 1;
      if (closes > opens) {
        t = t.slice(0, -1);
        continue;
      }
    }
    return t;
  }
}

/** Scan prose source for bare URLs. `offset` is the source offset of `text`. */
export function scanBare(text: string, offset: number): { links: FoundLink[]; prose: ProseProblem[] } {
  const links: FoundLink[] = [];
  const prose: ProseProblem[] = [];
  // every pattern below needs a slash (`://`, `//`, `：／／`) or `www.`: most prose has neither,
  // and three matchAll calls (each clones its regex) per text region cost more than these tests
  if (!text.includes('/') && !text.includes('／') && !(text.includes('.') && /www\./i.test(text))) return { links, prose };
  for (const m of text.matchAll(BARE_RE)) {
    const url = trimBareUrl(m[0]);
    const isWww = /^www\./i.test(url);
    if (isWww) {
      // need a real host: www.<label>.<tld>
      if (!/^www\.[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(?=$|[:/?#])/i.test(url)) continue;
    } else if (!/^[a-z]+:\/\/[a-z0-9[]/i.test(url)) {
      continue; // "http://" alone, talked about in prose
    }
    const s = offset + m.index!;
    links.push({ url, kind: 'bare', range: [s, s + url.length], urlRange: [s, s + url.length], exact: true, bare: isWww });
  }
  for (const re of [PROSE_FW_RE, PROSE_NOCOLON_RE]) {
    for (const m of text.matchAll(re)) {
      if (re === PROSE_FW_RE && !/[：／ｈｔｐｓｆ]/i.test(m[0])) continue; // plain ASCII is handled above
      // extend over the rest of the address (ASCII or full-width URL characters)
      const rest = /^[A-Za-z0-9\-._~:/?#@!$&=%+\uff01-\uff5e]*/.exec(text.slice(m.index! + m[0].length))![0];
      const whole = trimBareUrl(m[0] + rest).replace(/[\uff0c\uff1b\uff1a\uff01\uff1f\uff09]+$/, '');
      const s = offset + m.index!;
      prose.push({ text: whole, range: [s, s + whole.length], reason: re === PROSE_FW_RE ? 'fullwidth' : 'scheme' });
    }
  }
  return { links, prose };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const TAG_RE = /<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*?)?\/?>/g;
const ATTR_RE = /(?<=\s)(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/** href/src attributes in an HTML fragment; `offset` is the source offset of `html`. */
export function scanHtml(html: string, offset: number): FoundLink[] {
  // blank out comments, keeping offsets
  const text = html.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => ' '.repeat(c.length));
  const out: FoundLink[] = [];
  for (const tag of text.matchAll(TAG_RE)) {
    const attrs = tag[2];
    if (!attrs) continue;
    const attrsStart = tag.index! + 1 + tag[1]!.length;
    for (const a of attrs.matchAll(ATTR_RE)) {
      const raw = a[2] ?? a[3] ?? a[4] ?? '';
      const quoted = a[2] !== undefined || a[3] !== undefined;
      const valueStart = attrsStart + a.index! + a[0].length - raw.length - (quoted ? 1 : 0);
      const s = offset + valueStart;
      const url = decodeEntities(raw);
      out.push({
        url,
        kind: 'html',
        range: [offset + attrsStart + a.index!, offset + attrsStart + a.index! + a[0].length],
        urlRange: [s, s + raw.length],
        exact: url === raw,
        bare: false,
      });
    }
  }
  return out;
}

/**
 * The source range of a Markdown destination: after the last `](` of a link or image (the
 * link text may itself contain the URL), after `]:` of a definition, inside `<…>` of an autolink.
 * Null when the URL is not written verbatim (escapes, entities) or is empty.
 */
export function locateDestination(src: string, url: string, r: Range, kind: FoundKind): Range | null {
  if (!url) {
    // `[text]()`: point at the empty parentheses
    if (kind === 'link' || kind === 'image') {
      const i = src.slice(r[0], r[1]).lastIndexOf('](');
      if (i >= 0) return [r[0] + i + 1, r[0] + i + 1 + src.slice(r[0] + i + 1, r[1]).indexOf(')') + 1];
    }
    return null;
  }
  const text = src.slice(r[0], r[1]);
  let from = 0;
  if (kind === 'link' || kind === 'image') from = Math.max(0, text.lastIndexOf(']('));
  else if (kind === 'definition') from = Math.max(0, text.indexOf(']:'));
  // the raw destination token right after `](` / `]:` (also when written with escapes or entities)
  let m: RegExpExecArray | null = null;
  // (the construct ends with the link's `)`; the destination is the first token inside)
  if ((kind === 'link' || kind === 'image') && from > 0 && text.endsWith(')')) m = /^\]\(\s*(<[^>\n]*>|\S+)/.exec(text.slice(from, -1));
  else if (kind === 'definition' && from > 0) m = /^\]:\s*(<[^>\n]*>|\S+)/.exec(text.slice(from));
  if (m) {
    let s = r[0] + from + m[0].length - m[1]!.length;
    let e = r[0] + from + m[0].length;
    if (m[1]!.startsWith('<')) {
      s++;
      e--;
    }
    return [s, e];
  }
  const at = text.indexOf(url, from);
  return at >= 0 ? [r[0] + at, r[0] + at + url.length] : null;
}

function overlaps(a: Range, b: Range): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** Is `r` inside one of the ranges `covered`? */
function isCovered(covered: Range[], r: Range): boolean {
  return covered.some((c) => c[0] <= r[0] && r[1] <= c[1]);
}

/** What step 2 of `extract` collects while it walks a draft's tree. */
interface TreeWalk {
  src: string;
  links: FoundLink[];
  regions: Range[];
  covered: Range[];
}

/** The href and src attributes of an HTML node (unless it opens with a comment), each once. */
function htmlLinks(src: string, r: Range, links: FoundLink[]): void {
  if (/^<!--/.test(src.slice(r[0], r[0] + 4))) return;
  for (const h of scanHtml(src.slice(r[0], r[1]), r[0])) {
    if (!links.some((l) => l.urlRange[0] === h.urlRange[0])) links.push(h);
  }
}

/**
 * Step 2 of `extract`: constructs draft.links did not report, prose text and HTML. A function of
 * the module, not a closure made per draft, so that V8 keeps its optimised code between drafts
 * (see DraftWalker in document/draft.ts).
 *
 * GFM's autolink-literal transform (mdast level) splits text nodes without positions; their text
 * is then scanned through the nearest ancestor that has one (explicit links, code and HTML inside
 * it are excluded by the overlap tests of step 3).
 */
function walkTree(w: TreeWalk, n: MdNode, inLink: boolean, fallback: Range | null): void {
  const { src, links, regions, covered } = w;
  const r = span(n);
  if (!r && (n.type === 'text' || n.type === 'link') && !inLink) {
    if (fallback) regions.push(fallback);
    return;
  }
  switch (n.type) {
    case 'link':
    case 'image':
    case 'definition': {
      if (!r) break;
      const literal = n.type === 'link' && src[r[0]] !== '[' && src[r[0]] !== '<';
      if (literal) {
        if (!isCovered(covered, r)) regions.push(r);
        return;
      }
      if (!isCovered(covered, r) && typeof n.url === 'string') {
        // locate the destination: the last occurrence of the URL in the construct
        const kind: FoundKind = n.type === 'link' ? (src[r[0]] === '<' ? 'autolink' : 'link') : n.type;
        const at = locateDestination(src, n.url, r, kind);
        links.push({ url: n.url, kind, range: r, urlRange: at ?? r, exact: at !== null, bare: false });
        covered.push(r);
      }
      break;
    }
    case 'text':
      if (r && !inLink) regions.push(r);
      return;
    case 'html':
      if (r) htmlLinks(src, r, links);
      return;
    case 'code':
    case 'inlineCode':
    case 'yaml':
    case 'toml':
      return;
  }
  const childInLink = inLink || n.type === 'link' || n.type === 'linkReference';
  for (const c of n.children ?? []) walkTree(w, c, childInLink, r ?? fallback);
}

function extract(draft: Draft): Extraction {
  const src = draft.source;
  const links: FoundLink[] = [];
  const prose: ProseProblem[] = [];
  const regions: Range[] = [];
  const covered: Range[] = [];

  // 1. what the document layer found (except GFM literal autolinks: re-scanned as prose)
  for (const l of draft.links ?? []) {
    if (l.kind === 'autolink' && src[l.range[0]] !== '<') {
      regions.push([l.range[0], l.range[1]]);
      covered.push(l.range);
      continue;
    }
    const urlRange = locateDestination(src, l.url, l.range, l.kind) ?? l.urlRange;
    const exact = src.slice(urlRange[0], urlRange[1]) === l.url;
    links.push({ url: l.url, kind: l.kind, range: l.range, urlRange, exact, bare: false });
    covered.push(l.range);
  }

  // 2. the tree: constructs draft.links did not report, prose text, HTML (a plain draft, read
  // from the parser's events, has no link and keeps the ranges of its text and HTML nodes)
  const outline = plainOutline(draft);
  if (outline) {
    for (const r of outline.text) regions.push(r);
    for (const r of outline.html) htmlLinks(src, r, links);
  } else walkTree({ src, links, regions, covered }, draft.tree as unknown as MdNode, false, null);

  // 3. prose: merge touching regions (text + literal autolink + text) and scan them
  regions.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of regions) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const code = draft.codeRanges ?? [];
  for (const r of merged) {
    const found = scanBare(src.slice(r[0], r[1]), r[0]);
    for (const l of found.links) {
      if (code.some((c) => overlaps(c, l.range))) continue;
      if (links.some((x) => overlaps(x.range, l.range) && x.kind !== 'bare')) continue;
      links.push(l);
    }
    for (const p of found.prose) {
      if (code.some((c) => overlaps(c, p.range)) || links.some((x) => x.kind !== 'bare' && overlaps(x.range, p.range))) continue;
      prose.push(p);
    }
  }

  links.sort((a, b) => a.urlRange[0] - b.urlRange[0]);
  prose.sort((a, b) => a.range[0] - b.range[0]);
  return { links, prose };
}
