// Shared by scripts/train-columns.mjs and scripts/eval-columns.mjs (issue 4, 文不对题).
// Training/measurement data for the column model, with deterministic held-out splits:
// - fixtures/columns/labelled/<column>/*.md  — labelled drafts (training)
// - fixtures/columns/correct, misfiled       — held out, never trained on
// - weak labels: titles in ../shared/data/wordlists/政策法规标题.txt (ECSpell, MIT) and the laws
//   corpus ../shared/data/corpus/laws (LawRefBook/Laws @2f4c5c23, official texts), labelled by
//   mapping title keywords to columns (WEAK_RULES); 1 in 5 titles (by hash) is held out.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = process.env.DRAFTLINT_SHARED || path.resolve(ROOT, '..', 'shared');
export const FIXTURES = path.join(ROOT, 'fixtures', 'columns');

export const hash32 = (s) => createHash('sha1').update(s).digest().readUInt32BE(0);
export const isHeldOut = (title) => hash32(title) % 5 === 0;

/** Title keyword → column, first match wins (specific before general). */
export const WEAK_RULES = [
  ['土地承包经营权流转', /农村土地承包|土地经营权|承包经营/],
  ['宅基地', /宅基地/],
  ['房屋征收', /房屋征收|拆迁/],
  ['土地征收', /土地征收|征收土地|征地|土地管理/],
  ['政府采购', /政府采购|招标投标|招投标/],
  ['行政事业性收费', /收费|价格/],
  ['财政预决算', /预算|决算|财政|国有资本经营|政府债务/],
  ['统计信息', /统计|普查/],
  ['公务员招考', /公务员|事业单位人事|招录|聘用/],
  ['社会救助', /社会救助|最低生活保障|救助|特困|流浪乞讨/],
  ['社会保障', /社会保险|养老保险|医疗保险|医疗保障|失业保险|工伤保险|军人保险|社会保障|住房公积金|退休/],
  ['就业创业', /就业|劳动合同|劳动法|职业技能|职业教育|劳动保障|农民工|人力资源市场|劳动争议/],
  ['公益事业', /公益事业|慈善|红十字|彩票|献血|志愿服务/],
  ['食品药品', /食品|药品|医疗器械|化妆品|药典|疫苗管理/],
  ['产品质量', /产品质量|计量|标准化|认证认可|检验检测|工业产品|质量/],
  ['安全生产', /安全生产|危险化学品|烟花爆竹|矿山安全|煤矿|消防|特种设备|生产安全|建设工程安全/],
  ['应急管理', /突发事件|应急|防汛|抗旱|地震|防震|自然灾害|气象灾害|地质灾害|森林防火|草原防火|防洪/],
  ['环境保护', /环境保护|环境影响|污染|固体废物|排污|生态环境|噪声|放射性|野生动物|自然保护区|湿地|节约能源|清洁生产|循环经济/],
  ['农田水利', /水利|水法|灌溉|水库|河道|水土保持|取水|农田|水文|蓄滞洪/],
  ['农业农村', /农业|种子|畜牧|动物防疫|农药|兽药|农产品|农民专业合作社|农作物|植物检疫|渔业|粮食|农机|乡村|村民委员会|草原|森林|林业|动物防疫/],
  ['乡村振兴', /乡村振兴|扶贫|脱贫/],
  ['医疗卫生', /医疗|医院|医师|传染病|卫生|中医|疾病|母婴|精神卫生|护士|献血|健康|疫苗|艾滋病|血吸虫|职业病/],
  ['教育', /教育|学校|教师|学位|幼儿园|高等|未成年人/],
  ['治安管理', /治安|公安|身份证|户口|出境入境|出入境|禁毒|毒品|反恐|道路交通安全|电信网络诈骗|枪支|保安|集会游行|人民警察|犯罪|监狱|看守所|居住证/],
  ['市政建设', /城市供水|城镇排水|燃气|城市道路|市容|绿化|城市照明|供热|市政|城市地下管线|城市排水|节约用水|停车设施/],
  ['公共服务', /公共文化|图书馆|博物馆|全民健身|体育|法律援助|公证|养老服务|公共交通|邮政|文物|非物质文化/],
  ['行政许可', /行政许可|审批|登记|许可证|营业执照|政务服务/],
  ['行政处罚', /行政处罚|行政强制|处罚/],
  ['规划计划', /规划|五年|纲要/],
  ['重大建设项目', /建设项目|建设工程|工程建设|基本建设/],
  ['机构职能', /组织法|机构设置|编制|职能/],
  ['其他主动公开', /政府信息公开/],
];

