/**
 * `draftlint columns`: the column catalog in effect (the default dictionaries/columns.yml,
 * replaced or extended by config `columns:`), with aliases, kind and description.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { packageRoot, resolveConfig, UsageError } from '../../engine/index.js';
import { loadColumnCatalog, type Column } from '../../checks/column/catalog.js';

interface ColumnsCliOptions {
  format: 'text' | 'json';
  keywords?: boolean;
  config?: string;
}

function kindOf(c: Column): string {
  return c.broad ? '综合栏目 broad' : c.form ? '按文种 form' : Object.keys(c.keywords).length ? '' : '不评分 unscored';
}

export function renderColumns(cols: Column[], withKeywords = false): string {
  const out = [`栏目目录 / column catalog（${cols.length} 个栏目）`, ''];
  cols.forEach((c, i) => {
    const kind = kindOf(c);
    out.push(`${String(i + 1).padStart(2)}. ${c.name}${c.aliases.length ? `（别名：${c.aliases.join('、')}）` : ''}${kind ? ` [${kind}]` : ''}${c.origin !== 'default' ? ` {${c.origin}}` : ''}`);
    if (c.description) out.push(`    ${c.description}`);
    if (c.accepts.length) out.push(`    也可发：${c.accepts.join('、')}`);
    if (withKeywords && Object.keys(c.keywords).length)
      out.push(`    关键词：${Object.entries(c.keywords).map(([w, n]) => `${w}(${n})`).join(' ')}`);
  });
  return out.join('\n') + '\n';
}

export function runColumns(opts: ColumnsCliOptions, cwd = process.cwd()): string {
  const { config, file } = resolveConfig({ configFile: opts.config, filename: path.join(cwd, 'draft.md') }, cwd);
  let catalog;
  try {
    catalog = loadColumnCatalog(config, packageRoot, file ? path.dirname(file) : cwd);
  } catch (e) {
    throw new UsageError(`${file || '<config>'}: columns: ${(e as Error).message}`);
  }
  if (opts.format === 'json') return JSON.stringify(catalog.columns, null, 2) + '\n';
  return renderColumns(catalog.columns, opts.keywords);
}

export function register(program: Command): void {
  program
    .command('columns')
    .description('列出栏目目录（默认目录及配置 columns: 的增改）/ list the column catalog')
    .option('-k, --keywords', '同时列出关键词及权重 / also list keywords and weights')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', '使用指定配置文件 / use this config file')
    .action((opts: ColumnsCliOptions) => {
      process.stdout.write(runColumns(opts));
    });
}
