/**
 * Kind `markdown`: Markdown that will not show the way the editor meant.
 *
 * `indented-text`: a block of Chinese text indented by four spaces (or a tab) is an indented code
 * block: the site shows it in a monospaced box without line wrapping. Editors do this when they
 * type 首行缩进 as spaces or paste from a word processor. The Draft still reads its text as prose
 * (see `Draft.indentedText`), so the other rules check it; this rule says how it will look, and
 * its fix turns the block into paragraphs (see `unindent`).
 *
 * Message data: `indent` (the first line's indentation, described), `start` (its first words).
 */
import { lineRange } from '../document/draft.js';
import type { CheckKind, Range } from '../types.js';

const CHECKS = ['indented-text'];

/** describe an indentation: 4个空格 / 1个制表符 / 4 spaces */
function describeIndent(ws: string, lang: string): string {
  const tabs = [...ws].filter((c) => c === '\t').length;
  const spaces = ws.length - tabs;
  const parts: string[] = [];
  if (lang === 'en') {
    if (spaces) parts.push(`${spaces} space${spaces > 1 ? 's' : ''}`);
    if (tabs) parts.push(`${tabs} tab${tabs > 1 ? 's' : ''}`);
    return parts.join(' and ');
  }
  if (spaces) parts.push(`${spaces}个空格`);
  if (tabs) parts.push(`${tabs}个制表符`);
  return parts.join('和');
}

/**
 * The block as paragraphs: the white space at the start of each line removed, and a blank line
 * between two lines of text, since the block showed its lines apart and a line pasted from a word
 * processor is a paragraph (the signature and date under a notice stay on lines of their own).
 * A line's code indentation starts at the column where the block starts, after a list item's
 * indentation or a blockquote's `>`, which stay (a blank line in a quote keeps its `>`). A line
 * whose prefix up to there is not white space or `>` is left as it is.
 */
export function unindent(source: string, r: Range, lineStart: number): string {
  const col = r[0] - lineStart;
  const lines = source.slice(r[0], r[1]).split('\n');
  const out: string[] = [];
  let prevText = false;
  lines.forEach((line, i) => {
    const blank = /^[ \t>]*\r?$/.test(line);
    if (i === 0) {
      out.push(line.replace(/^[ \t]+/, ''));
      prevText = !blank;
      return;
    }
    const prefix = line.slice(0, col);
    if (blank || prefix.length < col || !/^[ \t>]*$/.test(prefix)) {
      out.push(line);
      prevText = !blank;
      return;
    }
    if (prevText) out.push(prefix.trimEnd() + (lines[i - 1]!.endsWith('\r') ? '\r' : ''));
    out.push(prefix + line.slice(col).replace(/^[ \t]+/, ''));
    prevText = true;
  });
  return out.join('\n');
}

const kind: CheckKind = {
  id: 'markdown',
  validateOptions(o) {
    const errors: string[] = [];
    for (const k of Object.keys(o)) if (k !== 'check') errors.push(`unknown option "${k}"`);
    if (!CHECKS.includes(o.check as string)) errors.push(`\`check\` must be one of ${CHECKS.join(', ')}`);
    return errors;
  },
  create(_rule, _options, ctx) {
    return {
      run(draft, report) {
        for (const r of draft.indentedText) {
          const src = draft.source;
          const [lineStart, eol] = lineRange(src, draft.lineStarts, r[0]);
          const lineEnd = Math.min(eol, r[1]);
          const ws = /^[ \t]*/.exec(src.slice(r[0], lineEnd))![0];
          const first = src.slice(r[0] + ws.length, lineEnd);
          const start = [...first].length > 12 ? `${[...first].slice(0, 12).join('')}…` : first;
          const fixed = unindent(src, r, lineStart);
          report({
            range: [r[0], lineEnd],
            data: { indent: describeIndent(ws, ctx.lang), start },
            ...(fixed !== src.slice(r[0], r[1]) ? { fix: { range: r, text: fixed } } : {}),
          });
        }
      },
    };
  },
};

export default kind;
