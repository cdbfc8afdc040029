/**
 * `draftlint init`: write a commented starter `.draftlintrc.yml`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../engine/index.js';

export function starterConfig(opts: { siteDomain?: string; unit?: string } = {}): string {
  return `# draftlint 配置文件（.draftlintrc.yml）。说明见 README“配置”一节。
# draftlint configuration; see the README, section "Configuration".

# 继承另一个配置文件（相对路径，须在本项目内）/ extend another config file in this project
# extends: ./base.draftlintrc.yml

# 规则级别：off 关闭、warning 警告、error 错误；也可写 [级别, {选项}]；family/* 作用于一类规则
# Rule severity: off | warning | error, or [severity, {options}]; family/* sets a whole family.
rules:
  # meta/unknown-key: off
  # typo/*: error

# 不检查的文件（gitignore 语法）/ files not to check (gitignore syntax)
ignore:
  - "drafts/archive/**"

# 本单位认可的专有名词，不作为错别字或拼写错误 / accepted terms
words: []
  # - 盘山县

# 外链白名单 / link allow-list
links:
  site: ${opts.siteDomain ? JSON.stringify(opts.siteDomain) : '"www.example.gov.cn"'}   # 本站域名 / the site's own domain
  allow: []          # 允许的其他域名 / other allowed hosts
  deny: []           # 禁止的域名 / denied hosts

# 本站信息 / the site
site:
  unit: ${opts.unit ? JSON.stringify(opts.unit) : '""'}    # 默认发布单位 / default publishing unit
  leaders: []        # 本县领导姓名（用于严重错别字检查）/ county leaders' names
  # issuers: [盘县政发, 盘县政办发]   # 本县发文机关代字 / the county's issuer prefixes

# 栏目目录：在默认目录基础上增加或替换 / column catalog (see README, "Columns")
# columns:
#   add: []
`;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('在当前目录生成带注释的配置文件 .draftlintrc.yml / write a commented starter config')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .option('--site-domain <domain>', '本站域名 / the site domain')
    .option('--unit <name>', '发布单位 / the publishing unit')
    .action((opts: { force?: boolean; siteDomain?: string; unit?: string }) => {
      const file = resolve(process.cwd(), '.draftlintrc.yml');
      if (existsSync(file) && !opts.force) throw new UsageError(`${file} 已存在；如需覆盖请加 --force / already exists (use --force)`);
      writeFileSync(file, starterConfig(opts));
      process.stdout.write(`已生成 / wrote ${file}\n`);
    });
}
