/**
 * A plain printable HTML report of one draft, used by the desk when no `html` formatter is
 * registered in src/report/. Self-contained (inline styles only, no script), safe to open offline.
 */
import type { DeskAnswer } from './api.js';
import type { Lang } from '../types.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const T = {
  zh: { title: '稿件检查报告', file: '稿件', when: '检查时间', errors: '错误', warnings: '警告', veto: '单项否决', none: '未发现问题。', pos: '位置', sev: '级别', msg: '问题', basis: '依据', indicator: '考核指标', rule: '规则', error: '错误', warning: '警告', fix: '建议改为', text: '稿件全文（标出问题处）' },
  en: { title: 'Draft check report', file: 'Draft', when: 'Checked', errors: 'errors', warnings: 'warnings', veto: 'veto items', none: 'No problems found.', pos: 'Position', sev: 'Severity', msg: 'Problem', basis: 'Basis', indicator: 'Indicator', rule: 'Rule', error: 'error', warning: 'warning', fix: 'Fix', text: 'Full text (problems marked)' },
};

export function simpleHtmlReport(answer: DeskAnswer, name: string, lang: Lang): string {
  const t = T[lang];
  const rows = answer.findings
    .map(
      (f) => `<tr class="${f.severity}${f.veto ? ' veto' : ''}"><td>${f.line}:${f.column}</td><td>${f.severity === 'error' ? t.error : t.warning}</td><td>${escapeHtml(f.message)}${
        f.fix ? `<div class="fix">${t.fix}：“${escapeHtml(f.fix.text)}”</div>` : ''
      }</td><td>${escapeHtml(f.basis ?? '')}</td><td>${f.veto ? '<strong>' : ''}${escapeHtml(f.indicator ?? '')}${f.veto ? '</strong>' : ''}</td><td><code>${escapeHtml(f.ruleId)}</code></td></tr>`,
    )
    .join('\n');
  // the text with every finding marked (outermost spans only, so marks never overlap)
  let marked = '';
  let last = 0;
  for (const f of [...answer.findings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (f.start < last || f.end <= f.start) continue;
    marked += escapeHtml(answer.text.slice(last, f.start)) + `<mark class="${f.severity}${f.veto ? ' veto' : ''}">${escapeHtml(answer.text.slice(f.start, f.end))}</mark>`;
    last = f.end;
  }
  marked += escapeHtml(answer.text.slice(last));
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<title>${t.title} — ${escapeHtml(name)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:left}
tr.error td:nth-child(2){color:#b00020;font-weight:bold}tr.warning td:nth-child(2){color:#8a5a00}
tr.veto{background:#fde7ea}.fix{color:#1b5e20;margin-top:.2em}
pre{white-space:pre-wrap;border:1px solid #ccc;padding:1em;font-family:inherit;line-height:1.8}
mark.error{background:#ffd6d9}mark.warning{background:#fff0b3}mark.veto{background:#b00020;color:#fff}
@media print{body{margin:0}tr{page-break-inside:avoid}}
</style>
</head>
<body>
<h1>${t.title}</h1>
<p>${t.file}：${escapeHtml(name)}　${t.when}：${new Date().toISOString().slice(0, 16).replace('T', ' ')}</p>
<p><strong>${answer.errorCount}</strong> ${t.errors}，<strong>${answer.warningCount}</strong> ${t.warnings}，<strong>${answer.vetoCount}</strong> ${t.veto}</p>
${answer.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n')}
${answer.findings.length ? `<table><thead><tr><th>${t.pos}</th><th>${t.sev}</th><th>${t.msg}</th><th>${t.basis}</th><th>${t.indicator}</th><th>${t.rule}</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : `<p>${t.none}</p>`}
<h2>${t.text}</h2>
<pre>${marked}</pre>
</body>
</html>
`;
}
