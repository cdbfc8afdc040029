/**
 * Plain-text drafts (`.txt`) → Markdown the Draft model reads, with a position map back to the
 * original. Each non-empty line of the text is one paragraph (that is how a draft written in
 * Notepad or copied out of WPS looks); Markdown syntax characters are escaped so that the prose
 * stays prose (a line starting with `1.` or `#` is not a list or a heading).
 *
 * The Markdown builder and the position map defined here are shared with the Word reader
 * (src/document/docx.ts): every character of the generated Markdown knows which paragraph of the
 * original it came from and at which character.
 */

/**
 * Where each character of generated Markdown comes from: `para[i]`/`char[i]` are the 1-based
 * paragraph (for `.txt`: the line) and character (UTF-16 unit) of Markdown character `i`.
 * Markup that the reader added (escapes, `[`, `](url)`, `# `) maps to the text character it
 * stands next to.
 */
export interface PositionMap {
  /** what the numbers count: Word paragraphs, or lines of a text file */
  unit: 'paragraph' | 'line';
  para: Int32Array;
  char: Int32Array;
}

/** Characters that start or close Markdown inline syntax anywhere in a line. */
const INLINE_SPECIAL = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#']);
/** Characters that start a block (list, quote, thematic break, setext underline) at the start of a line. */
const LINE_START_SPECIAL = new Set(['-', '+', '=', '>', '#']);
/** Bare web addresses: left unescaped so that GFM autolinks (and the link rules) still see them. */
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<>"'“”‘’（）()，。；、]+/gi;

/** Accumulates Markdown text together with its position map. */
export class MarkdownBuilder {
  private parts: string[] = [];
  private paras: number[] = [];
  private chars: number[] = [];
  /** the original text of each paragraph, character by character (index = char - 1) */
  private plain: string[][] = [];
  length = 0;

  /** Markup (not from the original): every character maps to `(para, char)`. */
  markup(s: string, para: number, char: number): void {
    this.parts.push(s);
    for (let i = 0; i < s.length; i++) {
      this.paras.push(para);
      this.chars.push(char);
    }
    this.length += s.length;
  }

  /**
   * Text from the original, escaped for Markdown. `char` is the 1-based character of `s[0]` in
   * its paragraph; returns the character after the last one. `lineStart` escapes block syntax
   * at the start of `s`.
   */
  text(s: string, para: number, char: number, lineStart = false): number {
    const urls: Array<[number, number]> = [];
    for (const m of s.matchAll(BARE_URL)) urls.push([m.index!, m.index! + m[0].length]);
    let u = 0;
    let atStart = lineStart;
    const row = (this.plain[para] ??= []);
    for (let i = 0; i < s.length; i++) row[char + i - 1] = s[i] === '\n' || s[i] === '\r' ? ' ' : s[i]!;
    for (let i = 0; i < s.length; i++) {
      let ch = s[i]!;
      const c = char + i;
      if (ch === '\n' || ch === '\r') ch = ' ';
      if (atStart) {
        // leading ASCII blanks would make an indented code block: drop them
        if (ch === ' ' || ch === '\t') continue;
        atStart = false;
        if (LINE_START_SPECIAL.has(ch)) {
          this.markup('\\', para, c);
          this.markup(ch, para, c);
          continue;
        }
        const num = /^\d{1,9}([.)])/.exec(s.slice(i));
        if (num) {
          const digits = num[0].length - 1;
          for (let k = 0; k < digits; k++) this.markup(s[i + k]!, para, c + k);
          this.markup('\\', para, c + digits);
          this.markup(num[1]!, para, c + digits);
          i += digits;
          continue;
        }
      }
      while (u < urls.length && urls[u]![1] <= i) u++;
      const inUrl = u < urls.length && urls[u]![0] <= i;
      if (!inUrl && INLINE_SPECIAL.has(ch)) this.markup('\\', para, c);
      this.markup(ch, para, c);
    }
    return char + s.length;
  }

  /** Remove trailing blanks of the current line (they would be a hard break or nothing). */
  trimEnd(): void {
    while (this.parts.length) {
      const last = this.parts[this.parts.length - 1]!;
      if (last !== ' ' && last !== '\t') break;
      this.parts.pop();
      this.paras.pop();
      this.chars.pop();
      this.length--;
    }
  }

  toString(): string {
    return this.parts.join('');
  }

  map(unit: PositionMap['unit']): PositionMap {
    return { unit, para: Int32Array.from(this.paras), char: Int32Array.from(this.chars) };
  }

  /** The original text as paragraphs, one a line (paragraph n on line n; empty ones empty). */
  paragraphs(count: number): string {
    const lines: string[] = [];
    for (let p = 1; p <= Math.max(count, this.plain.length - 1); p++) lines.push(Array.from(this.plain[p] ?? [], (c) => c ?? ' ').join(''));
    return lines.join('\n');
  }
}

export interface ConvertedText {
  /** Markdown (no front matter) */
  markdown: string;
  map: PositionMap;
  /**
   * The original as the editor sees it, in which `map` positions are line:column: for a text
   * file the file itself; for Word one paragraph a line.
   */
  view: string;
}

/**
 * A plain-text draft as Markdown: each non-empty line becomes a paragraph (blank lines between),
 * escaped so that it reads as prose. Positions map to the original line and column.
 */
export function txtToMarkdown(text: string): ConvertedText {
  const b = new MarkdownBuilder();
  const original = text.replace(/^\ufeff/, '');
  const lines = original.split(/\r\n|\r|\n/);
  let first = true;
  lines.forEach((line, idx) => {
    if (!line.trim()) return;
    const lineNo = idx + 1;
    if (!first) b.markup('\n\n', lineNo, 1);
    first = false;
    b.text(line, lineNo, 1, true);
    b.trimEnd();
  });
  if (!first) b.markup('\n', lines.length, 1);
  return { markdown: b.toString(), map: b.map('line'), view: lines.join('\n') };
}
