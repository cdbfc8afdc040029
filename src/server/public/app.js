// draftlint editors' desk — the page only calls the desk's API (/api/*) and shows its answers.
// No rule logic lives here: linting, fixing, reading Word files and the report are the engine's.
'use strict';

const LANG = document.documentElement.dataset.lang === 'en' ? 'en' : 'zh';

const T = {
  zh: {
    none: '（不选）',
    unitOtherOption: '其他（手动填写）',
    checking: '正在检查……',
    reading: '正在读取 {name} ……',
    fixing: '正在修正……',
    checked: '检查完成。',
    fixedOne: '已修正 1 处。',
    fixedAll: '已应用全部可自动修正的问题。',
    nothingToFix: '没有可自动修正的问题。',
    emptyText: '请先粘贴稿件或拖入文件。',
    errors: '{n} 个错误',
    warnings: '{n} 个警告',
    veto: '{n} 个单项否决问题',
    clean: '未发现问题',
    fixable: '{n} 处可一键修正',
    error: '错误',
    warning: '警告',
    vetoBadge: '单项否决',
    where: '第 {line} 行第 {column} 列',
    basis: '依据：{basis}',
    indicator: '考核指标：{indicator}',
    fix: '修正：“{from}” → “{to}”',
    fixDelete: '修正：删除“{from}”',
    fixInsert: '修正：插入“{to}”',
    suggestion: '建议：{desc}',
    downloaded: '已下载 {name}',
    reportName: '检查报告',
    unsupported: '只能读取 .md、.docx、.txt 文件。',
    network: '无法连接检查台（是否已关闭？）',
  },
  en: {
    title: 'Draft desk · draftlint',
    heading: 'Draft desk',
    lead: 'Paste a draft, or drop a Word (.docx), text (.txt) or Markdown (.md) file below; pick the column and the other fields, then press “Check”.',
    draft: 'Draft',
    column: 'Column',
    unit: 'Unit',
    channel: 'Channel',
    date: 'Date',
    author: 'Author',
    unitOther: 'Other unit',
    none: '(none)',
    unitOtherOption: 'Other (type it)',
    dropHint: 'Drop a .docx, .txt or .md file here, or',
    chooseFile: 'choose a file',
    placeholder: 'Paste the whole draft here…',
    check: 'Check',
    fixAll: 'Fix all',
    downloadMd: 'Download corrected Markdown',
    downloadReport: 'Download printable report',
    result: 'Findings',
    legend: 'Colours:',
    legendVeto: 'dark red, white text: veto item (one fails the inspection)',
    legendError: 'red: error, must be fixed before publishing',
    legendWarning: 'yellow: warning, please check',
    legendFix: 'green underline: one-click fix',
    legendActive: 'blue frame: the selected finding',
    checking: 'Checking…',
    reading: 'Reading {name}…',
    fixing: 'Fixing…',
    checked: 'Checked.',
    fixedOne: 'Fixed 1 finding.',
    fixedAll: 'All automatic fixes applied.',
    nothingToFix: 'Nothing to fix automatically.',
    emptyText: 'Paste a draft or drop a file first.',
    errors: '{n} errors',
    warnings: '{n} warnings',
    veto: '{n} veto items',
    clean: 'No problems found',
    fixable: '{n} one-click fixes',
    error: 'error',
    warning: 'warning',
    vetoBadge: 'veto',
    where: 'line {line}, column {column}',
    basis: 'Basis: {basis}',
    indicator: 'Indicator: {indicator}',
    fix: 'Fix: “{from}” → “{to}”',
    fixDelete: 'Fix: delete “{from}”',
    fixInsert: 'Fix: insert “{to}”',
    suggestion: 'Suggestion: {desc}',
    downloaded: 'Downloaded {name}',
    reportName: 'report',
    unsupported: 'Only .md, .docx and .txt files can be read.',
    network: 'Cannot reach the desk (has it been stopped?)',
  },
};

function t(key, data) {
  const s = (T[LANG] && T[LANG][key]) || T.zh[key] || key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (data && data[k] !== undefined ? String(data[k]) : ''));
}

