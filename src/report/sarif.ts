/**
 * SARIF 2.1.0 (OASIS) for code-scanning dashboards (GitHub code scanning, Azure DevOps, VS Code's
 * SARIF viewer): every rule with its help text and default level, every finding with its physical
 * location (UTF-16 columns, as the engine counts them), the fix where a rule knows one, and a
 * partial fingerprint (the baseline fingerprint) so dashboards track a finding across edits.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeLineStarts, positionAt } from '../document/draft.js';
import { coveredText, fingerprints } from '../engine/baseline.js';
import type { LintMessage, LintResult } from '../engine/index.js';
import type { Fix, RuleDef } from '../types.js';
import type { Formatter } from './index.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** A URI reference for a file: relative to `cwd` (under %SRCROOT%) when inside it, else a file: URL. */
export function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (filePath.startsWith('<')) return { uri: encodeURIComponent(filePath.replace(/^<|>$/g, '')) };
  const abs = isAbsolute(filePath) ? filePath : resolve(cwd, filePath);
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(abs).href };
}

function levelOf(sev: RuleDef['severity']): 'error' | 'warning' | 'none' {
  return sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'none';
}

function ruleDescriptor(def: RuleDef, lang: 'zh' | 'en') {
  const zh = lang === 'zh';
  const desc = def.description[lang] || def.description.zh;
  const lines = [desc];
  if (def.basis) lines.push(`${zh ? '依据：盘县政办发〔2021〕10号' : 'Basis: notice 盘县政办发〔2021〕10号, item'} ${def.basis}`);
  if (def.indicator) lines.push(`${zh ? '检查指标：' : 'Inspection indicator: '}${def.indicator}`);
  if (def.fixable) lines.push(zh ? '可用 --fix 自动修正。' : 'Fixable with --fix.');
  const md = [desc, ''];
  if (def.basis) md.push(`- ${zh ? '**依据**：盘县政办发〔2021〕10号' : '**Basis**: notice 盘县政办发〔2021〕10号, item'} ${def.basis}`);
  if (def.indicator) md.push(`- ${zh ? '**检查指标**：' : '**Inspection indicator**: '}${def.indicator}`);
  if (def.fixable) md.push(`- ${zh ? '可用 `--fix` 自动修正。' : 'Fixable with `--fix`.'}`);
  const bad = def.examples.invalid.find((e) => typeof e.text === 'string' && e.text.length < 300);
  const good = def.examples.valid.find((e) => typeof e.text === 'string' && e.text.length < 300);
  if (bad?.text) md.push('', zh ? '不合规示例：' : 'Non-compliant example:', '', ...bad.text.trimEnd().split('\n').map((l) => `    ${l}`));
  if (good?.text) md.push('', zh ? '合规示例：' : 'Compliant example:', '', ...good.text.trimEnd().split('\n').map((l) => `    ${l}`));
  const family = def.id.split('/')[0]!;
  const tags = [family];
  if (def.indicator?.includes('单项否决')) tags.push('单项否决');
  const properties: Record<string, unknown> = { tags };
  if (def.basis) properties.basis = def.basis;
  if (def.indicator) properties.indicator = def.indicator;
  return {
    id: def.id,
    name: def.id.replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: desc },
    fullDescription: { text: lines.join('\n') },
    help: { text: lines.join('\n'), markdown: md.join('\n') },
    defaultConfiguration: { level: levelOf(def.severity), enabled: def.severity !== 'off' },
    properties,
  };
}

function regionOf(starts: number[], range: [number, number]) {
  const a = positionAt(starts, range[0]);
  const b = positionAt(starts, range[1]);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column, charOffset: range[0], charLength: range[1] - range[0] };
}

const sarif: Formatter = (results, ctx) => {
  const lang = ctx.lang;
  const used = new Set<string>();
  for (const r of results) for (const m of r.messages) used.add(m.ruleId);
  const ids = [...new Set([...ctx.rules.keys(), ...used])].sort();
  const rules = ids.map((id) => {
    const def = ctx.rules.get(id);
    return def ? ruleDescriptor(def, lang) : { id, shortDescription: { text: id } };
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const out: unknown[] = [];
  for (const r of results) {
    if (!r.messages.length) continue;
    const loc = artifactLocation(r.filePath, ctx.cwd);
    const starts = r.source !== undefined ? computeLineStarts(r.source) : undefined;
    const fps = fingerprints(r, ctx.cwd);
    r.messages.forEach((m: LintMessage, i) => {
      const region: Record<string, unknown> = { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn };
      const text = coveredText(r.source, m, starts);
      if (text) region.snippet = { text };
      const result: Record<string, unknown> = {
        ruleId: m.ruleId,
        ruleIndex: index.get(m.ruleId),
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: loc, region } }],
        partialFingerprints: { 'draftlint/v1': fps[i] },
      };
      const fixes: Array<{ desc: string; fix: Fix }> = [];
      if (m.fix) fixes.push({ desc: lang === 'zh' ? '自动修正（--fix）' : 'Automatic fix (--fix)', fix: m.fix });
      for (const s of m.suggestions ?? []) fixes.push({ desc: s.desc || (lang === 'zh' ? '建议修改' : 'Suggested change'), fix: s.fix });
      if (starts && fixes.length)
        result.fixes = fixes.map((f) => ({
          description: { text: f.desc },
          artifactChanges: [{ artifactLocation: loc, replacements: [{ deletedRegion: regionOf(starts, f.fix.range), insertedContent: { text: f.fix.text } }] }],
        }));
      const props: Record<string, unknown> = {};
      if (m.basis) props.basis = m.basis;
      if (m.indicator) props.indicator = m.indicator;
      if (m.messageId && m.messageId !== 'default') props.messageId = m.messageId;
      if (Object.keys(props).length) result.properties = props;
      out.push(result);
    });
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'draftlint',
            version: toolVersion(),
            semanticVersion: toolVersion(),
            informationUri: 'https://www.npmjs.com/package/draftlint',
            language: lang === 'zh' ? 'zh-CN' : 'en-US',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith(sep) ? ctx.cwd : ctx.cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true }],
        results: out,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

export default sarif;
