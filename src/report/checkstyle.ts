/**
 * Checkstyle XML (read by Jenkins warnings-ng, reviewdog, SonarQube importers and others): one
 * `<file>` per linted file, one `<error>` per finding with line, column, severity, message and
 * `source="draftlint.<rule id>"`.
 */
import { xmlEscape } from './junit.js';
import type { Formatter } from './index.js';

const checkstyle: Formatter = (results) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const r of results) {
    out.push(`  <file name="${xmlEscape(r.filePath)}">`);
    for (const m of r.messages) {
      const message = m.indicator ? `${m.message} [${m.indicator}]` : m.message;
      out.push(
        `    <error line="${m.line}" column="${m.column}" severity="${m.severity === 2 ? 'error' : 'warning'}" message="${xmlEscape(message)}" source="${xmlEscape(`draftlint.${m.ruleId}`)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>', '');
  return out.join('\n');
};

export default checkstyle;
