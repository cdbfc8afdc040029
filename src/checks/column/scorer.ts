/**
 * Scores a draft (title + body text) against every column of the catalog and decides whether
 * the declared column is clearly wrong (文不对题). Two halves that must agree:
 * - weighted keywords from the catalog (readable evidence: the words shown to the editor);
 * - the naive Bayes bigram model (model.ts), trained on labelled drafts and weakly labelled laws.
 */
import type { Column, ColumnCatalog } from './catalog.js';
import type { ColumnModel, ModelScore } from './model.js';
import { keywordListOf, keywordTrieOf, type KeywordList, type KeywordTrie } from './keywords.js';

/** What follows a keyword that is part of a unit's name: a unit word, maybe after one Han character. */
const UNIT_WORDS = ['分局', '局', '委员会', '委', '办公室', '服务中心', '中心', '大队', '站'];
const UNIT_SUFFIX = new RegExp(`^(?:[\\p{Script=Han}]?(?:${UNIT_WORDS.join('|')}))`, 'u');
const UNIT_SHARE = 0.25;
const UNIT_STARTS = new Set(UNIT_WORDS.map((w) => w.charCodeAt(0)));
/**
 * Can UNIT_SUFFIX match at `end`? Its unit word begins at most two code units on: a cheap test
 * that spares the slice and the regex for most keyword hits.
 */
const mayBeUnitSuffix = (text: string, end: number) => {
  const stop = Math.min(end + 3, text.length); // reading past the end would deoptimize the scan
  for (let i = end; i < stop; i++) if (UNIT_STARTS.has(text.charCodeAt(i))) return true;
  return false;
};
/** model words are listed for this many best columns */
const MODEL_WORDS_FOR = 10;

export interface KeywordHit {
  word: string;
  weight: number;
  inTitle: boolean;
  /** occurrences in the body */
  count: number;
  points: number;
}

/** The catalog's keywords, numbered, with their trie and scratch counts. */
interface Keywords extends KeywordList {
  trie: KeywordTrie;
  /** scratch per keyword: occurrences in the title and the body of the draft being scored */
  title: Float64Array;
  body: Float64Array;
}

/** The keyword half of one column's score. */
type KeywordScores = Array<{ hits: KeywordHit[]; keyword: number; genre: string[]; genreInTitle: boolean }>;

export interface ColumnScore {
  column: Column;
  /** combined score in [0, 1] */
  score: number;
  /** keyword points (sum over hits) */
  keyword: number;
  /** model probability in [0, 1] (0 when the column is not in the model) */
  model: number;
  hits: KeywordHit[];
  /** genre phrases of this column found (see Column.genre) */
  genre: string[];
  /** true when a genre phrase is in the title */
  genreInTitle: boolean;
  /** bigrams that favour this column in the model */
  modelWords: string[];
}

export interface ScorerOptions {
  /** a keyword in the title counts this many times its weight */
  titleFactor: number;
  /** at most this many body occurrences of a keyword count */
  maxCount: number;
  /** keyword points at which the keyword half reaches 0.5 */
  keywordHalf: number;
  /** share of the keyword half in the combined score */
  keywordShare: number;
  /** sharpness of the model's softmax over per-feature log-likelihoods */
  temperature: number;
  /** least keyword points of the best column for a mismatch */
  minKeyword: number;
  /** least distinct keywords of the best column for a mismatch (one word repeated never decides) */
  minDistinct: number;
  /** declared column keeps the draft when its keyword points reach this share of the best's */
  ownRatio: number;
  /** least model probability of the best column for a mismatch */
  minModel: number;
  /** the best column must be among the model's top N */
  modelTop: number;
  /** the declared column's model probability must be below this */
  maxDeclaredModel: number;
  /** form columns (政策文件, 政策解读, 意见征集) keep a draft that has this many points of their own */
  formOwn: number;
  /** broad columns: least keyword points of the best column */
  broadMinKeyword: number;
  /** broad columns: the best column needs this many times the declared column's points */
  broadRatio: number;
  /** broad columns: least model probability of the best column */
  broadMinModel: number;
  /** broad columns: least distinct genre phrases of the best column (one in the title also does) */
  broadMinGenre: number;
  /** suggestions: other columns within this share of the best score */
  suggestShare: number;
}

