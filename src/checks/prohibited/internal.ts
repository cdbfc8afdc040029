/**
 * A scored, explainable classifier for 一(三)1⑤⑦: routine internal activity news (meetings,
 * study sessions, inspection-team visits, work summaries) and reposted upper-level documents.
 *
 * It decides per draft from the title and the body together. Cues come from a data file
 * (`where<TAB>weight<TAB>pattern<TAB>label`), where `where` is:
 * - `title`   — the draft's title (negative cues ignore 《…》 citations, so 转发《X办法》 is judged as 转发);
 * - `lead`    — the first body paragraph;
 * - `body`    — anywhere in the body (each cue counts once);
 * - `address` — the start of one of the first three body paragraphs (an address line such as
 *               各省、自治区、直辖市人民政府);
 * Negative weights are public-service signals (办理条件, 咨询电话, 公示期…). Positive body and lead
 * cues are capped so that a substantive notice that mentions a meeting in passing stays below the
 * threshold. The draft's own document number (front matter `doc_number`, or a paragraph that is
 * only a document number near the top) with an upper-level prefix adds `docNumberWeight`.
 */

export type CueWhere = 'title' | 'lead' | 'body' | 'address';

export interface Cue {
  where: CueWhere;
  weight: number;
  re: RegExp;
  label: string;
  line: number;
}

export interface Evidence {
  where: CueWhere | 'docnum';
  weight: number;
  text: string;
  label: string;
}

export interface ClassifyInput {
  title: string;
  /** body paragraphs in order (headings and table cells included) */
  paragraphs: string[];
  /** the draft's own document number, if declared */
  docNumber?: string;
}

export interface ClassifyOptions {
  threshold: number;
  leadCap: number;
  bodyCap: number;
  negativeCap: number;
  docNumberWeight: number;
  upperLevelPrefixes: readonly string[];
}

export const DEFAULT_UPPER_LEVEL_PREFIXES: readonly string[] = [
  // State Council and its General Office
  '国发', '国办发', '国函', '国办函', '国令', '国发明电', '国办发明电',
  // Party Central Committee and its General Office
  '中发', '中办发', '厅字',
  // ministries and commissions (common prefixes; any prefix ending in 部发/部函/部规 also counts)
  '财社', '财预', '财农', '财建', '财教', '财行', '财金', '财办', '财综', '民发', '民函', '人社部发', '人社部函', '人社部规',
  '教发', '教基', '教财', '国卫办', '国卫医发', '国卫疾控发', '发改投资', '发改价格', '发改农经', '发改社会', '发改办',
  '自然资发', '自然资规', '自然资办发', '农发', '农办', '农计财发', '建标', '建办', '建城', '建村', '交运发', '交办',
  '环发', '环办', '环执法', '工信部', '商务部', '公通字', '水利部', '应急', '应急厅', '国市监', '市监', '国医保发', '医保发',
  // Liaoning province
  '辽政发', '辽政办发', '辽政办', '辽政', '辽委发', '辽委办发', '辽委', '辽委办', '辽政函', '辽政办函',
  // Panjin city
  '盘政发', '盘政办发', '盘政办', '盘政', '盘委发', '盘委办发', '盘委', '盘委办', '盘政函', '盘政办函',
];

const DOC_NUMBER = /^\s*([\u4e00-\u9fa5A-Za-z]{1,12}?)\s*[〔［\[(（【]\s*((?:19|20)\d{2})\s*[〕］\])）】]\s*(?:第\s*)?\d{1,4}\s*号\s*$/u;

/** The issuer prefix of a document number (`国办发〔2021〕12号` → `国办发`), or null. */
export function docNumberPrefix(s: string): string | null {
  const m = DOC_NUMBER.exec(s);
  return m ? m[1]! : null;
}

export function isUpperLevelPrefix(prefix: string, list: readonly string[]): boolean {
  if (list.includes(prefix)) return true;
  return /[部委署局]发$|部函$|部规$|部令$/u.test(prefix) && !/^[县镇乡街]/u.test(prefix) && prefix.length >= 3;
}

const addressPatterns = new WeakMap<RegExp, RegExp>();
/** An address cue matches at the start of a line: its pattern so anchored, made once per cue. */
function addressPattern(re: RegExp): RegExp {
  let anchored = addressPatterns.get(re);
  if (!anchored) {
    anchored = new RegExp(`(?:^|\\n)(?:${re.source})`, 'u');
    addressPatterns.set(re, anchored);
  }
  return anchored;
}

export function classifyInternal(input: ClassifyInput, cues: readonly Cue[], o: ClassifyOptions): { score: number; evidence: Evidence[] } {
  const evidence: Evidence[] = [];
  // negative (public-information) title cues ignore cited titles: 转发《X办法》 is a repost, not a 办法
  const titleNoCitations = input.title.replace(/《[^》]*》/gu, '《》');
  const lead = input.paragraphs.find((p) => p.trim().length > 0 && !DOC_NUMBER.test(p)) ?? '';
  const body = input.paragraphs.join('\n');
  const address = input.paragraphs.slice(0, 3).map((p) => p.trimStart()).join('\n');
  const sums = { lead: 0, body: 0, neg: 0, other: 0 };
  for (const cue of cues) {
    let text = '';
    if (cue.where === 'title') text = cue.weight < 0 ? titleNoCitations : input.title;
    else if (cue.where === 'lead') text = lead;
    else if (cue.where === 'body') text = body;
    else text = address;
    const re = cue.where === 'address' ? addressPattern(cue.re) : cue.re;
    const m = re.exec(text);
    if (!m) continue;
    const hit = m[0].replace(/^\n/, '');
    let w = cue.weight;
    if (w < 0) {
      const room = -o.negativeCap - sums.neg;
      w = Math.max(w, room);
      if (w >= 0) continue;
      sums.neg += w;
    } else if (cue.where === 'lead' || cue.where === 'body') {
      const cap = cue.where === 'lead' ? o.leadCap : o.bodyCap;
      w = Math.min(w, cap - sums[cue.where]);
      if (w <= 0) continue;
      sums[cue.where] += w;
    } else sums.other += w;
    evidence.push({ where: cue.where, weight: w, text: hit.length > 24 ? hit.slice(0, 23) + '…' : hit, label: cue.label });
  }
  // the draft's own document number
  const candidates: string[] = [];
  if (input.docNumber) candidates.push(input.docNumber);
  for (const p of input.paragraphs.slice(0, 3)) if (DOC_NUMBER.test(p)) candidates.push(p.trim());
  for (const c of candidates) {
    const prefix = docNumberPrefix(c);
    if (prefix && isUpperLevelPrefix(prefix, o.upperLevelPrefixes)) {
      evidence.push({ where: 'docnum', weight: o.docNumberWeight, text: c.trim(), label: '上级机关文号' });
      break;
    }
  }
  const score = Math.round(evidence.reduce((s, e) => s + e.weight, 0) * 10) / 10;
  return { score, evidence };
}
