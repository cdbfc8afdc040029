/**
 * `draftlint cadence [paths] --as-of YYYY-MM-DD`: update cadence of new-media accounts
 * (weekly, 三(二); 僵尸号 after 14 days) and website columns (dynamic 14 days, others
 * 6 months; 空白栏目; 单项否决 at five). Exit 1 when anything is behind.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { packageRoot, resolveConfig, UsageError } from '../../engine/index.js';
import { cadenceOptions, computeCadence, renderCadenceJson, renderCadenceText } from '../../workflow/cadence.js';
import { siteColumns } from '../../workflow/catalog.js';
import { collectEntries, configAnchor } from '../../workflow/collect.js';
import { parseDate } from '../../workflow/dates.js';
import { writeOutputFile } from '../output-file.js';

interface CadenceCliOptions {
  asOf?: string;
  since?: string;
  format: 'text' | 'json';
  outputFile?: string;
  config?: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function runCadence(paths: string[], opts: CadenceCliOptions, cwd = process.cwd()): Promise<number> {
  const asOf = opts.asOf === undefined ? today() : parseDate(opts.asOf);
  if (!asOf) throw new UsageError(`--as-of 须写成 YYYY-MM-DD / --as-of must be YYYY-MM-DD: ${opts.asOf}`);
  const since = opts.since === undefined ? undefined : parseDate(opts.since);
  if (since === null) throw new UsageError(`--since 须写成 YYYY-MM-DD / --since must be YYYY-MM-DD: ${opts.since}`);
  const { config, file } = resolveConfig({ configFile: opts.config, filename: configAnchor(paths, cwd) }, cwd);
  let o;
  let columns;
  try {
    o = cadenceOptions(config.cadence);
    columns = siteColumns(config, packageRoot, file.startsWith('<') ? cwd : path.dirname(file));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (since) o.since = since;
  const { entries } = await collectEntries(paths, { cwd, ignore: config.ignore });
  for (const e of entries) if (e.column) e.column = columns.canonical(e.column);
  const report = computeCadence(entries, asOf, o, columns.names);
  const text = opts.format === 'json' ? renderCadenceJson(report) : renderCadenceText(report, o);
  if (opts.outputFile) writeOutputFile(cwd, opts.outputFile, text);
  else process.stdout.write(text);
  if (report.veto && opts.format === 'json') {
    process.stderr.write(`draftlint cadence: ${report.staleColumnCount} 个栏目超期未更新或为空白栏目，检查时将被单项否决 / ${report.staleColumnCount} columns overdue or empty (veto)\n`);
  }
  return report.behind ? 1 : 0;
}

export function register(program: Command): void {
  program
    .command('cadence')
    .description('检查新媒体账号和网站栏目的更新频率（三(二)）/ update cadence of accounts and columns')
    .argument('[paths...]', '文件、目录或通配符 / files, directories or globs (default: .)')
    .option('--as-of <YYYY-MM-DD>', '检查日期（默认今天）/ the day to check as of (default: today)')
    .option('--since <YYYY-MM-DD>', '只列出此日期以后的间隔 / list gaps from this day on')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['text', 'json']).default('text'))
    .option('-o, --output-file <file>', '写入文件 / write to a file')
    .option('-c, --config <file>', '使用指定配置文件 / use this config file')
    .action(async (paths: string[], opts: CadenceCliOptions) => {
      process.exitCode = await runCadence(paths, opts);
    });
}
