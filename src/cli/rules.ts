/**
 * `draftlint rules [id]`: the rule list, or one rule's documentation and examples.
 */
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { resolveConfig, ruleDefinitions, UsageError } from '../engine/index.js';
import { closestAll } from '../checks/util/closest.js';
import { stringWidth } from '../report/width.js';
import type { Lang, RuleDef } from '../types.js';

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - stringWidth(s)));
}

export function ruleTable(rules: RuleDef[], lang: Lang): string {
  const sev = (r: RuleDef) => (lang === 'zh' ? { error: '错误', warning: '警告', off: '关闭' }[r.severity] : r.severity);
  const rows = rules.map((r) => [r.id, sev(r), r.fixable ? (lang === 'zh' ? '可修正' : 'fixable') : '', r.description[lang]]);
  const w0 = Math.max(...rows.map((r) => stringWidth(r[0]!)));
  return rows.map((r) => `${pad(r[0]!, w0)}  ${pad(r[1]!, 6)}  ${pad(r[2]!, 8)}  ${r[3]}`).join('\n') + '\n';
}

export function ruleDoc(r: RuleDef, lang: Lang): string {
  const zh = lang === 'zh';
  const out = [
    `${r.id}`,
    `${zh ? '说明' : 'Description'}: ${r.description[lang]}`,
    `${zh ? '默认级别' : 'Default severity'}: ${r.severity}${r.fixable ? (zh ? '（可自动修正）' : ' (fixable)') : ''}`,
    `${zh ? '检查方式' : 'Kind'}: ${r.kind}`,
  ];
  if (r.basis) out.push(`${zh ? '依据' : 'Basis'}: ${r.basis}`);
  if (r.indicator) out.push(`${zh ? '检查指标' : 'Inspection indicator'}: ${r.indicator}`);
  out.push(`${zh ? '消息' : 'Messages'}:`);
  for (const [k, m] of Object.entries(r.messages)) out.push(`  ${k}: ${m[lang]}`);
  if (Object.keys(r.options).length) out.push(`${zh ? '选项' : 'Options'}:`, stringify(r.options).trimEnd().replace(/^/gm, '  '));
  const show = (title: string, list: RuleDef['examples']['valid']) => {
    if (!list.length) return;
    out.push(title);
    for (const ex of list) {
      const body = ex.text ?? (ex.file ? `(file ${ex.file})` : ex.base64 !== undefined ? '(bytes)' : '');
      out.push(body.trimEnd().replace(/^/gm, '    '));
      if (ex.note) out.push(`    # ${ex.note}`);
      if (ex.output !== undefined) out.push(`  ${zh ? '修正后' : 'fixed'}:`, ex.output.trimEnd().replace(/^/gm, '    '));
      out.push('');
    }
  };
  show(zh ? '正确示例:' : 'Valid examples:', r.examples.valid);
  show(zh ? '错误示例:' : 'Invalid examples:', r.examples.invalid);
  return out.join('\n') + '\n';
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('列出全部规则，或显示一条规则的说明和示例 / list rules, or show one rule')
    .argument('[id]', '规则 id / rule id')
    .addOption(new Option('--lang <lang>', '语言 / language').choices(['zh', 'en']))
    .option('-c, --config <file>', '配置文件（含自定义规则目录）/ config file (for rulePaths)')
    .option('--json', '以 JSON 输出 / output JSON')
    .action((id: string | undefined, opts: { lang?: Lang; config?: string; json?: boolean }) => {
      const lang = opts.lang ?? 'zh';
      const { config } = resolveConfig({ configFile: opts.config });
      const defs = ruleDefinitions((config.rulePaths as string[]) ?? []);
      if (!id) {
        const list = [...defs.values()];
        process.stdout.write(opts.json ? JSON.stringify(list.map(({ file: _f, ...r }) => r), null, 2) + '\n' : ruleTable(list, lang));
        return;
      }
      const r = defs.get(id);
      if (!r) {
        const guess = closestAll(id, defs.keys(), 3);
        throw new UsageError(`没有规则 / no rule "${id}"${guess.length ? `（是否想找 / did you mean: ${guess.join(', ')}）` : ''}`);
      }
      process.stdout.write(opts.json ? JSON.stringify({ ...r, file: undefined }, null, 2) + '\n' : ruleDoc(r, lang));
    });
}