const $ = (id) => document.getElementById(id);
const els = {
  text: $('text'),
  column: $('f-column'),
  unit: $('f-unit'),
  unitOther: $('f-unit-other'),
  unitOtherLabel: $('unit-other-label'),
  channel: $('f-channel'),
  date: $('f-date'),
  author: $('f-author'),
  drop: $('drop'),
  file: $('file'),
  fileName: $('file-name'),
  check: $('btn-check'),
  fixAll: $('btn-fix-all'),
  fixCount: $('fix-count'),
  md: $('btn-md'),
  report: $('btn-report'),
  status: $('status'),
  summary: $('summary'),
  notes: $('notes'),
  view: $('view'),
  findings: $('findings'),
};

const state = { answer: null, name: '稿件.md', seq: 0, active: -1 };
const OTHER = '\u0000other';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function setStatus(msg, isError) {
  els.status.textContent = msg || '';
  els.status.classList.toggle('error', !!isError);
}

function translatePage() {
  if (LANG === 'zh') return;
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
}

function fields() {
  const unit = els.unit.value === OTHER ? els.unitOther.value : els.unit.value;
  const f = { column: els.column.value, unit, channel: els.channel.value, date: els.date.value, author: els.author.value };
  for (const k of Object.keys(f)) if (!f[k] || !f[k].trim()) delete f[k];
  return f;
}

