// dist/.rules-dir-cache.json (src/engine/rule-cache.ts, issue 9): the shipped rules are taken whole
// from the cache while every file keeps its name, size and modification time, and parsed again
// as soon as one changes, is added or is removed.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedRuleDir } from '../src/engine/rule-cache.js';
import { loadRuleDir, parseRule } from '../src/engine/rules.js';
import { regexVerdicts } from '../src/checks/util/regex.js';
import type { RuleDef } from '../src/types.js';

const root = join(import.meta.dirname, '..');

describe('cachedRuleDir', () => {
  it('parses once, then answers from the cache until a rule file changes, is added or removed', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'draftlint-ruledir-'));
    const dir = join(tmp, 'rules');
    cpSync(join(root, 'rules'), dir, { recursive: true });
    const cache = join(tmp, 'cache.json');
    let parses = 0;
    const names = () => readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
    const load = () =>
      cachedRuleDir(
        dir,
        names(),
        () => {
          parses++;
          return names().map((n) => parseRule(readFileSync(join(dir, n), 'utf8'), join(dir, n)));
        },
        cache,
      );
    const first = load();
    expect(parses).toBe(1);
    expect(first.length).toBeGreaterThan(50);
    // file names are kept relative to the folder
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as { rules: RuleDef[] };
    expect(stored.rules.map((r) => r.file)).toEqual(names());
    const again = load();
    expect(parses).toBe(1);
    expect(again).toEqual(first.map((r) => JSON.parse(JSON.stringify(r)) as RuleDef));
    expect(again.every((r) => r.file.startsWith(dir))).toBe(true);

    // an edit (new text, new mtime) is parsed
    const f = join(dir, 'typo.confusion.yml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^severity: \w+$/m, 'severity: warning'));
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    const edited = load();
    expect(parses).toBe(2);
    expect(edited.find((r) => r.id === 'typo/confusion')!.severity).toBe('warning');
    expect(load()).toEqual(edited.map((r) => JSON.parse(JSON.stringify(r)) as RuleDef));
    expect(parses).toBe(2);

    // a removed rule
    rmSync(join(dir, 'typo.severe.yml'));
    expect(load().some((r) => r.id === 'typo/severe')).toBe(false);
    expect(parses).toBe(3);

    // the same names in another folder are not the cached ones
    const other = join(tmp, 'other');
    cpSync(dir, other, { recursive: true });
    let otherParses = 0;
    cachedRuleDir(other, names(), () => (otherParses++, []), cache);
    expect(otherParses).toBe(1);
  });

  it('keeps nothing JSON cannot give back', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'draftlint-ruledir-'));
    const cache = join(tmp, 'cache.json');
    writeFileSync(join(tmp, 'a.yml'), 'x');
    const rule = { file: join(tmp, 'a.yml'), options: { re: /a/ } };
    let parses = 0;
    const parse = () => (parses++, [rule]);
    cachedRuleDir(tmp, ['a.yml'], parse, cache);
    cachedRuleDir(tmp, ['a.yml'], parse, cache);
    expect(parses).toBe(2);
    expect(readdirSync(tmp)).toEqual(['a.yml']);
  });

  it('the shipped rules load alike with and without it', () => {
    // loadRuleDir from the TypeScript never caches (no dist file): the reference
    const plain = loadRuleDir(join(root, 'rules'));
    expect(plain.length).toBeGreaterThan(50);
    const tmp = mkdtempSync(join(tmpdir(), 'draftlint-ruledir-'));
    const cache = join(tmp, 'cache.json');
    const names = readdirSync(join(root, 'rules')).filter((n) => /\.ya?ml$/.test(n)).sort();
    cachedRuleDir(join(root, 'rules'), names, () => plain, cache);
    const cached = cachedRuleDir(join(root, 'rules'), names, () => [], cache);
    expect(cached).toEqual(plain.map((r) => JSON.parse(JSON.stringify(r)) as RuleDef));
  });
});

// dist/.compiled/safe-regex.json (src/checks/util/regex.ts): patterns safe-regex2 judged safe are
// not judged again; an unsafe pattern is never remembered, and verdicts of another version or
// limit are not taken.
describe('regexVerdicts', () => {
  it('remembers safe patterns across runs, never unsafe ones, and only under the same judge', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'draftlint-regex-'));
    const file = join(tmp, 'safe-regex.json');
    const first = regexVerdicts(file, 'v1');
    expect(first.isSafe(/涉密|机密/u)).toBe(true);
    expect(first.isSafe(/(a+)+$/u)).toBe(false);
    first.save();
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { judgedBy: string; safe: string[] };
    expect(stored).toEqual({ judgedBy: 'v1', safe: ['u/涉密|机密'] });
    // verdicts stored under another judge (another safe-regex2 version or limit) are not taken
    writeFileSync(file, JSON.stringify({ judgedBy: 'v0', safe: ['u/(a+)+$'] }));
    expect(regexVerdicts(file, 'v1').isSafe(/(a+)+$/u)).toBe(false);
    // a broken file means judging as before
    writeFileSync(file, '{not json');
    const broken = regexVerdicts(file, 'v1');
    expect(broken.isSafe(/(a+)+$/u)).toBe(false);
    expect(broken.isSafe(/内部(?:会议|讲话)/u)).toBe(true);
    broken.save();
    expect((JSON.parse(readFileSync(file, 'utf8')) as { safe: string[] }).safe).toEqual(['u/内部(?:会议|讲话)']);
    // flags are part of the key
    const flags = regexVerdicts(file, 'v1');
    expect(flags.isSafe(/内部(?:会议|讲话)/gu)).toBe(true);
    flags.save();
    expect((JSON.parse(readFileSync(file, 'utf8')) as { safe: string[] }).safe).toEqual(['u/内部(?:会议|讲话)', 'gu/内部(?:会议|讲话)']);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a read-only place: verdicts stay in memory and nothing fails', () => {
    const v = regexVerdicts(join(tmpdir(), 'draftlint-no-such-dir', 'x', 'safe-regex.json'), 'v1');
    expect(v.isSafe(/保密/u)).toBe(true);
    expect(() => v.save()).not.toThrow();
  });
});
