/**
 * A self-contained, printable HTML report (Chinese by default) for attaching to the review record
 * (审核记录): totals with the inspection indicators that would be triggered — 单项否决 findings
 * stand out —, a summary by rule family and by file, then every finding with its source line (the
 * covered text highlighted), the fix or suggestion, and the notice item it enforces.
 *
 * No external assets, no scripts: a Content-Security-Policy forbids every fetch, so the file opens
 * the same offline, in a mail client or printed to PDF.
 */
import { readFileSync } from 'node:fs';
import { computeLineStarts, positionAt } from '../document/draft.js';
import type { LintMessage, LintResult } from '../engine/index.js';
import type { Fix, Lang } from '../types.js';
import type { Formatter } from './index.js';
import { displayPath } from './paths.js';
import { familyName, familyRank } from './families.js';

const T = {
  zh: {
    title: '稿件检查报告',
    generated: '生成时间',
    files: '个文件',
    filesChecked: '检查文件',
    withProblems: '有问题的文件',
    errors: '错误',
    warnings: '警告',
    veto: '单项否决',
    vetoBanner: (n: number) => `有 ${n} 处问题涉及“单项否决”指标：按国务院办公厅政府网站与政务新媒体检查指标，任一项即可判定不合格，须在发布前改正。`,
    deduct: (n: number) => `另有 ${n} 处问题属于扣分指标。`,
    noVeto: '未发现涉及“单项否决”指标的问题。',
    clean: '未发现问题。',
    byFamily: '按规则类别汇总',
    byFile: '按文件汇总',
    details: '问题明细',
    family: '类别',
    file: '文件',
    indicator: '检查指标',
    basis: '依据',
    fix: '修正为',
    fixable: '可用 --fix 自动修正',
    suggestion: '建议',
    replaceWith: '替换为',
    line: '行',
    column: '列',
    total: '合计',
    empty: '（删除）',
    noSource: '（无法显示原文）',
    indicatorsTitle: '涉及的检查指标',
  },
  en: {
    title: 'Draft compliance report',
    generated: 'Generated',
    files: 'files',
    filesChecked: 'Files checked',
    withProblems: 'Files with problems',
    errors: 'Errors',
    warnings: 'Warnings',
    veto: 'Single veto',
    vetoBanner: (n: number) =>
      `${n} finding${n === 1 ? '' : 's'} fall under a single-veto (单项否决) inspection indicator: any one of them fails a State Council website inspection; fix before publishing.`,
    deduct: (n: number) => `${n} more fall under point-deduction indicators.`,
    noVeto: 'No finding falls under a single-veto indicator.',
    clean: 'No problems found.',
    byFamily: 'Summary by rule family',
    byFile: 'Summary by file',
    details: 'Findings',
    family: 'Family',
    file: 'File',
    indicator: 'Inspection indicator',
    basis: 'Basis',
    fix: 'Fixed',
    fixable: 'fixable with --fix',
    suggestion: 'Suggestion',
    replaceWith: 'Replace with',
    line: 'line',
    column: 'column',
    total: 'Total',
    empty: '(delete)',
    noSource: '(source not available)',
    indicatorsTitle: 'Inspection indicators involved',
  },
};

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}


function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}

