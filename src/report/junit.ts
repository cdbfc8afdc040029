/**
 * JUnit XML: one test case per linted file (CI dashboards show a failing test per draft with
 * errors). A file with errors fails; its warnings are listed too. A file with only warnings
 * passes and lists them in `<system-out>`.
 */
import type { Formatter } from './index.js';
import { displayPath } from './paths.js';

/** Escape text for XML content and attributes; drop characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}


const junit: Formatter = (results, ctx) => {
  const zh = ctx.lang === 'zh';
  const cases: string[] = [];
  let failures = 0;
  for (const r of results) {
    const name = displayPath(r.filePath, ctx.cwd);
    const lines = r.messages.map(
      (m) => `${name}:${m.line}:${m.column}: ${m.severity === 2 ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning'} ${m.ruleId}: ${m.message}${m.indicator ? ` [${m.indicator}]` : ''}`,
    );
    const attrs = `classname="draftlint" name="${xmlEscape(name)}" file="${xmlEscape(name)}" time="0"`;
    if (r.errorCount > 0) {
      failures++;
      const summary = zh ? `${r.errorCount} 个错误，${r.warningCount} 个警告` : `${r.errorCount} error(s), ${r.warningCount} warning(s)`;
      cases.push(`    <testcase ${attrs}>\n      <failure message="${xmlEscape(summary)}" type="draftlint">${xmlEscape(lines.join('\n'))}</failure>\n    </testcase>`);
    } else if (lines.length) {
      cases.push(`    <testcase ${attrs}>\n      <system-out>${xmlEscape(lines.join('\n'))}</system-out>\n    </testcase>`);
    } else {
      cases.push(`    <testcase ${attrs}/>`);
    }
  }
  const n = results.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="draftlint" tests="${n}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="draftlint" tests="${n}" failures="${failures}" errors="0" skipped="0" time="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};

export default junit;