async function api(path, body, init) {
  let res;
  try {
    res = await fetch(path, init || { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new Error(t('network'));
  }
  const type = res.headers.get('content-type') || '';
  if (!res.ok) {
    if (type.includes('json')) {
      const j = await res.json();
      throw new Error(LANG === 'en' ? j.error.message_en : j.error.message);
    }
    throw new Error(res.status + ' ' + res.statusText);
  }
  return type.includes('json') ? res.json() : res.blob();
}

// ---- rendering -------------------------------------------------------------------------------

function sevRank(f) {
  return f.veto ? 3 : f.severity === 'error' ? 2 : 1;
}

function markClass(list) {
  let top = list[0];
  for (const f of list) if (sevRank(f) > sevRank(top)) top = f;
  const cls = [top.veto ? 'veto' : top.severity];
  if (list.some((f) => f.fix)) cls.push('fixable');
  if (list.some((f) => f.index === state.active)) cls.push('active');
  return cls.join(' ');
}

/** The text with every finding marked in place (overlapping findings share a mark). */
function renderView(answer) {
  const text = answer.text;
  const view = els.view;
  view.textContent = '';
  const cuts = new Set([0, text.length]);
  for (const f of answer.findings) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pins = new Map();
  for (const f of answer.findings) if (f.end <= f.start) (pins.get(f.start) || pins.set(f.start, []).get(f.start)).push(f);
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    if (pins.has(a)) {
      const list = pins.get(a);
      const pin = el('mark', 'pin ' + markClass(list));
      pin.dataset.f = list.map((f) => f.index).join(' ');
      pin.title = list.map((f) => f.message).join('\n');
      view.append(pin);
    }
    const b = points[i + 1];
    if (b === undefined || b <= a) continue;
    const seg = text.slice(a, b);
    const cover = answer.findings.filter((f) => f.start <= a && f.end >= b && f.end > f.start);
    if (!cover.length) {
      view.append(document.createTextNode(seg));
      continue;
    }
    cover.sort((x, y) => x.end - x.start - (y.end - y.start));
    const m = el('mark', markClass(cover), seg);
    m.dataset.f = cover.map((f) => f.index).join(' ');
    m.title = cover.map((f) => f.message).join('\n');
    view.append(m);
  }
}

function fixLabel(answer, fix, f) {
  // show the whole finding before and after, when the edit lies inside it
  if (f && f.end > f.start && fix.range[0] >= f.start && fix.range[1] <= f.end) {
    const before = answer.text.slice(f.start, f.end);
    const after = before.slice(0, fix.range[0] - f.start) + fix.text + before.slice(fix.range[1] - f.start);
    if (after) return t('fix', { from: before, to: after });
  }
  const from = answer.text.slice(fix.range[0], fix.range[1]);
  if (!fix.text) return t('fixDelete', { from });
  if (!from) return t('fixInsert', { to: fix.text });
  return t('fix', { from, to: fix.text });
}

function renderFindings(answer) {
  els.findings.textContent = '';
  for (const fam of answer.families) {
    const group = el('section', 'group');
    group.dataset.family = fam.id;
    const h = el('h3', '', fam.label + ' ');
    h.append(el('span', 'count', '(' + fam.count + ')'));
    group.append(h);
    const ol = el('ol');
    for (const f of answer.findings.filter((x) => x.family === fam.id)) {
      const li = el('li', 'finding ' + f.severity + (f.veto ? ' veto' : '') + (f.index === state.active ? ' active' : ''));
      li.dataset.index = String(f.index);
      li.dataset.rule = f.ruleId;
      const head = el('div', 'head');
      head.append(el('span', 'badge ' + f.severity, t(f.severity)));
      if (f.veto) head.append(el('span', 'badge veto', t('vetoBadge')));
      if (f.target && f.target.length <= 40) head.append(el('span', 'target', '“' + f.target + '”'));
      head.append(el('span', 'where', t('where', { line: f.line, column: f.column })));
      head.append(el('span', 'rule', f.ruleId));
      li.append(head);
      li.append(el('div', 'msg', f.message));
      const meta = el('div', 'meta');
      if (f.basis) meta.append(el('span', 'basis', t('basis', { basis: f.basis })));
      if (f.indicator) meta.append(el('span', 'indicator' + (f.veto ? ' veto' : ''), t('indicator', { indicator: f.indicator })));
      if (meta.childNodes.length) li.append(meta);
      const actions = el('div', 'actions');
      if (f.fix) {
        const b = el('button', 'fix', fixLabel(answer, f.fix, f));
        b.type = 'button';
        b.dataset.action = 'fix';
        actions.append(b);
      }
      (f.suggestions || []).forEach((s, k) => {
        const b = el('button', '', s.desc ? t('suggestion', { desc: s.desc }) : fixLabel(answer, s.fix, f));
        b.type = 'button';
        b.dataset.action = 'suggestion';
        b.dataset.k = String(k);
        actions.append(b);
      });
      if (actions.childNodes.length) li.append(actions);
      ol.append(li);
    }
    group.append(ol);
    els.findings.append(group);
  }
}

function renderSummary(answer) {
  els.summary.textContent = '';
  if (!answer.findings.length) els.summary.append(el('span', 'pill ok', t('clean')));
  if (answer.vetoCount) els.summary.append(el('span', 'pill veto', t('veto', { n: answer.vetoCount })));
  if (answer.errorCount) els.summary.append(el('span', 'pill errors', t('errors', { n: answer.errorCount })));
  if (answer.warningCount) els.summary.append(el('span', 'pill warnings', t('warnings', { n: answer.warningCount })));
  if (answer.fixableCount) els.summary.append(el('span', 'pill', t('fixable', { n: answer.fixableCount })));
  els.notes.textContent = '';
  for (const n of answer.notes || []) els.notes.append(el('li', '', n));
  els.fixAll.disabled = !answer.fixableCount;
  els.fixCount.textContent = answer.fixableCount ? '(' + answer.fixableCount + ')' : '';
}

function show(answer) {
  state.answer = answer;
  if (!answer.findings.some((f) => f.index === state.active)) state.active = -1;
  renderSummary(answer);
  renderView(answer);
  renderFindings(answer);
}

function select(index, scroll) {
  state.active = index;
  for (const m of els.view.querySelectorAll('mark')) m.classList.toggle('active', m.dataset.f.split(' ').includes(String(index)));
  for (const li of els.findings.querySelectorAll('.finding')) li.classList.toggle('active', li.dataset.index === String(index));
  if (!scroll) return;
  const target = scroll === 'view' ? els.view.querySelector('mark.active') : els.findings.querySelector('.finding.active');
  if (target) target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

// ---- actions ---------------------------------------------------------------------------------

async function check() {
  const text = els.text.value;
  if (!text.trim()) {
    setStatus(t('emptyText'), true);
    return;
  }
  const seq = ++state.seq;
  setStatus(t('checking'));
  try {
    const answer = await api('/api/lint', { text, fields: fields(), filename: state.name });
    if (seq !== state.seq) return;
    show(answer);
    setStatus(t('checked'));
  } catch (e) {
    if (seq === state.seq) setStatus(e.message, true);
  }
}

async function applyFix(body, doneMsg) {
  const seq = ++state.seq;
  setStatus(t('fixing'));
  try {
    const answer = await api('/api/fix', Object.assign({ text: els.text.value, fields: fields(), filename: state.name }, body));
    if (seq !== state.seq) return;
    els.text.value = answer.editorText;
    show(answer);
    setStatus(answer.changed ? doneMsg : t('nothingToFix'));
  } catch (e) {
    if (seq === state.seq) setStatus(e.message, true);
  }
}

async function upload(file) {
  const ext = (file.name.match(/\.[^.]*$/) || [''])[0].toLowerCase();
  if (!['.md', '.markdown', '.txt', '.docx'].includes(ext)) {
    setStatus(t('unsupported'), true);
    return;
  }
  const seq = ++state.seq;
  setStatus(t('reading', { name: file.name }));
  const q = new URLSearchParams(Object.assign({ name: file.name }, fields()));
  try {
    const answer = await api('/api/upload?' + q, null, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: await file.arrayBuffer() });
    if (seq !== state.seq) return;
    state.name = file.name.replace(/\.(docx|txt|markdown)$/i, '.md');
    els.fileName.textContent = file.name;
    els.text.value = answer.editorText;
    show(answer);
    setStatus(t('checked'));
  } catch (e) {
    if (seq === state.seq) setStatus(e.message, true);
  }
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus(t('downloaded', { name }));
}

function downloadMarkdown() {
  const text = state.answer && state.answer.editorText === els.text.value ? state.answer.text : els.text.value;
  if (!text.trim()) return setStatus(t('emptyText'), true);
  download(new Blob([text], { type: 'text/markdown;charset=utf-8' }), state.name);
}

async function downloadReport() {
  const text = els.text.value;
  if (!text.trim()) return setStatus(t('emptyText'), true);
  try {
    const blob = await api('/api/report', { text, fields: fields(), filename: state.name });
    download(blob, state.name.replace(/\.[^.]*$/, '') + '-' + t('reportName') + '.html');
  } catch (e) {
    setStatus(e.message, true);
  }
}

// ---- wiring ----------------------------------------------------------------------------------

function option(select, value, label, title) {
  const o = el('option', '', label);
  o.value = value;
  if (title) o.title = title;
  select.append(o);
}

async function init() {
  translatePage();
  try {
    const info = await api('/api/info', null, { method: 'GET' });
    $('version').textContent = info.version;
    for (const c of info.columns) option(els.column, c.name, c.name, c.description);
    for (const ch of info.channels) option(els.channel, ch.label, ch.label);
    for (const u of info.units) option(els.unit, u, u);
    option(els.unit, OTHER, t('unitOtherOption'));
    const d = info.defaults || {};
    if (d.column) els.column.value = d.column;
    if (d.unit) {
      if (!info.units.includes(d.unit)) option(els.unit, d.unit, d.unit);
      els.unit.value = d.unit;
    }
    if (d.channel) els.channel.value = d.channel;
    if (d.author) els.author.value = d.author;
  } catch (e) {
    setStatus(e.message, true);
  }
  const today = new Date();
  els.date.value = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

els.check.addEventListener('click', check);
els.fixAll.addEventListener('click', () => applyFix({}, t('fixedAll')));
els.md.addEventListener('click', downloadMarkdown);
els.report.addEventListener('click', downloadReport);
els.unit.addEventListener('change', () => {
  els.unitOtherLabel.hidden = els.unit.value !== OTHER;
});
for (const f of [els.column, els.unit, els.channel, els.date]) f.addEventListener('change', () => els.text.value.trim() && check());

els.view.addEventListener('click', (ev) => {
  const m = ev.target.closest('mark');
  if (m) select(Number(m.dataset.f.split(' ')[0]), 'list');
});
els.findings.addEventListener('click', (ev) => {
  const li = ev.target.closest('.finding');
  if (!li) return;
  const index = Number(li.dataset.index);
  const button = ev.target.closest('button');
  if (button && button.dataset.action === 'fix') return applyFix({ index, ruleId: li.dataset.rule }, t('fixedOne'));
  if (button && button.dataset.action === 'suggestion') return applyFix({ index, ruleId: li.dataset.rule, suggestion: Number(button.dataset.k) }, t('fixedOne'));
  select(index, 'view');
});

els.file.addEventListener('change', () => {
  if (els.file.files && els.file.files[0]) upload(els.file.files[0]);
  els.file.value = '';
});
for (const type of ['dragenter', 'dragover']) {
  document.addEventListener(type, (ev) => {
    ev.preventDefault();
    els.drop.classList.add('over');
  });
}
document.addEventListener('dragleave', (ev) => {
  if (!ev.relatedTarget) els.drop.classList.remove('over');
});
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  els.drop.classList.remove('over');
  const file = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
  if (file) upload(file);
});

init();
