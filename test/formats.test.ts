/**
 * Every output format, parsed by a real consumer: the SARIF 2.1.0 JSON schema (ajv), an XML
 * parser for JUnit and checkstyle, JSON for GitLab Code Quality, the Actions runner's own
 * unescaping for GitHub workflow commands; the caret of the stylish format; `--output-file` for
 * every format through the real CLI. The HTML report has its browser test in formats.html.test.ts.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lintFile, ruleDefinitions, type LintResult } from '../src/engine/index.js';
import { formatters, type FormatContext } from '../src/report/index.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { stringWidth } from '../src/report/width.js';
import { FAMILY_ORDER, familyName } from '../src/report/families.js';
import { bin, covered, root, cliAsync as run } from './helpers.js';



const SCHEMA = resolve(root, 'test/data/sarif-2.1.0-rtm.5.schema.json');
const SCHEMA_SHA256 = '2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8';
const ODD_NAME = '第1,2期:通知%&<a>.md';

let dir: string;
let results: LintResult[];
let ctx: FormatContext;
const rules = ruleDefinitions();

async function format(name: string, rs = results, c: Partial<FormatContext> = {}): Promise<string> {
  return (await formatters[name]!())(rs, { ...ctx, ...c });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'draftlint-formats-'));
  copyFileSync(resolve(root, 'fixtures/drafts/路灯安装通知.md'), join(dir, '路灯安装通知.md'));
  copyFileSync(resolve(root, 'fixtures/clean/植树通知.md'), join(dir, '植树通知.md'));
  writeFileSync(join(dir, ODD_NAME), '# 关于按装路灯的通知\n\n请各社区按装路灯时注意 <安全> & 秩序。\n');
  results = [];
  for (const f of ['路灯安装通知.md', '植树通知.md', ODD_NAME]) results.push((await lintFile(join(dir, f), { filename: join(dir, f) })).result);
  ctx = { cwd: dir, lang: 'zh', color: false, rules };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function total(rs = results) {
  return rs.reduce((n, r) => n + r.messages.length, 0);
}

describe('test data', () => {
  it('lints drafts with findings, a clean one, and a file name full of special characters', async () => {
    expect(results[0]!.errorCount).toBeGreaterThan(0);
    expect(results[0]!.messages.some((m) => m.fix)).toBe(true);
    expect(results[0]!.messages.some((m) => m.indicator?.includes('单项否决'))).toBe(true);
    expect(results[1]!.messages).toEqual([]);
    expect(results[2]!.messages.length).toBeGreaterThan(0);
  });
});

describe('sarif', () => {
  function validator() {
    const bytes = readFileSync(SCHEMA);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SCHEMA_SHA256);
    // The rtm.5 schema is written for JSON Schema draft-04, whose only construct it uses that
    // draft-07 spells differently is the top-level `id` (draft-07: `$id`). Its `language` pattern
    // has a stray `]` that only a non-unicode RegExp accepts (as the schema's authors used it).
    const schema = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
  }

  it('validates against the SARIF 2.1.0 schema and carries every finding with its location', async () => {
    const validate = validator();
    const log = JSON.parse(await format('sarif'));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('draftlint');
    expect(run.results).toHaveLength(total());
    const msgs = results.flatMap((r) => r.messages.map((m) => ({ r, m })));
    run.results.forEach((res: any, i: number) => {
      const { r, m } = msgs[i]!;
      expect(res.ruleId).toBe(m.ruleId);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(m.ruleId);
      expect(res.level).toBe(m.severity === 2 ? 'error' : 'warning');
      expect(res.message.text).toBe(m.message);
      const loc = res.locations[0].physicalLocation;
      expect(resolve(dir, decodeURIComponent(loc.artifactLocation.uri))).toBe(r.filePath);
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.region).toMatchObject({ startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn });
      const text = covered(r.source!, m);
      if (text) expect(loc.region.snippet.text).toBe(text);
      expect(res.partialFingerprints['draftlint/v1']).toMatch(/^[0-9a-f]{32}$/);
    });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(new URL(`file://${dir}/`).href);
  });

  it('describes every rule with help text and its default level', async () => {
    const log = JSON.parse(await format('sarif'));
    const described = new Map<string, any>(log.runs[0].tool.driver.rules.map((d: any) => [d.id, d]));
    expect([...described.keys()].sort()).toEqual([...rules.keys()].sort());
    for (const def of rules.values()) {
      const d = described.get(def.id);
      expect(d.shortDescription.text).toBe(def.description.zh);
      expect(d.help.text).toContain(def.description.zh);
      expect(d.help.markdown.length).toBeGreaterThan(0);
      if (def.basis) expect(d.help.text).toContain(def.basis);
      if (def.indicator) expect(d.properties.indicator).toBe(def.indicator);
      expect(d.defaultConfiguration.level).toBe(def.severity === 'off' ? 'none' : def.severity);
    }
  });

  it('turns a fix into a replacement of the covered region', async () => {
    const log = JSON.parse(await format('sarif'));
    const r = results[0]!;
    const i = r.messages.findIndex((m) => m.ruleId === 'typo/confusion' && m.fix);
    expect(i).toBeGreaterThanOrEqual(0);
    const m = r.messages[i]!;
    const res = log.runs[0].results[i];
    const rep = res.fixes[0].artifactChanges[0].replacements[0];
    expect(rep.insertedContent.text).toBe(m.fix!.text);
    expect(rep.deletedRegion.charOffset).toBe(m.fix!.range[0]);
    const { charOffset, charLength } = rep.deletedRegion;
    expect(charLength).toBe(m.fix!.range[1] - m.fix!.range[0]);
    const src = r.source!;
    // applying the replacement turns the covered 按装 into 安装
    const fixed = src.slice(0, charOffset) + rep.insertedContent.text + src.slice(charOffset + charLength);
    const start = src.split('\n').slice(0, m.line - 1).join('\n').length + (m.line > 1 ? 1 : 0) + m.column - 1;
    expect(src.slice(start, start + 2)).toBe('按装');
    expect(fixed.slice(start, start + 2)).toBe('安装');
    expect(rep.deletedRegion.startLine).toBe(m.line);
  });

  it('is valid with no findings and in English', async () => {
    const validate = validator();
    const empty = JSON.parse(await format('sarif', [results[1]!], { lang: 'en' }));
    expect(validate(empty)).toBe(true);
    expect(empty.runs[0].results).toEqual([]);
    const typo = empty.runs[0].tool.driver.rules.find((d: any) => d.id === 'typo/confusion');
    expect(typo.shortDescription.text).toBe(rules.get('typo/confusion')!.description.en);
    expect(typo.help.text).toContain('Basis');
  });
});

/** The Actions runner's parsing of `::command key=value,...::message` (actions/runner ActionCommand). */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } | null {
  const m = /^::([A-Za-z-]+)(?: ([^]*?))?::([^]*)$/.exec(line);
  if (!m) return null;
  const unData = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
  const unProp = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',')) {
    if (!kv) continue;
    const eq = kv.indexOf('=');
    props[kv.slice(0, eq)] = unProp(kv.slice(eq + 1));
  }
  return { command: m[1]!, props, message: unData(m[3]!) };
}