function generatedAt(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const d = Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const isVeto = (m: Pick<LintMessage, 'indicator'>) => !!m.indicator?.includes('单项否决');

const MAX_LINE = 240;

/** The source line of a finding with the covered span in <mark>, shortened around the span. */
function sourceLine(lines: string[], m: LintMessage): string | null {
  const raw = lines[m.line - 1];
  if (raw === undefined) return null;
  const src = raw.replace(/\r$/, '');
  const s = Math.min(m.column - 1, src.length);
  const e = m.endLine === m.line ? Math.min(Math.max(m.endColumn - 1, s), src.length) : src.length;
  let from = 0;
  let to = src.length;
  if (src.length > MAX_LINE) {
    from = Math.max(0, s - 60);
    to = Math.min(src.length, Math.max(e + 60, from + MAX_LINE));
  }
  const pre = (from > 0 ? '…' : '') + src.slice(from, s);
  const span = src.slice(s, e);
  const post = src.slice(e, to) + (to < src.length ? '…' : '');
  const mark = span ? `<mark>${escapeHtml(span)}</mark>` : '<mark class="point" aria-label="here">▏</mark>';
  const cont = m.endLine > m.line ? '<span class="cont">⏎ …</span>' : '';
  return `<span class="ln">${m.line}</span><span class="code">${escapeHtml(pre)}${mark}${escapeHtml(post)}${cont}</span>`;
}

/** The line after applying a fix, when the fix lies within the finding's line; else null. */
function fixedLine(source: string, starts: number[], fix: Fix): string | null {
  const a = positionAt(starts, fix.range[0]);
  const b = positionAt(starts, fix.range[1]);
  if (a.line !== b.line || fix.text.includes('\n')) return null;
  const ls = starts[a.line - 1]!;
  const le = (starts[a.line] ?? source.length + 1) - 1;
  const line = source.slice(ls, Math.max(ls, le)).replace(/\r$/, '');
  if (line.length > MAX_LINE) return null;
  const s = fix.range[0] - ls;
  const e = fix.range[1] - ls;
  return `${escapeHtml(line.slice(0, s))}${line.slice(s, e) ? `<del>${escapeHtml(line.slice(s, e))}</del>` : ''}<ins>${escapeHtml(fix.text)}</ins>${escapeHtml(line.slice(e))}`;
}

function fixHtml(r: LintResult, starts: number[] | null, fix: Fix, label: string, t: (typeof T)['zh']): string {
  const preview = r.source !== undefined && starts ? fixedLine(r.source, starts, fix) : null;
  if (preview) return `<div class="fix"><span class="label">${escapeHtml(label)}</span><span class="code">${preview}</span></div>`;
  return `<div class="fix"><span class="label">${escapeHtml(t.replaceWith)}</span><ins>${fix.text ? escapeHtml(fix.text) : escapeHtml(t.empty)}</ins></div>`;
}

const CSS = `
:root{--err:#b42318;--warn:#b54708;--veto:#c01048;--ink:#1d2939;--mute:#667085;--line:#eaecf0;--mark:#fde68a}
*{box-sizing:border-box}
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink);margin:0 auto;max-width:1000px;padding:24px;line-height:1.6;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid var(--ink);padding-bottom:4px}h3{font-size:15px;margin:20px 0 8px;word-break:break-all}
.meta{color:var(--mute);margin:0 0 16px}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.stat{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px}
.stat b{display:block;font-size:22px}
.stat.errors b{color:var(--err)}.stat.warnings b{color:var(--warn)}.stat.veto b{color:var(--veto)}
.veto-banner{border:2px solid var(--veto);background:#fff1f3;color:var(--veto);font-weight:bold;padding:10px 14px;border-radius:6px;margin:12px 0}
.veto-banner ul{margin:6px 0 0;font-weight:normal}
.ok-banner{border:1px solid #abefc6;background:#ecfdf3;color:#067647;padding:8px 14px;border-radius:6px;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left}
thead th{background:#f9fafb}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;width:6em}
tr.has-veto td.veto-count{color:var(--veto);font-weight:bold}
.finding{border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid;page-break-inside:avoid}
.finding.error{border-left-color:var(--err)}
.finding.veto{border-left-color:var(--veto);border-left-width:8px;background:#fff8f9}
.head{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.sev{font-weight:bold}.error .sev{color:var(--err)}.warning .sev{color:var(--warn)}
.loc{color:var(--mute);font-variant-numeric:tabular-nums}
code.rule{color:var(--mute);font-size:12px}
.indicator{font-size:12px;border:1px solid var(--mute);border-radius:3px;padding:0 6px;color:var(--mute)}
.indicator.veto{background:var(--veto);border-color:var(--veto);color:#fff;font-weight:bold}
.msg{margin:6px 0}
.src,.fix{font-family:"Noto Sans Mono CJK SC","Sarasa Mono SC",Consolas,monospace;background:#f9fafb;border-radius:4px;padding:4px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-all}
.src .ln{color:var(--mute);display:inline-block;min-width:3em;user-select:none}
mark{background:var(--mark);color:inherit;outline:1px solid #d97706;border-radius:2px}
mark.point{background:none;outline:none;color:var(--err);font-weight:bold}
.cont{color:var(--mute)}
.fix .label{color:#067647;font-weight:bold;margin-right:8px;font-family:inherit}
ins{background:#d1fadf;text-decoration:none;outline:1px solid #12b76a;border-radius:2px}
del{background:#fee4e2;color:var(--err)}
.basis,.fixable{color:var(--mute);font-size:12px;margin:2px 0}
footer{color:var(--mute);font-size:12px;margin-top:32px;border-top:1px solid var(--line);padding-top:8px}
a{color:inherit}
@page{size:A4;margin:14mm 12mm}
@media print{body{padding:0;max-width:none;font-size:11pt}a{text-decoration:none}.finding,.veto-banner,tr{break-inside:avoid}h2,h3{break-after:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

const html: Formatter = (results, ctx) => {
  const lang: Lang = ctx.lang;
  const t = T[lang];
  const zh = lang === 'zh';
  let errors = 0;
  let warnings = 0;
  let veto = 0;
  let deduct = 0;
  const families = new Map<string, { errors: number; warnings: number; veto: number }>();
  const indicators = new Map<string, number>();
  for (const r of results)
    for (const m of r.messages) {
      if (m.severity === 2) errors++;
      else warnings++;
      const fam = m.ruleId.split('/')[0]!;
      const f = families.get(fam) ?? { errors: 0, warnings: 0, veto: 0 };
      if (m.severity === 2) f.errors++;
      else f.warnings++;
      if (isVeto(m)) {
        f.veto++;
        veto++;
      } else if (m.indicator) deduct++;
      if (m.indicator) indicators.set(m.indicator, (indicators.get(m.indicator) ?? 0) + 1);
      families.set(fam, f);
    }
  const withProblems = results.filter((r) => r.messages.length);
  const famName = (f: string) => {
    const name = familyName(f, lang, 'short');
    return `${name ? `${escapeHtml(name)} ` : ''}<code>${escapeHtml(f)}/</code>`;
  };
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    `<html lang="${zh ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="draftlint">',
    `<title>draftlint ${escapeHtml(t.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p class="meta">${escapeHtml(t.generated)}：${escapeHtml(generatedAt())} · draftlint ${escapeHtml(toolVersion())} · ${results.length} ${escapeHtml(t.files)}</p>`,
    '</header>',
    '<section id="overview">',
    '<div class="stats">',
    `<div class="stat files"><b data-count="files">${results.length}</b>${escapeHtml(t.filesChecked)}</div>`,
    `<div class="stat problem-files"><b data-count="problem-files">${withProblems.length}</b>${escapeHtml(t.withProblems)}</div>`,
    `<div class="stat errors"><b data-count="errors">${errors}</b>${escapeHtml(t.errors)}</div>`,
    `<div class="stat warnings"><b data-count="warnings">${warnings}</b>${escapeHtml(t.warnings)}</div>`,
    `<div class="stat veto"><b data-count="veto">${veto}</b>${escapeHtml(t.veto)}</div>`,
    '</div>',
  );
  if (veto) {
    const list = [...indicators].filter(([k]) => k.includes('单项否决')).sort((a, b) => b[1] - a[1]);
    out.push(
      `<div class="veto-banner" role="alert"><span class="veto-text">⚠ ${escapeHtml(t.vetoBanner(veto))}</span>`,
      `<ul>${list.map(([k, n]) => `<li>${escapeHtml(k)} × ${n}</li>`).join('')}</ul>`,
      deduct ? `<div>${escapeHtml(t.deduct(deduct))}</div>` : '',
      '</div>',
    );
  } else if (errors + warnings) {
    out.push(`<div class="ok-banner">${escapeHtml(t.noVeto)}${deduct ? ' ' + escapeHtml(t.deduct(deduct)) : ''}</div>`);
  } else {
    out.push(`<div class="ok-banner clean">✔ ${escapeHtml(t.clean)}</div>`);
  }
  out.push('</section>');

  if (errors + warnings) {
    // by family
    out.push(
      '<section id="by-family">',
      `<h2>${escapeHtml(t.byFamily)}</h2>`,
      `<table><thead><tr><th>${escapeHtml(t.family)}</th><th class="num">${escapeHtml(t.errors)}</th><th class="num">${escapeHtml(t.warnings)}</th><th class="num">${escapeHtml(t.veto)}</th></tr></thead><tbody>`,
    );
    const fams = [...families].sort((a, b) => b[1].veto - a[1].veto || b[1].errors - a[1].errors || familyRank(a[0]) - familyRank(b[0]));
    for (const [f, c] of fams)
      out.push(
        `<tr data-family="${escapeHtml(f)}"${c.veto ? ' class="has-veto"' : ''}><th>${famName(f)}</th><td class="num">${c.errors}</td><td class="num">${c.warnings}</td><td class="num veto-count">${c.veto}</td></tr>`,
      );
    out.push(`</tbody><tfoot><tr><th>${escapeHtml(t.total)}</th><td class="num">${errors}</td><td class="num">${warnings}</td><td class="num">${veto}</td></tr></tfoot></table>`, '</section>');

    // by file
    out.push(
      '<section id="by-file">',
      `<h2>${escapeHtml(t.byFile)}</h2>`,
      `<table><thead><tr><th>${escapeHtml(t.file)}</th><th class="num">${escapeHtml(t.errors)}</th><th class="num">${escapeHtml(t.warnings)}</th><th class="num">${escapeHtml(t.veto)}</th></tr></thead><tbody>`,
    );
    withProblems.forEach((r) => {
      const i = results.indexOf(r);
      const v = r.messages.filter(isVeto).length;
      out.push(
        `<tr data-file="${escapeHtml(displayPath(r.filePath, ctx.cwd))}"${v ? ' class="has-veto"' : ''}><td><a href="#file-${i}">${escapeHtml(displayPath(r.filePath, ctx.cwd))}</a></td><td class="num">${r.errorCount}</td><td class="num">${r.warningCount}</td><td class="num veto-count">${v}</td></tr>`,
      );
    });
    out.push('</tbody></table>', '</section>');

    // details
    out.push('<section id="findings">', `<h2>${escapeHtml(t.details)}</h2>`);
    for (const r of withProblems) {
      const i = results.indexOf(r);
      const name = displayPath(r.filePath, ctx.cwd);
      const lines = r.source?.split('\n') ?? [];
      const starts = r.source !== undefined ? computeLineStarts(r.source) : null;
      out.push(
        `<article class="file" id="file-${i}" data-file="${escapeHtml(name)}">`,
        `<h3>${escapeHtml(name)} <span class="loc">${r.errorCount} ${escapeHtml(t.errors)} · ${r.warningCount} ${escapeHtml(t.warnings)}</span></h3>`,
      );
      for (const m of r.messages) {
        const sev = m.severity === 2 ? 'error' : 'warning';
        const v = isVeto(m);
        const src = r.source !== undefined ? sourceLine(lines, m) : null;
        out.push(
          `<div class="finding ${sev}${v ? ' veto' : ''}" data-rule="${escapeHtml(m.ruleId)}" data-line="${m.line}" data-column="${m.column}">`,
          '<div class="head">',
          `<span class="sev">${escapeHtml(m.severity === 2 ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning')}</span>`,
          `<span class="loc" title="${escapeHtml(t.line)} ${m.line}, ${escapeHtml(t.column)} ${m.column}">${m.line}:${m.column}</span>`,
          `<code class="rule">${escapeHtml(m.ruleId)}</code>`,
          m.indicator ? `<span class="indicator${v ? ' veto' : ''}" title="${escapeHtml(t.indicator)}">${escapeHtml(m.indicator)}</span>` : '',
          '</div>',
          `<p class="msg">${escapeHtml(m.message)}</p>`,
          src ? `<div class="src">${src}</div>` : r.source === undefined ? '' : `<div class="src">${escapeHtml(t.noSource)}</div>`,
        );
        if (m.fix) out.push(fixHtml(r, starts, m.fix, t.fix, t), `<p class="fixable">${escapeHtml(t.fixable)}</p>`);
        for (const s of m.suggestions ?? []) {
          out.push(`<div class="suggestion"><p class="basis">${escapeHtml(t.suggestion)}：${escapeHtml(s.desc)}</p>${fixHtml(r, starts, s.fix, t.suggestion, t)}</div>`);
        }
        if (m.basis) out.push(`<p class="basis">${escapeHtml(t.basis)}：${zh ? '盘县政办发〔2021〕10号 ' : 'notice 盘县政办发〔2021〕10号, item '}${escapeHtml(m.basis)}</p>`);
        out.push('</div>');
      }
      out.push('</article>');
    }
    out.push('</section>');
  }
  out.push(`<footer>draftlint ${escapeHtml(toolVersion())} · ${zh ? '依据盘县政办发〔2021〕10号及国务院办公厅政府网站与政务新媒体检查指标' : 'Checks notice 盘县政办发〔2021〕10号 and the State Council website and new-media inspection indicators'}</footer>`, '</body>', '</html>', '');
  return out.join('\n');
};

export default html;
