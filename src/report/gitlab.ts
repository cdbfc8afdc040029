/**
 * GitLab Code Quality report (the `codequality` artifact): a JSON array of issues with
 * `description`, `check_name`, `fingerprint` (unique, stable across edits elsewhere in the file:
 * the baseline fingerprint), `severity` (info | minor | major | critical | blocker) and
 * `location.path` (relative to the repository root, i.e. the working directory in CI) with
 * `location.lines.begin`. Errors that would trigger a 单项否决 (single-veto) inspection
 * indicator are `critical`, other errors `major`, warnings `minor`.
 */
import { createHash } from 'node:crypto';
import { fingerprints } from '../engine/baseline.js';
import type { LintMessage } from '../engine/index.js';
import type { Formatter } from './index.js';
import { displayPath } from './paths.js';

export function severityOf(m: Pick<LintMessage, 'severity' | 'indicator' | 'fatal'>): 'minor' | 'major' | 'critical' | 'blocker' {
  if (m.fatal) return 'blocker';
  if (m.severity === 1) return 'minor';
  return m.indicator?.includes('单项否决') ? 'critical' : 'major';
}


const gitlab: Formatter = (results, ctx) => {
  const issues: unknown[] = [];
  for (const r of results) {
    if (!r.messages.length) continue;
    const path = displayPath(r.filePath, ctx.cwd);
    const fps = fingerprints(r, ctx.cwd);
    r.messages.forEach((m, i) => {
      const description = m.indicator ? `${m.message}（${m.indicator}）` : m.message;
      issues.push({
        type: 'issue',
        description,
        check_name: m.ruleId,
        fingerprint: createHash('md5').update(`draftlint\u0000${fps[i]}`).digest('hex'),
        severity: severityOf(m),
        categories: ['Style'],
        location: { path, lines: { begin: m.line, end: m.endLine } },
      });
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
};

export default gitlab;
