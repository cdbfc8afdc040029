/**
 * Measure prohibited/* false findings on published text: every Markdown file under a corpus
 * directory (default /work/shared/data/corpus/laws) is given front matter (title from its `# `
 * line, the first date it carries, a neutral column) and linted with the prohibited/ rules only.
 * Published laws should give (next to) no finding.
 *
 * Usage: npx vite-node scripts/measure-prohibited-corpus.ts [dir] [--every N] [--show]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lint, ruleDefinitions } from '../src/engine/index.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '/work/shared/data/corpus/laws';
const everyIdx = args.indexOf('--every');
const every = everyIdx >= 0 ? Number(args[everyIdx + 1]) : 1;
const show = args.includes('--show');

function walk(d: string, out: string[] = []): string[] {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.md')) out.push(p);
  }
  return out;
}

export function withFrontMatter(text: string): string {
  const title = /^#\s+(.+)$/mu.exec(text)?.[1]?.trim() ?? '无标题';
  const d = /(\d{4})年(\d{1,2})月(\d{1,2})日/u.exec(text);
  const date = d ? `${d[1]}-${d[2]!.padStart(2, '0')}-${d[3]!.padStart(2, '0')}` : '2021-01-01';
  const body = text.replace(/^#\s+.+$/mu, '').replace(/<!--\s*INFO END\s*-->/u, '');
  return `---\ntitle: ${JSON.stringify(title)}\ncolumn: 政策文件\nunit: 盘山县司法局\nauthor: 测试\ndate: ${date}\n---\n\n# ${title}\n${body}`;
}

const only = [...ruleDefinitions().keys()].filter((id) => id.startsWith('prohibited/'));
const files = walk(dir).filter((_, i) => i % every === 0);
const perRule = new Map<string, number>();
let chars = 0;
let withFinding = 0;
const t0 = performance.now();
for (const f of files) {
  const text = withFrontMatter(readFileSync(f, 'utf8'));
  chars += text.length;
  const r = await lint(text, { filename: f, only });
  if (r.messages.length) withFinding++;
  for (const m of r.messages) {
    perRule.set(m.ruleId!, (perRule.get(m.ruleId!) ?? 0) + 1);
    if (show) {
      const line = text.split('\n')[m.line - 1] ?? '';
      console.log(`${f.replace(dir + '/', '')}:${m.line}:${m.column} ${m.ruleId} ${JSON.stringify(m.data)}\n    ${line.slice(Math.max(0, m.column - 40), m.column + 60)}`);
    }
  }
}
const total = [...perRule.values()].reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify(
    { dir, files: files.length, chars, seconds: Math.round((performance.now() - t0) / 100) / 10, findings: total, filesWithFindings: withFinding, perRule: Object.fromEntries(perRule) },
    null,
    1,
  ),
);
