/**
 * `draftlint classify FILE...`: each draft's columns ranked by score, with the keywords and
 * model bigrams behind each score and the column/mismatch verdict for the declared column, so
 * an editor can see why a draft belongs where (一(三)2, 文不对题).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { packageRoot, resolveConfig, UsageError } from '../../engine/index.js';
import { buildDraft, decode, loadHtmlParserFor } from '../../document/index.js';
import { columnScorer, declaredColumn, draftText } from '../../checks/column.js';
import type { ColumnScore, Verdict } from '../../checks/column/scorer.js';

interface ClassifyCliOptions {
  top: string;
  format: 'text' | 'json';
  config?: string;
}

export interface ClassifyResult {
  file: string;
  declared: string | null;
  /** the catalog column the declared name denotes */
  declaredColumn: string | null;
  verdict: { mismatch: boolean; reason: string; suggestions: string[]; evidence: string[] } | null;
  ranked: Array<{
    column: string;
    score: number;
    keyword: number;
    model: number;
    keywords: Array<{ word: string; weight: number; inTitle: boolean; count: number; points: number }>;
    modelWords: string[];
  }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function toJson(file: string, declared: string | null, declaredName: string | null, verdict: Verdict | null, ranked: ColumnScore[], top: number): ClassifyResult {
  return {
    file,
    declared,
    declaredColumn: declaredName,
    verdict: verdict && {
      mismatch: verdict.mismatch,
      reason: verdict.reason,
      suggestions: verdict.suggestions.map((s) => s.column.name),
      evidence: verdict.evidence,
    },
    ranked: ranked.slice(0, top).map((r) => ({
      column: r.column.name,
      score: round(r.score),
      keyword: round(r.keyword),
      model: round(r.model),
      keywords: r.hits.map((h) => ({ ...h, points: round(h.points) })),
      modelWords: r.modelWords,
    })),
  };
}

function renderText(r: ClassifyResult): string {
  const out = [r.file];
  if (r.declared === null) out.push('  声明栏目：（无）/ no column declared');
  else if (r.declaredColumn === null) out.push(`  声明栏目：${r.declared}（不在栏目目录中 / not in the catalog）`);
  else {
    const v = r.verdict!;
    const tail = v.mismatch
      ? `文不对题，建议改为：${v.suggestions.join('、')}（依据：${v.evidence.map((w) => `“${w}”`).join('')}）/ mismatch`
      : `未发现文不对题 / no mismatch（${v.reason}）`;
    out.push(`  声明栏目：${r.declared}${r.declared !== r.declaredColumn ? `（即“${r.declaredColumn}”）` : ''} —— ${tail}`);
  }
  r.ranked.forEach((c, i) => {
    const kw = c.keywords.slice(0, 6).map((h) => `${h.word}（${h.inTitle ? '标题、' : ''}正文${h.count}次）${h.points}分`).join('；');
    out.push(
      `  ${String(i + 1).padStart(2)}. ${c.column}  得分 ${c.score.toFixed(3)}  关键词 ${c.keyword}  模型 ${c.model.toFixed(3)}` +
        (kw ? `\n      关键词：${kw}` : '') +
        (c.modelWords.length ? `\n      模型字词：${c.modelWords.join(' ')}` : ''),
    );
  });
  return out.join('\n') + '\n';
}

export async function runClassify(files: string[], opts: ClassifyCliOptions, cwd = process.cwd()): Promise<{ text: string; results: ClassifyResult[] }> {
  const top = Number(opts.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top 须为正整数 / --top must be a positive integer: ${opts.top}`);
  const results: ClassifyResult[] = [];
  for (const f of files) {
    const abs = path.resolve(cwd, f);
    const buf = await readFile(abs).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`无法读取 / cannot read ${f}: ${e.code ?? e.message}`);
    });
    const dec = decode(buf);
    if (!dec.ok) throw new UsageError(`${f}: 不是 UTF-8/UTF-16 文本 / not UTF-8 or UTF-16 text (${dec.kind})`);
    const { config, file } = resolveConfig({ configFile: opts.config, filename: abs }, cwd);
    let scorer;
    try {
      scorer = columnScorer({ config, packageRoot, baseDir: path.dirname(file || abs) });
    } catch (e) {
      throw new UsageError(`${file || '<config>'}: ${(e as Error).message}`);
    }
    await loadHtmlParserFor(dec.text); // the text of HTML blocks counts too
    const draft = buildDraft(dec.text, f);
    const { title, body } = draftText(draft);
    const ranked = scorer.classify(title, body);
    const declared = declaredColumn(draft);
    const column = declared ? scorer.catalog.get(declared.value) : undefined;
    const verdict = column ? scorer.judge(column, ranked) : null;
    results.push(toJson(f, declared?.value ?? null, column?.name ?? null, verdict, ranked, top));
  }
  const text = opts.format === 'json' ? JSON.stringify(results, null, 2) + '\n' : results.map(renderText).join('\n');
  return { text, results };
}

export function register(program: Command): void {
  program
    .command('classify')
    .description('给出稿件最可能属于的栏目、得分和依据（一(三)2 文不对题）/ rank the columns a draft belongs to, with scores and evidence')
    .argument('<files...>', '稿件文件 / draft files')
    .option('-n, --top <n>', '列出前 n 个栏目 / list the top n columns', '5')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', '使用指定配置文件 / use this config file')
    .action(async (files: string[], opts: ClassifyCliOptions) => {
      const { text } = await runClassify(files, opts);
      process.stdout.write(text);
    });
}
