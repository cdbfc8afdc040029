/**
 * `draftlint lint [paths...]` (the default command).
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { effectiveConfig, fix, getRuleSet, lint, packageRoot, resolveConfig, ruleDefinitions, UsageError, type LintOptions, type LintResult } from '../engine/index.js';
import { parseRuleSetting } from '../engine/config.js';
import { listFiles } from '../engine/files.js';
import { lastRun, lintFiles, parseShard, shardFiles } from '../engine/runner.js';
import { formatTiming, timing } from '../engine/timing.js';
import { decode } from '../document/decode.js';
import { formatters } from '../report/index.js';
import { applyBaseline, readBaseline, writeBaseline } from '../engine/baseline.js';
import { changedFiles, filterChangedLines, intersectChanged, type ChangeSet } from '../engine/changed.js';
import { createProgress } from './progress.js';
import type { Config, Lang } from '../types.js';
import { writeOutputFile } from './output-file.js';
import { leanRunFor } from './lean.js';

export interface LintCliOptions {
  format: string;
  outputFile?: string;
  config?: string;
  rule: string[];
  quiet?: boolean;
  maxWarnings?: number;
  fix?: boolean;
  fixDryRun?: boolean;
  lang?: Lang;
  color?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  checkLinks?: boolean;
  linkTimeout?: number;
  stage?: 'draft' | 'publish';
  maxFileSize?: number;
  changed?: string | boolean;
  since?: string;
  changedLines?: boolean;
  baseline?: string;
  baselineWrite?: string;
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
  shard?: string;
  timing?: boolean;
  printConfig?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} 须为非负整数 / must be a non-negative integer: ${v}`);
    return n;
  };
}

/** `--rule 'typo/confusion: off'` or `--rule 'typo/confusion: [warning, {…}]'` */
export function parseRuleFlag(flags: string[]): Config['rules'] {
  const out: Config['rules'] = {};
  for (const f of flags) {
    let obj: unknown;
    try {
      obj = parseYaml(`{${f.replace(/^\s*\{|\}\s*$/g, '')}}`);
    } catch {
      throw new UsageError(`--rule "${f}": 应写成 "规则: 级别"，如 "typo/confusion: off" / expected "id: severity"`);
    }
    if (!obj || typeof obj !== 'object') throw new UsageError(`--rule "${f}": expected "id: severity"`);
    for (const [id, setting] of Object.entries(obj)) out[id] = parseRuleSetting(setting, `--rule ${id}`);
  }
  return out;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function registerLint(program: Command): void {
  program
    .command('lint', { isDefault: true })
    .description('检查稿件 / lint drafts (files, directories or globs; default: the current directory)')
    .argument('[paths...]', '文件、目录或通配符 / files, directories or globs')
    .option('-f, --format <name>', '输出格式 / output format: stylish, json, sarif, github, gitlab, junit, checkstyle, html', 'stylish')
    .option('-o, --output-file <file>', '把报告写入文件 / write the report to a file')
    .option('-c, --config <file>', '使用指定配置文件 / use this config file instead of looking up .draftlintrc.yml')
    .option('--rule <id: severity>', '临时调整规则级别，可重复 / set a rule, repeatable (e.g. "typo/confusion: off")', collect, [])
    .option('-q, --quiet', '只报告错误 / report errors only')
    .option('--max-warnings <n>', '警告超过 n 个时以 1 退出 / exit 1 when warnings exceed n', int('--max-warnings'))
    .option('--fix', '自动修正可修正的问题并写回文件 / apply fixes and write the files')
    .option('--fix-dry-run', '显示修正的差异但不写文件 / print the fixes as a unified diff without writing')
    .addOption(new Option('--lang <lang>', '消息语言 / message language').choices(['zh', 'en']))
    .option('--no-color', '不使用颜色 / no colours')
    .option('--color', '强制使用颜色 / force colours')
    .option('--stdin', '从标准输入读取稿件 / lint standard input')
    .option('--stdin-filename <name>', '标准输入的文件名（用于查找配置和报告）/ file name for standard input')
    .option('--check-links', '联网检查外链是否有效 / check links online (off by default)')
    .option('--link-timeout <ms>', '联网检查的超时（毫秒）/ timeout per link check in ms', int('--link-timeout'))
    .addOption(new Option('--stage <stage>', '稿件阶段：draft 草稿，publish 待发布（检查三级审核）/ draft or publish').choices(['draft', 'publish']))
    .option('--max-file-size <bytes>', '超过此大小的文件不检查 / skip files larger than this', int('--max-file-size'))
    .option('--changed [ref]', '只检查相对 git 引用（默认 HEAD）改动或新增的 Markdown 文件 / lint only Markdown files changed against a git ref (default HEAD), untracked new ones included')
    .option('--since <ref>', '同 --changed <ref> / same as --changed <ref>')
    .option('--changed-lines', '只报告改动行上的问题（隐含 --changed）/ report only findings on changed lines (implies --changed)')
    .option('--baseline <file>', '只报告基线文件中没有的新问题 / report only findings not recorded in this baseline file')
    .option('--baseline-write <file>', '把当前的问题全部记入基线文件 / record all current findings in a baseline file')
    .option('--jobs <n>', '并行线程数（默认为可用的 CPU 核数，少量文件时单线程）/ worker threads (default: available cores; one thread for a handful of files)', int('--jobs'))
    .option('--cache', '跳过内容、配置和规则都未改变的文件 / skip files whose content, config and rules are unchanged')
    .option('--cache-location <path>', '缓存目录（默认 .draftlintcache/）/ cache directory (default .draftlintcache/)')
    .option('--shard <i/n>', '只检查文件列表的第 i 份（共 n 份，按路径散列，确定）/ lint only shard i of n of the files (by path hash; deterministic)')
    .option('--timing', '在标准错误输出各规则耗时 / print per-rule timing to stderr (also TIMING=1)')
    .option('--print-config <file>', '显示该文件适用的配置（各规则的级别和选项）后退出，不检查 / print the configuration in effect for a file (every rule\'s severity and options) and exit')
    .action(async (paths: string[], opts: LintCliOptions) => {
      process.exitCode = opts.printConfig !== undefined ? await printConfig(opts) : await runLint(paths, opts);
    });
}

/**
 * `--print-config <file>`: the configuration in effect for the file, as YAML that can be pasted
 * into a `.draftlintrc.yml`. The file need not exist (its folder decides which config is found).
 * A draft's own front matter (`draftlint: {disable: […]}`) is not part of it.
 */
async function printConfig(opts: LintCliOptions): Promise<number> {
  const cwd = process.cwd();
  const target = resolve(cwd, opts.printConfig!);
  const { file, rules, settings } = effectiveConfig({ configFile: opts.config, filename: target, ruleOverrides: parseRuleFlag(opts.rule ?? []) }, cwd);
  const { stringify } = await import('yaml');
  // one line a rule, as a config file writes it: `id: severity` or `id: [severity, { options }]`
  const ruleLines = rules.map((r) => `  ${r.id}: ${r.options ? stringify([r.severity, r.options], { collectionStyle: 'flow', lineWidth: 0 }).trim() : r.severity}`);
  const zh = (opts.lang ?? 'zh') === 'zh';
  const head = [
    `# ${zh ? '适用于' : 'in effect for'} ${target}`,
    `# ${zh ? '配置文件' : 'config file'}: ${file ?? (zh ? '无（使用默认配置）' : 'none (the defaults)')}`,
    `# ${zh ? `规则 ${rules.length} 条，启用 ${rules.filter((r) => r.severity !== 'off').length} 条` : `${rules.length} rules, ${rules.filter((r) => r.severity !== 'off').length} on`}`,
  ];
  const rest = Object.keys(settings).length ? stringify(settings, { lineWidth: 0 }) : '';
  process.stdout.write([...head, rest.trimEnd(), 'rules:', ...ruleLines].filter(Boolean).join('\n') + '\n');
  return 0;
}

export async function runLint(paths: string[], opts: LintCliOptions): Promise<number> {
  const cwd = process.cwd();
  // the files named (the pre-commit case): a short run is known before the rules are built
  if (!opts.stdin && paths.length) leanRunFor(paths.map((p) => resolve(cwd, p)));
  const lang: Lang = opts.lang ?? 'zh';
  if (opts.timing) timing.enabled = true;
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : null;
  const load = formatters[opts.format];
  if (!load) throw new UsageError(`未知的输出格式 / unknown format "${opts.format}" (${Object.keys(formatters).join(', ')})`);
  const overrides: Partial<Config> = {};
  if (opts.stage) overrides.stage = opts.stage;
  if (opts.linkTimeout !== undefined) overrides.links = { timeout: opts.linkTimeout };
  const base: LintOptions = {
    configFile: opts.config,
    ruleOverrides: parseRuleFlag(opts.rule ?? []),
    lang,
    online: !!opts.checkLinks,
    overrides: Object.keys(overrides).length ? overrides : undefined,
  };
  // Validate the configuration once up front so that a broken config is exit 2 before any output.
  const top = resolveConfig({ ...base, filename: opts.stdinFilename ?? resolve(cwd, 'x.md') }, cwd);
  await getRuleSet(top.config, { online: base.online, lang, configFile: top.file });
  const results: LintResult[] = [];
  const diffs: string[] = [];
  const notes: string[] = [];
  const baseline = opts.baseline ? readBaseline(resolve(cwd, opts.baseline)) : null;
  let changes: ChangeSet | null = null;
  if (opts.changed || opts.since || opts.changedLines) {
    if (opts.stdin) throw new UsageError('--changed/--since/--changed-lines 不能与 --stdin 同用 / cannot be combined with --stdin');
    changes = await changedFiles(opts.since ?? (typeof opts.changed === 'string' ? opts.changed : undefined), cwd);
  }

  if (opts.stdin) {
    const bytes = await readStdin();
    leanRunFor(bytes.length);
    const filename = opts.stdinFilename ? resolve(cwd, opts.stdinFilename) : '<stdin>';
    const o = { ...base, filename };
    if (opts.fix || opts.fixDryRun) {
      const d = decode(bytes);
      const r = await fix(d.ok ? d.text : bytes, o);
      results.push(r.result);
      if (opts.fixDryRun && r.changed && d.ok) diffs.push((await import('diff')).createTwoFilesPatch(filename, filename, d.text, r.output));
      if (opts.fix && !opts.fixDryRun) process.stdout.write(r.output);
    } else results.push(await lint(bytes, o));
  } else {
    const list = await listFiles(paths, { cwd, ignore: top.config.ignore });
    if (changes) [list.files, list.missing] = [intersectChanged(list.files, changes), []];
    if (!changes && !list.files.length && !list.missing.length)
      throw new UsageError(`没有找到要检查的 Markdown 文件 / no Markdown files found in: ${(paths.length ? paths : ['.']).join(' ')}`);
    for (const m of list.missing) list.files.push(m);
    if (shard) list.files = shardFiles(list.files, shard, cwd);
    leanRunFor(list.files);
    const progress = createProgress(list.files.length, { lang });
    const outcomes = await lintFiles(list.files, { ...base, maxFileSize: opts.maxFileSize, fix: opts.fix, fixDryRun: opts.fixDryRun, jobs: opts.jobs, cache: opts.cache, cacheLocation: opts.cacheLocation, cwd }, (done) => progress.tick(list.files[done - 1])).finally(() => progress.done());
    if (lastRun.cacheNotSaved)
      notes.push(lang === 'zh' ? `无法保存缓存（${lastRun.cacheNotSaved}），本次结果不受影响` : `cannot save the cache (${lastRun.cacheNotSaved}); this run's results are unaffected`);
    for (const o of outcomes) {
      results.push(o.result);
      if (o.diff) diffs.push(o.diff);
      if (o.note) notes.push(o.note);
    }
  }

  if (changes && opts.changedLines) results.splice(0, results.length, ...(await filterChangedLines(results, changes)));
  if (opts.baselineWrite) {
    const file = resolve(cwd, opts.baselineWrite);
    const written = await writeBaseline(results, file);
    notes.push(lang === 'zh' ? `已把 ${written.entries.length} 个问题记入基线 ${file}` : `recorded ${written.entries.length} findings in the baseline ${file}`);
    results.splice(0, results.length, ...applyBaseline(results, written, file).results);
  } else if (baseline) {
    const applied = applyBaseline(results, baseline, resolve(cwd, opts.baseline!));
    results.splice(0, results.length, ...applied.results);
    if (applied.known) notes.push(lang === 'zh' ? `基线中已有的 ${applied.known} 个问题未报告` : `${applied.known} findings already in the baseline not reported`);
  }
  let shown = results;
  if (opts.quiet) {
    shown = results.map((r) => {
      const messages = r.messages.filter((m) => m.severity === 2);
      return { ...r, messages, warningCount: 0, fixableWarningCount: 0 };
    });
  }
  const color = opts.color === false || process.env.NO_COLOR ? false : process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0' ? true : !opts.outputFile && !!process.stdout.isTTY;
  const formatter = await load({ color });
  const text = formatter(shown, { cwd, lang, color, rules: ruleDefinitions((top.config.rulePaths as string[]) ?? []) });
  if (opts.outputFile) writeOutputFile(cwd, opts.outputFile, text);
  else if (text) {
    // with --stdin --fix the fixed draft is standard output, so the report goes to standard error
    const out = opts.stdin && opts.fix && !opts.fixDryRun ? process.stderr : process.stdout;
    out.write(text.endsWith('\n') ? text : text + '\n');
  }
  if (diffs.length) process.stdout.write(diffs.join('\n'));
  for (const n of notes) process.stderr.write(`draftlint: ${n}\n`);
  if (timing.enabled && timing.times.size) process.stderr.write(formatTiming(timing.times));

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    process.stderr.write(
      lang === 'zh' ? `draftlint: 警告数 ${warnings} 超过上限 ${opts.maxWarnings}。\n` : `draftlint: ${warnings} warnings exceed the maximum of ${opts.maxWarnings}.\n`,
    );
    return 1;
  }
  return 0;
}

export { packageRoot };
