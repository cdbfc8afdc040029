/**
 * GitHub Actions workflow commands: one annotation per finding,
 * `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=RULE::message`, escaped as the runner
 * unescapes them (data: `%` `\r` `\n`; properties additionally `:` and `,`). GitHub shows at most
 * a limited number of annotations per step, so the most important (errors) come first.
 */
import type { LintMessage } from '../engine/index.js';
import type { Formatter } from './index.js';
import { displayPath } from './paths.js';

/** Escape the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value (file, title) of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


const github: Formatter = (results, ctx) => {
  const lines: Array<{ sev: number; text: string }> = [];
  for (const r of results) {
    const file = displayPath(r.filePath, ctx.cwd);
    for (const m of r.messages as LintMessage[]) {
      const cmd = m.severity === 2 ? 'error' : 'warning';
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `endLine=${m.endLine}`, `col=${m.column}`, `endColumn=${m.endColumn}`, `title=${escapeProperty(m.ruleId)}`];
      let text = m.message;
      if (m.indicator) text += `\n${ctx.lang === 'zh' ? '检查指标' : 'Inspection indicator'}: ${m.indicator}`;
      if (m.suggestions?.length) text += `\n${ctx.lang === 'zh' ? '建议' : 'Suggestion'}: ${m.suggestions.map((s) => s.desc).join('; ')}`;
      lines.push({ sev: m.severity, text: `::${cmd} ${props.join(',')}::${escapeData(text)}` });
    }
  }
  lines.sort((a, b) => b.sev - a.sev);
  return lines.length ? lines.map((l) => l.text).join('\n') + '\n' : '';
};

export default github;