export const DEFAULT_SCORER_OPTIONS: ScorerOptions = {
  titleFactor: 3,
  maxCount: 3,
  keywordHalf: 8,
  keywordShare: 0.5,
  temperature: 12,
  minKeyword: 7,
  minDistinct: 2,
  ownRatio: 0.35,
  minModel: 0.2,
  modelTop: 3,
  maxDeclaredModel: 0.15,
  formOwn: 6,
  broadMinKeyword: 14,
  broadRatio: 4,
  broadMinModel: 0.4,
  broadMinGenre: 2,
  suggestShare: 0.5,
};

export interface Verdict {
  mismatch: boolean;
  /** why not (or 'mismatch'), for classify output and tests */
  reason: string;
  declared: ColumnScore | undefined;
  best: ColumnScore;
  /** 1-3 better columns, best first (empty when no mismatch) */
  suggestions: ColumnScore[];
  /** the words that decided it */
  evidence: string[];
}

export class ColumnScorer {
  readonly catalog: ColumnCatalog;
  readonly options: ScorerOptions;
  private keywords: Keywords | null = null;
  private loadModel: (() => ColumnModel | null) | null;
  private loaded: { model: ColumnModel | null; modelIndex: Array<number | undefined> } | null = null;

  /**
   * `model` may be a loader: it then runs on the first draft scored, so a run that never scores
   * one (no declared column, or only column/unknown) does not read and build the model.
   */
  constructor(catalog: ColumnCatalog, model: ColumnModel | null | (() => ColumnModel | null), options: Partial<ScorerOptions> = {}) {
    this.catalog = catalog;
    this.options = { ...DEFAULT_SCORER_OPTIONS, ...options };
    this.loadModel = typeof model === 'function' ? model : () => model;
  }

  private get modelState() {
    if (!this.loaded) {
      const model = this.loadModel!();
      this.loadModel = null;
      const classIndex = new Map((model?.classes ?? []).map((c, i) => [c, i] as const));
      this.loaded = { model, modelIndex: this.catalog.columns.map((c) => classIndex.get(c.name)) };
    }
    return this.loaded;
  }

  get model(): ColumnModel | null {
    return this.modelState.model;
  }

  private get modelIndex(): Array<number | undefined> {
    return this.modelState.modelIndex;
  }

  private keywordIndex(): Keywords {
    if (!this.keywords) {
      const list = keywordListOf(this.catalog.columns);
      this.keywords = {
        ...list,
        trie: keywordTrieOf(list.words),
        title: new Float64Array(list.words.length),
        body: new Float64Array(list.words.length),
      };
    }
    return this.keywords;
  }

