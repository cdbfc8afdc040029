/**
 * `draftlint ledger [paths] --month YYYY-MM`: the monthly publication ledger (台账,
 * notice 三(一)) from the drafts' front matter. Exit 1 when a row lacks review data.
 */
import { Option, type Command } from 'commander';
import { resolveConfig, UsageError } from '../../engine/index.js';
import { collectEntries, configAnchor } from '../../workflow/collect.js';
import { parseMonth } from '../../workflow/dates.js';
import { buildLedger, renderLedgerCsv, renderLedgerHtml, renderLedgerMarkdown } from '../../workflow/ledger.js';
import { writeOutputFile } from '../output-file.js';

interface LedgerCliOptions {
  month: string;
  format: 'csv' | 'md' | 'html';
  outputFile?: string;
  config?: string;
  deadline: 'next-month' | 'same-month';
  title?: string;
}

export async function runLedger(paths: string[], opts: LedgerCliOptions, cwd = process.cwd()): Promise<number> {
  if (!parseMonth(opts.month)) throw new UsageError(`--month 须写成 YYYY-MM / --month must be YYYY-MM: ${opts.month}`);
  const { config } = resolveConfig({ configFile: opts.config, filename: configAnchor(paths, cwd) }, cwd);
  const { entries } = await collectEntries(paths, { cwd, ignore: config.ignore });
  const ledger = buildLedger(entries, opts.month, { deadline: opts.deadline, title: opts.title });
  const render = opts.format === 'csv' ? renderLedgerCsv : opts.format === 'html' ? renderLedgerHtml : renderLedgerMarkdown;
  const text = render(ledger);
  if (opts.outputFile) writeOutputFile(cwd, opts.outputFile, text);
  else process.stdout.write(text);
  if (ledger.total === 0) process.stderr.write(`draftlint ledger: ${opts.month} 没有发布日期在本月的稿件 / no drafts dated in ${opts.month}\n`);
  if (ledger.incomplete.length) {
    const lines = ledger.incomplete.map((r) => `  ${r.path}: ${r.unit} 第${r.no}条《${r.title}》缺${r.missing.join('、')}`);
    process.stderr.write(
      `draftlint ledger: ${ledger.incomplete.length} 条稿件审核记录不全，补齐后方可报送（截止 ${ledger.deadline}）/ ${ledger.incomplete.length} rows lack review data:\n${lines.join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('ledger')
    .description('生成月度信息发布台账（三(一)）/ build the monthly publication ledger (台账)')
    .argument('[paths...]', '文件、目录或通配符 / files, directories or globs (default: .)')
    .requiredOption('--month <YYYY-MM>', '台账月份 / the month')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['csv', 'md', 'html']).default('md'))
    .option('-o, --output-file <file>', '写入文件 / write to a file')
    .option('-c, --config <file>', '使用指定配置文件 / use this config file')
    .addOption(
      new Option('--deadline <when>', '报送截止：次月25日或当月25日 / filing deadline: the 25th of the next or the same month')
        .choices(['next-month', 'same-month'])
        .default('next-month'),
    )
    .option('--title <title>', '台账标题 / the ledger title')
    .action(async (paths: string[], opts: LedgerCliOptions) => {
      process.exitCode = await runLedger(paths, opts);
    });
}
