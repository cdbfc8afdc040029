/**
 * `draftlint init`: write a commented starter `.draftlintrc.yml`. Asks nothing; `--site-domain`
 * and `--unit` fill in the site's host and default unit. The file references the JSON Schema that
 * ships in the package (schema/draftlintrc.schema.json) for completion in editors that use the
 * YAML language server (VS Code's YAML extension and others), lists the default column catalog
 * ready to trim, and has the link allow-list ready to edit.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { parse } from 'yaml';
import { packageRoot, UsageError } from '../engine/index.js';

export const SCHEMA_FILE = join(packageRoot, 'schema', 'draftlintrc.schema.json');

/** How the starter config refers to the schema: a relative path when draftlint is installed in (or above) the project, else a file URL. */
export function schemaReference(cwd: string, schemaFile = SCHEMA_FILE): string {
  const rel = relative(cwd, schemaFile).split(sep).join('/');
  if (!isAbsolute(rel) && !rel.startsWith('..')) return `./${rel}`;
  if (/^(\.\.\/)+node_modules\//.test(rel)) return rel;
  return pathToFileURL(schemaFile).href;
}

/** Column names of the default catalog (dictionaries/columns.yml). */
export function defaultColumnNames(root = packageRoot): string[] {
  try {
    const list = parse(readFileSync(join(root, 'dictionaries', 'columns.yml'), 'utf8')) as unknown;
    if (!Array.isArray(list)) return [];
    return list.map((c) => (c && typeof c === 'object' ? (c as { name?: unknown }).name : undefined)).filter((n): n is string => typeof n === 'string' && !!n.trim());
  } catch {
    return [];
  }
}

/**
 * `--site-domain`: a host name, or a URL whose host is taken (`https://` is kept: the site is then
 * expected to be linked with https). Anything else is a usage error.
 */
export function normalizeSiteDomain(input: string): string {
  const s = input.trim();
  const bad = (why: string) => new UsageError(`--site-domain "${input}": ${why}`);
  if (!s) throw bad('不能为空 / must not be empty');
  if (/\s/.test(s)) throw bad('不能含空格 / must not contain spaces');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') throw bad('只能是 http 或 https 网址，或域名 / must be a host name or an http(s) URL');
  let u: URL;
  try {
    u = new URL(scheme ? s : `http://${s}`);
  } catch {
    throw bad('不是有效的域名 / is not a valid host name');
  }
  if (u.username || u.password) throw bad('不能含用户名或密码 / must not contain credentials');
  if (u.pathname !== '/' || u.search || u.hash) throw bad('只写域名，不要带路径 / give the host only, without a path (e.g. www.example.gov.cn)');
  const host = u.hostname.replace(/\.$/, '');
  if (!host.includes('.') && host !== 'localhost') throw bad('不是完整域名 / is not a full host name (e.g. www.example.gov.cn)');
  if (!/^[a-z0-9.-]+$/.test(host) || host.split('.').some((l) => !l || l.startsWith('-') || l.endsWith('-') || l.length > 63))
    throw bad('不是有效的域名 / is not a valid host name');
  const port = u.port ? `:${u.port}` : '';
  return scheme === 'https' ? `https://${host}${port}` : `${host}${port}`;
}

/** `--unit`: one line of text, at most 60 characters. */
export function normalizeUnit(input: string): string {
  const s = input.trim().replace(/\u3000/g, ' ');
  if (!s) throw new UsageError(`--unit: 不能为空 / must not be empty`);
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(s)) throw new UsageError(`--unit "${input}": 只能写一行文字 / must be a single line of text`);
  if ([...s].length > 60) throw new UsageError(`--unit "${input}": 过长（最多 60 字）/ too long (at most 60 characters)`);
  return s;
}

const q = (s: string) => JSON.stringify(s);

export function starterConfig(opts: { siteDomain?: string; unit?: string; schema?: string; columns?: string[] } = {}): string {
  const domain = opts.siteDomain ? normalizeSiteDomain(opts.siteDomain) : undefined;
  const unit = opts.unit !== undefined ? normalizeUnit(opts.unit) : undefined;
  const schema = opts.schema ?? schemaReference(process.cwd());
  const columns = opts.columns ?? defaultColumnNames();
  const columnLines = columns.length
    ? columns.map((c) => `#     - ${q(c)}`).join('\n')
    : '#     - 栏目名称';
  return `# yaml-language-server: $schema=${schema}
# draftlint 配置文件（.draftlintrc.yml）。说明见 README“配置”一节；编辑器可按上面的 JSON Schema 补全和校验。
# draftlint configuration; see the README, section "Configuration". Editors complete and check it
# with the JSON Schema named on the first line.

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

# 外链白名单 / link allow-list. gov.cn 政府网站默认允许 / government sites (gov.cn) are allowed by default.
links:
  ${domain ? `site: ${q(domain)}` : '# site: www.example.gov.cn'}   # 本站域名（写 https:// 表示须用 https 链接）/ the site's own host
  allow:             # 允许链接的其他网站（域名、*.域名 或网址前缀）/ other allowed hosts, *.hosts or URL prefixes
    # - www.people.com.cn
    # - "*.xinhuanet.com"
    # - www.example.com/zt/
  deny:              # 禁止链接的网站 / denied hosts
    # - pan.example.com

# 本站信息 / the site
site:
  ${unit ? `unit: ${q(unit)}` : '# unit: 县人民政府办公室'}    # 默认发布单位 / default publishing unit
  leaders: []        # 本县领导姓名（用于严重错别字检查）/ county leaders' names
  # issuers: [盘县政发, 盘县政办发]   # 本县发文机关代字 / the county's issuer prefixes

# 栏目目录 / column catalog (see README, "Columns").
# 默认目录（dictionaries/columns.yml）共 ${columns.length} 个栏目，见下。本站没有的栏目请取消注释，列入 remove；
# 本站特有的栏目写进 add。取消注释 columns: 后，栏目更新检查按本站目录进行。
# The default catalog has the ${columns.length} columns below: uncomment "columns:" and "remove:" and the
# columns this site does not have; add the site's own columns under "add:".
# columns:
#   remove:
${columnLines}
#   add:
#     - name: 招商引资
#       aliases: [投资促进]
#       description: 招商项目、投资政策与签约项目。
#       keywords: {招商: 3, 签约: 2, 投资: 1}
`;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('在当前目录生成带注释的配置文件 .draftlintrc.yml / write a commented starter config')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .option('--site-domain <domain>', '本站域名，如 www.example.gov.cn / the site domain, e.g. www.example.gov.cn')
    .option('--unit <name>', '默认发布单位 / the default publishing unit')
    .action((opts: { force?: boolean; siteDomain?: string; unit?: string }) => {
      const file = resolve(process.cwd(), '.draftlintrc.yml');
      const text = starterConfig(opts); // validates --site-domain and --unit first
      if (existsSync(file) && !opts.force) throw new UsageError(`${file} 已存在；如需覆盖请加 --force / already exists (use --force)`);
      writeFileSync(file, text);
      process.stdout.write(`已生成 / wrote ${file}\n`);
    });
}