  /**
   * The keyword half of every column's score, in catalog order. A keyword that is part of a
   * unit's name (应急管理局, 生态环境分局, 教育服务中心) says who writes, not what about: it
   * counts UNIT_SHARE.
   */
  private keywordScores(title: string, body: string): KeywordScores {
    const o = this.options;
    const cols = this.catalog.columns;
    const kw = this.keywordIndex();
    // occurrences per keyword (in kw.title / kw.body, cleared below), keywords in first-seen order
    const seen: number[] = [];
    const scan = (text: string, counts: Float64Array) =>
      kw.trie.find(text, (word, end) => {
        if (kw.title[word] === 0 && kw.body[word] === 0) seen.push(word);
        counts[word] += mayBeUnitSuffix(text, end) && UNIT_SUFFIX.test(text.slice(end, end + 4)) ? UNIT_SHARE : 1;
      });
    scan(title, kw.title);
    scan(body, kw.body);
    const hits: KeywordHit[][] = cols.map(() => []);
    for (const w of seen) {
      const t = kw.title[w]!;
      const b = kw.body[w]!;
      for (const [ci, weight] of kw.owners[w]!) {
        const count = Math.min(b, o.maxCount);
        const points = weight * (Math.min(t, 1) * o.titleFactor + count);
        hits[ci]!.push({ word: kw.words[w]!, weight, inTitle: t >= 1, count: b, points });
      }
    }
    const scores = cols.map((column, i) => {
      const h = hits[i]!.sort((a, b) => b.points - a.points);
      const genre: string[] = [];
      let genreInTitle = false;
      kw.genre[i]!.forEach((w, k) => {
        if (kw.title[w]! === 0 && kw.body[w]! === 0) return;
        genre.push(column.genre[k]!);
        if (kw.title[w]! >= 1) genreInTitle = true;
      });
      return { hits: h, keyword: h.reduce((s, x) => s + x.points, 0), genre, genreInTitle };
    });
    for (const w of seen) kw.title[w] = kw.body[w] = 0;
    return scores;
  }

  /** Every column with its score, best first; model words are listed for the best `modelWordsFor`. */
  classify(title: string, body: string, modelWordsFor = MODEL_WORDS_FOR): ColumnScore[] {
    return this.rank(this.keywordScores(title, body), title, body, modelWordsFor);
  }

  /** Adds the model half to the keyword scores and ranks the columns. */
  private rank(keywords: KeywordScores, title: string, body: string, modelWordsFor: number): ColumnScore[] {
    const o = this.options;
    const cols = this.catalog.columns;
    // model probabilities over the catalog columns the model knows
    const prob = new Float64Array(cols.length);
    const { model: bayes, modelIndex } = this.modelState;
    let scored: ModelScore | null = null;
    if (bayes) {
      scored = bayes.scoreDraft(title, body);
      if (scored.n > 0) {
        let max = -Infinity;
        for (let i = 0; i < cols.length; i++) {
          const mi = modelIndex[i];
          if (mi !== undefined) max = Math.max(max, scored.ll[mi]!);
        }
        let sum = 0;
        for (let i = 0; i < cols.length; i++) {
          const mi = modelIndex[i];
          if (mi === undefined) continue;
          prob[i] = Math.exp((scored.ll[mi]! - max) * o.temperature);
          sum += prob[i]!;
        }
        if (sum > 0) for (let i = 0; i < cols.length; i++) prob[i]! /= sum;
      }
    }
    const out: ColumnScore[] = cols.map((column, i) => {
      const { hits, keyword, genre, genreInTitle } = keywords[i]!;
      const kwPart = keyword / (keyword + o.keywordHalf);
      const mi = modelIndex[i];
      const model = prob[i]!;
      const share = mi === undefined || !scored || scored.n === 0 ? 1 : o.keywordShare;
      return {
        column,
        score: share * kwPart + (1 - share) * model,
        keyword,
        model,
        hits,
        genre,
        genreInTitle,
        modelWords: [] as string[],
      };
    });
    out.sort((a, b) => b.score - a.score || b.keyword - a.keyword);
    // the model's evidence, for the columns anyone will look at
    if (scored)
      for (const r of out.slice(0, modelWordsFor)) {
        const mi = modelIndex[cols.indexOf(r.column)];
        if (mi !== undefined) r.modelWords = scored.top(mi, 5);
      }
    return out;
  }

  /**
   * What column/mismatch asks: `judge(declared, classify(title, body, 0))`, or null when the
   * keyword scores alone rule a mismatch out. The model (most of the cost) then never runs.
   */
  check(declared: Column, title: string, body: string): Verdict | null {
    const keywords = this.keywordScores(title, body);
    if (!this.mayMismatch(declared, keywords)) return null;
    return this.judge(declared, this.rank(keywords, title, body, 0));
  }