export function weakLabel(title) {
  for (const [col, re] of WEAK_RULES) if (re.test(title)) return col;
  return null;
}

/** A fixture draft: front matter (yaml) + body. */
export function readDraft(file) {
  const text = readFileSync(file, 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  const meta = m ? parse(m[1]) ?? {} : {};
  const body = m ? text.slice(m[0].length) : text;
  return { file, meta, title: String(meta.title ?? ''), column: String(meta.column ?? ''), body };
}

const mdFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.md'))
        .sort()
        .map((n) => path.join(dir, n))
    : [];

/** Labelled drafts: [{file, title, body, column}] with column = the folder name. */
export function labelledDrafts() {
  const base = path.join(FIXTURES, 'labelled');
  const out = [];
  for (const col of readdirSync(base).sort()) {
    if (!statSync(path.join(base, col)).isDirectory()) continue;
    for (const f of mdFiles(path.join(base, col))) out.push({ ...readDraft(f), label: col });
  }
  return out;
}

export function correctDrafts() {
  return mdFiles(path.join(FIXTURES, 'correct')).map((f) => ({ ...readDraft(f), label: undefined }));
}

export function misfiledDrafts() {
  const labels = parse(readFileSync(path.join(FIXTURES, 'misfiled', 'labels.yml'), 'utf8')) ?? {};
  return mdFiles(path.join(FIXTURES, 'misfiled')).map((f) => ({ ...readDraft(f), expected: labels[path.basename(f)] ?? [] }));
}

/** Laws corpus: [{title, body, label}] for files whose title maps to a column. */
export function weakLaws() {
  const base = path.join(SHARED, 'data', 'corpus', 'laws');
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) {
        const title = name.replace(/\.md$/, '').replace(/\(\d{4}-\d{2}-\d{2}\)$/, '');
        const label = weakLabel(title);
        if (!label) continue;
        const text = readFileSync(p, 'utf8');
        const i = text.indexOf('<!-- INFO END -->');
        const body = (i >= 0 ? text.slice(i + 17) : text).replace(/^#+.*$/gm, '').slice(0, 3000);
        out.push({ title, body, label, source: 'laws' });
      }
    }
  };
  if (existsSync(base)) walk(base);
  return out;
}

/** Policy titles list: [{title, body: '', label}] for titles that map to a column. */
export function weakTitles() {
  const file = path.join(SHARED, 'data', 'wordlists', '政策法规标题.txt');
  if (!existsSync(file)) return [];
  return [...new Set(readFileSync(file, 'utf8').split(/\r?\n/).map((s) => s.trim()).filter(Boolean))]
    .map((title) => ({ title, body: '', label: weakLabel(title), source: 'titles' }))
    .filter((x) => x.label);
}

/** Weakly labelled items, split: held-out by a hash of the title (same title → same side). */
export function weakData() {
  const seen = new Set();
  const all = [...weakLaws(), ...weakTitles()].filter((x) => (seen.has(x.title + x.source) ? false : (seen.add(x.title + x.source), true)));
  return { train: all.filter((x) => !isHeldOut(x.title)), heldout: all.filter((x) => isHeldOut(x.title)) };
}
