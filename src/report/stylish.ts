/**
 * The default format: grouped by file, `line:col  severity  message  rule-id`, the offending
 * source line with a caret under the span, the inspection indicator where a rule has one, and a
 * summary line. Colour via chalk (honours NO_COLOR / FORCE_COLOR and non-TTY output). chalk is
 * loaded only for a report in colour (`formatters.stylish({ color })`): its start-up looks at the
 * terminals, which loads Node's tty, net and stream modules (a few ms of a one-file run with `-o`).
 */
import { relative } from 'node:path';
import type { ChalkInstance } from 'chalk';
import { stringWidth } from './width.js';
import type { Formatter } from './index.js';

const T = {
  zh: {
    error: '错误',
    warning: '警告',
    problems: (n: number, e: number, w: number) => `✖ 共 ${n} 个问题（${e} 个错误，${w} 个警告）`,
    fixable: (e: number, w: number) => `  其中 ${e} 个错误、${w} 个警告可用 --fix 自动修正。`,
    veto: '单项否决',
    clean: '✔ 未发现问题',
    suggestion: '建议',
  },
  en: {
    error: 'error',
    warning: 'warning',
    problems: (n: number, e: number, w: number) => `✖ ${n} problem${n === 1 ? '' : 's'} (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'})`,
    fixable: (e: number, w: number) => `  ${e} error${e === 1 ? '' : 's'} and ${w} warning${w === 1 ? '' : 's'} potentially fixable with --fix.`,
    veto: 'single-veto',
    clean: '✔ No problems found',
    suggestion: 'suggestion',
  },
};

type ChalkClass = new (options: { level: 1 }) => ChalkInstance;

/** No colour: every style, however chained (`c.bgRed.white`), gives back its text. */
const plain: ChalkInstance = new Proxy((text: string) => text, { get: () => plain }) as unknown as ChalkInstance;

/** The formatter, colouring with `Chalk` when the context asks for colour (none without it). */
export const stylishWith = (Chalk: ChalkClass | null): Formatter => (results, ctx) => {
  const c = ctx.color && Chalk ? new Chalk({ level: 1 }) : plain;
  const t = T[ctx.lang];
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixE = 0;
  let fixW = 0;
  for (const r of results) {
    if (!r.messages.length) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixE += r.fixableErrorCount;
    fixW += r.fixableWarningCount;
    const name = r.filePath.startsWith('<') ? r.filePath : relative(ctx.cwd, r.filePath) || r.filePath;
    out.push('', c.underline(name));
    if (r.positionNote) out.push(`  ${c.dim(r.positionNote)}`);
    for (const n of r.notes ?? []) out.push(`  ${c.dim(n)}`);
    const lines = r.source?.split('\n');
    for (const m of r.messages) {
      const sev = m.severity === 2 ? c.red(t.error) : c.yellow(t.warning);
      out.push(`  ${c.dim(`${name}:${m.line}:${m.column}`)}  ${sev}  ${m.message}  ${c.dim(m.ruleId)}`);
      const src = lines?.[m.line - 1]?.replace(/\r$/, '');
      if (src !== undefined && src.trim() && src.length <= 400) {
        const before = src.slice(0, m.column - 1);
        const spanEnd = m.endLine === m.line ? m.endColumn - 1 : src.length;
        const span = src.slice(m.column - 1, Math.max(m.column, spanEnd));
        out.push(`      ${c.dim('│')} ${src.replace(/\t/g, '    ')}`);
        out.push(`      ${c.dim('│')} ${' '.repeat(stringWidth(before.replace(/\t/g, '    ')))}${c.red('^'.repeat(Math.max(1, stringWidth(span))))}`);
      }
      if (m.indicator) {
        const veto = m.indicator.includes('单项否决');
        out.push(`      ${veto ? c.bgRed.white(` ${m.indicator} `) : c.dim(m.indicator)}`);
      }
      if (m.suggestions?.length) out.push(`      ${c.dim(`${t.suggestion}: ${m.suggestions.map((s) => s.desc).join('；')}`)}`);
    }
  }
  if (!errors && !warnings) return '';
  out.push('', c.bold((errors ? c.red : c.yellow)(t.problems(errors + warnings, errors, warnings))));
  if (fixE || fixW) out.push(t.fixable(fixE, fixW));
  return out.join('\n').replace(/^\n/, '') + '\n';
};