  /**
   * False when no column but the declared one passes the tests of `judge` that use keyword
   * scores only (each written as there): whichever column the model makes best, judge finds
   * no mismatch. Keep in step with judge.
   */
  private mayMismatch(declared: Column, keywords: KeywordScores): boolean {
    const o = this.options;
    const d = this.catalog.columns.indexOf(declared);
    if (d < 0) return false;
    const own = keywords[d]!;
    if (declared.broad)
      return keywords.some(
        (best, i) =>
          i !== d &&
          !(best.genre.length < o.broadMinGenre && !best.genreInTitle) &&
          !(best.keyword < o.broadMinKeyword) &&
          !(best.keyword < o.broadRatio * own.keyword),
      );
    if (declared.form && own.keyword >= o.formOwn) return false;
    return keywords.some(
      (best, i) =>
        i !== d &&
        !(best.keyword < o.minKeyword || best.hits.length < o.minDistinct) &&
        !(own.keyword >= o.ownRatio * best.keyword),
    );
  }

  /** Is `declared` clearly the wrong column for a draft ranked as `ranked`? */
  judge(declared: Column, ranked: ColumnScore[]): Verdict {
    const o = this.options;
    const top = ranked[0]!;
    // the best column that may be proposed (通知公告 and 工作动态 never are)
    const best = ranked.find((r) => r.column.suggest) ?? top;
    const own = ranked.find((r) => r.column === declared);
    const verdict = (mismatch: boolean, reason: string): Verdict => ({
      mismatch,
      reason,
      declared: own,
      best,
      suggestions: mismatch ? this.suggestions(declared, ranked) : [],
      evidence: mismatch ? [...new Set([...best.genre, ...best.hits.map((h) => h.word)])].slice(0, 4) : [],
    });
    if (!own) return verdict(false, 'declared column not in catalog');
    const scorable = Object.keys(declared.keywords).length > 0 || this.modelIndex[this.catalog.columns.indexOf(declared)] !== undefined;
    if (!scorable) return verdict(false, 'declared column has no keywords and no model');
    if (top.column === declared || best.column === declared) return verdict(false, 'declared column scores best');
    if (declared.accepts.includes(best.column.name)) return verdict(false, `declared column accepts ${best.column.name}`);
    const modelRank = [...ranked].sort((a, b) => b.model - a.model).findIndex((r) => r === best);
    if (declared.broad) {
      if (best.genre.length < o.broadMinGenre && !best.genreInTitle) return verdict(false, 'broad column: not a document of a specific column');
      if (best.keyword < o.broadMinKeyword) return verdict(false, 'broad column: evidence not plain enough');
      if (best.keyword < o.broadRatio * own.keyword) return verdict(false, 'broad column: own evidence');
      if (best.model < o.broadMinModel) return verdict(false, 'broad column: model not sure');
      return verdict(true, 'mismatch');
    }
    if (declared.form && own.keyword >= o.formOwn) return verdict(false, 'form column: draft has the form');
    if (best.keyword < o.minKeyword || best.hits.length < o.minDistinct) return verdict(false, 'too little keyword evidence');
    if (own.keyword >= o.ownRatio * best.keyword) return verdict(false, 'declared column has evidence of its own');
    if (best.model < o.minModel || modelRank >= o.modelTop) return verdict(false, 'model disagrees');
    if (own.model >= o.maxDeclaredModel) return verdict(false, 'model finds the declared column plausible');
    return verdict(true, 'mismatch');
  }

  private suggestions(declared: Column, ranked: ColumnScore[]): ColumnScore[] {
    const best = ranked.find((r) => r.column.suggest) ?? ranked[0]!;
    return [best, ...ranked.filter((r) => r !== best && r.column !== declared && r.column.suggest && r.score >= this.options.suggestShare * best.score && r.keyword > 0)].slice(0, 3);
  }
}