describe('github', () => {
  it('escapes data and properties as the runner unescapes them', async () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('emits one annotation per finding that round-trips through the runner parser', async () => {
    const out = await format('github');
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(total());
    const parsed = lines.map(parseCommand);
    for (const p of parsed) expect(p).not.toBeNull();
    const byKey = new Map(parsed.map((p) => [`${p!.props.file}:${p!.props.line}:${p!.props.col}:${p!.props.title}`, p!]));
    for (const r of results)
      for (const m of r.messages) {
        const rel = r.filePath.slice(dir.length + 1);
        const p = byKey.get(`${rel}:${m.line}:${m.column}:${m.ruleId}`);
        expect(p, `${rel}:${m.line}:${m.column} ${m.ruleId}`).toBeDefined();
        expect(p!.command).toBe(m.severity === 2 ? 'error' : 'warning');
        expect(p!.props.endLine).toBe(String(m.endLine));
        expect(p!.props.endColumn).toBe(String(m.endColumn));
        expect(p!.message.startsWith(m.message)).toBe(true);
        if (m.indicator) expect(p!.message).toContain(m.indicator);
      }
    // the odd file name survives: commas and colons are escaped in the file property
    expect(parsed.some((p) => p!.props.file === ODD_NAME)).toBe(true);
    expect(out).toContain('file=第1%2C2期%3A通知%25&<a>.md');
    // errors first (GitHub limits annotations per step)
    const sev = parsed.map((p) => p!.command);
    expect(sev.indexOf('warning')).toBeGreaterThan(sev.lastIndexOf('error'));
  });

  it('escapes a multi-line message with percent signs', async () => {
    const r: LintResult = { ...results[2]!, messages: [{ ...results[2]!.messages[0]!, message: '100% 错误\r\n第二行: a,b' }] };
    const p = parseCommand((await format('github', [r])).trimEnd())!;
    expect(p.message.startsWith('100% 错误\r\n第二行: a,b')).toBe(true);
  });
});

describe('gitlab', () => {
  it('is a Code Quality JSON array with the required fields', async () => {
    const issues = JSON.parse(await format('gitlab')) as any[];
    expect(Array.isArray(issues)).toBe(true);
    expect(issues).toHaveLength(total());
    const msgs = results.flatMap((r) => r.messages.map((m) => ({ r, m })));
    issues.forEach((it, i) => {
      const { r, m } = msgs[i]!;
      expect(typeof it.description).toBe('string');
      expect(it.description.startsWith(m.message)).toBe(true);
      expect(it.check_name).toBe(m.ruleId);
      expect(it.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(it.severity);
      expect(it.severity).toBe(m.severity === 1 ? 'minor' : m.indicator?.includes('单项否决') ? 'critical' : 'major');
      expect(it.location.path).toBe(r.filePath.slice(dir.length + 1));
      expect(existsSync(join(dir, it.location.path))).toBe(true);
      expect(it.location.lines.begin).toBe(m.line);
    });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('keeps fingerprints when lines are inserted above a finding', async () => {
    const before = JSON.parse(await format('gitlab', [results[2]!])) as any[];
    const src = readFileSync(join(dir, ODD_NAME), 'utf8');
    const moved = join(dir, 'moved', ODD_NAME);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'moved'), { recursive: true });
    writeFileSync(moved, src);
    const same = (await lintFile(moved, { filename: moved })).result;
    writeFileSync(moved, '新增的第一段，没有问题。\n\n' + src);
    const shifted = (await lintFile(moved, { filename: moved })).result;
    const a = JSON.parse(await format('gitlab', [same])) as any[];
    const b = JSON.parse(await format('gitlab', [shifted])) as any[];
    expect(b.map((i) => i.location.lines.begin)).not.toEqual(a.map((i) => i.location.lines.begin));
    expect(b.map((i) => i.fingerprint)).toEqual(a.map((i) => i.fingerprint));
    expect(a.map((i) => i.fingerprint)).not.toEqual(before.map((i) => i.fingerprint)); // the path is part of it
  });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testcase', 'file', 'error', 'testsuite'].includes(name) });

describe('junit', () => {
  it('is well-formed XML with one test case per file', async () => {
    const out = await format('junit');
    expect(XMLValidator.validate(out)).toBe(true);
    const doc = xml.parse(out);
    const suite = doc.testsuites.testsuite[0];
    const cases = suite.testcase as any[];
    expect(cases).toHaveLength(results.length);
    expect(Number(suite['@tests'])).toBe(results.length);
    const failing = results.filter((r) => r.errorCount > 0).length;
    expect(Number(suite['@failures'])).toBe(failing);
    expect(Number(doc.testsuites['@failures'])).toBe(failing);
    results.forEach((r, i) => {
      const c = cases[i];
      expect(c['@name']).toBe(r.filePath.slice(dir.length + 1));
      if (r.errorCount) {
        const text = c.failure['#text'] as string;
        for (const m of r.messages) expect(text).toContain(`:${m.line}:${m.column}: `);
        for (const m of r.messages) expect(text).toContain(m.ruleId);
        expect(c.failure['@message']).toContain(String(r.errorCount));
      } else expect(c.failure).toBeUndefined();
    });
    // special characters in names and messages come back intact
    expect(cases[2]['@name']).toBe(ODD_NAME);
  });
});

describe('checkstyle', () => {
  it('is well-formed XML with one <error> per finding', async () => {
    const out = await format('checkstyle');
    expect(XMLValidator.validate(out)).toBe(true);
    const doc = xml.parse(out);
    const files = doc.checkstyle.file as any[];
    expect(files).toHaveLength(results.length);
    results.forEach((r, i) => {
      expect(files[i]['@name']).toBe(r.filePath);
      const errors = (files[i].error ?? []) as any[];
      expect(errors).toHaveLength(r.messages.length);
      r.messages.forEach((m, j) => {
        expect(Number(errors[j]['@line'])).toBe(m.line);
        expect(Number(errors[j]['@column'])).toBe(m.column);
        expect(errors[j]['@severity']).toBe(m.severity === 2 ? 'error' : 'warning');
        expect(errors[j]['@source']).toBe(`draftlint.${m.ruleId}`);
        expect(errors[j]['@message'].startsWith(m.message)).toBe(true);
      });
    });
  });
});

describe('stylish', () => {
  it('shows the offending source line with a caret under the span', async () => {
    const out = await format('stylish', [results[0]!]);
    const lines = out.split('\n');
    const r = results[0]!;
    const src = r.source!.split('\n');
    let checked = 0;
    for (const m of r.messages) {
      if (m.line !== m.endLine || m.endColumn <= m.column) continue;
      const line = src[m.line - 1]!.replace(/\r$/, '');
      const i = lines.findIndex((l, k) => l.endsWith(`│ ${line}`) && lines[k + 1]?.includes('^') && lines[k + 1]!.indexOf('│') === l.indexOf('│'));
      expect(i, `source line ${m.line}`).toBeGreaterThanOrEqual(0);
      const bar = lines[i]!.indexOf('│') + 2;
      // every caret line following this source line: one of them sits exactly under this span
      const carets = lines.slice(i + 1).filter((l, k, a) => k === 0 || a[k - 1]?.includes('│')).filter((l) => /^\s*│ *\^+$/.test(l));
      const want = { at: stringWidth(line.slice(0, m.column - 1)), len: stringWidth(line.slice(m.column - 1, m.endColumn - 1)) };
      const found = carets.some((c) => {
        const rest = c.slice(bar);
        const at = rest.indexOf('^');
        return at === want.at && rest.slice(at).length === want.len;
      });
      expect(found, `caret under ${m.ruleId} at ${m.line}:${m.column}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });
});

describe('--output-file through the CLI', () => {
  const parse: Record<string, (s: string) => unknown> = {
    stylish: (s) => expect(s).toContain('typo/confusion'),
    json: (s) => expect(JSON.parse(s)).toHaveLength(3),
    sarif: (s) => expect(JSON.parse(s).runs[0].results.length).toBeGreaterThan(0),
    github: (s) => expect(s.split('\n').filter(Boolean).every((l) => parseCommand(l))).toBe(true),
    gitlab: (s) => expect(JSON.parse(s).length).toBeGreaterThan(0),
    junit: (s) => expect(XMLValidator.validate(s)).toBe(true),
    checkstyle: (s) => expect(XMLValidator.validate(s)).toBe(true),
    html: (s) => expect(s).toMatch(/^<!DOCTYPE html>/),
  };
  it('registers exactly the documented formats', async () => {
    expect(Object.keys(formatters).sort()).toEqual(Object.keys(parse).sort());
  });
  for (const name of Object.keys(parse)) {
    it(`${name}: writes the report to the file and nothing to stdout`, async () => {
      const out = join(dir, `report.${name}`);
      const r = await run(['lint', '路灯安装通知.md', '植树通知.md', ODD_NAME, '-f', name, '-o', out], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      parse[name]!(readFileSync(out, 'utf8'));
      // and the same report on stdout without --output-file
      const s = await run(['lint', '路灯安装通知.md', '植树通知.md', ODD_NAME, '-f', name], { cwd: dir });
      expect(s.code).toBe(1);
      parse[name]!(s.stdout);
    });
  }
  it('names every format in --help, in both languages', async () => {
    const r = await run(['lint', '--help']);
    for (const name of Object.keys(parse)) expect(r.stdout).toContain(name);
  });
});

describe('rule families', () => {
  it('every family has a short and a long name in Chinese and English (HTML report, desk), and a place in the order', () => {
    const families = new Set([...ruleDefinitions().keys()].map((id) => id.split('/')[0]!));
    for (const f of families) {
      for (const form of ['short', 'long'] as const) {
        expect(familyName(f, 'zh', form), f).toMatch(/\p{Script=Han}/u);
        expect(familyName(f, 'en', form), f).toMatch(/^[A-Z]/);
      }
      expect(FAMILY_ORDER, f).toContain(f);
    }
    // no name for a family that has no rule
    expect([...FAMILY_ORDER].sort()).toEqual([...families].sort());
    expect(familyName('site', 'zh', 'short')).toBeNull();
  });
});
