/**
 * ORG 机构: an organisation called by its name — company, university, institute, agency, committee,
 * cooperative.
 *
 * Rules:
 *  - `org:suffix`     a name ending in an organisation suffix (有限公司 集团 大学 学院 研究院 研究中心 研究所
 *                     实验室 委员会 合作社 银行 医院 协会 商会 …). The name starts after the list separator,
 *                     quote or clause break before it, past the verbs and prepositions that introduce it
 *                     (`充分发挥` 浙大常山现代农业发展研究中心, `实体运作` 科创委员会, `"`两山合作社`"`). A name
 *                     whose part before the suffix is only generic words is a kind, not a name
 *                     (`农民专业合作社`, `高校`, `科研院所`, `强村公司`), and so is one that starts with a count
 *                     (`两家研究院`) or holds 的/是/为 or a digit; a suffix that begins a longer
 *                     word (`大学生`, `集团化`). Two suffixes close together make one name
 *                     (`浙江大学医学院`).
 *  - `org:list`       members of a list closed by 等 + a kind of institution (`…、电科大长三角研究院等高校`,
 *                     `杭电、衢州学院等院校`, `华友钴业、巨化集团等龙头企业`): the text says they are
 *                     organisations, whatever their form (`浙大衢州"两院` keeps its unbalanced quote, as GOLD O2
 *                     does). Before a plain kind of enterprise (`…等企业`) members are often industries
 *                     (`纺织、冷柜`), so only a qualified kind counts (龙头/骨干/链主/上市… 企业), with names of
 *                     three characters or more.
 *  - `org:known-name` a well-known short name standing alone in a list or clause (`杭电`, `浙大`, `中科院`):
 *                     national universities and academies, general knowledge rather than any report's
 *                     names.
 * Generic roles alone (`企业`, `高校`, `政府`) are never suggested.
 */
import { OffsetMap } from '../core/offsets.ts';
import { alternation, GENERIC_ORG_RE } from './lexicon.ts';
import { clauses, isHan, pieces, quotePairs, stripLead, toSuggestions, trim, type Piece, type Quotes, type Raw } from './text.ts';
import type { Suggestion } from './types.ts';

export const ORG_SUFFIXES: readonly string[] = [
  '股份有限公司', '有限责任公司', '有限公司', '分公司', '公司', '集团', '大学', '学院', '研究院', '研究中心', '研究所', '实验室', '委员会',
  '管委会', '合作社', '联合社', '银行', '医院', '卫生院', '协会', '商会', '学会', '联合会', '促进会', '基金会', '研究会', '党校', '中学',
  '小学', '幼儿园', '法院', '检察院', '管理局', '监督管理局', '事务所', '交易所', '出版社', '电视台', '科学院', '工程院', '设计院',
  '规划院', '研究总院', '供电公司', '职业技术学院', '技师学院', '中心学校', '指挥部', '分院', '分校', '保健院', '总医院',
];

/** A suffix followed by one of these characters begins a longer word (`大学生`, `集团化`): no ORG there. */
const SUFFIX_CONTINUES: Record<string, string> = {
  大学: '生城科园堂',
  学院: '路派',
  公司: '化制',
  集团: '化军式',
  银行: '业卡',
  医院: '前',
  中学: '生',
  小学: '生',
  实验室: '建',
  研究院: '所',
};

/** Kinds of institution that close a list of organisations (`…等高校`). */
const ORG_CATEGORY =
  /^(?:知名|重点|省内外|国内外|国内|省内|一流|顶尖|“?双一流”?)?(?:高校|院校|高等院校|高等学校|科研院所|研究院所|大院名所|名校|研究机构|科研机构|科研单位|金融机构|银行|医疗机构|医院|高校院所|(?:龙头|骨干|领军|链主|上市|头部|重点|标杆)企业)/u;

/** Well-known short names of national universities, academies and institutes. */
export const KNOWN_ORGS: readonly string[] = [
  '浙大', '清华', '北大', '复旦', '上交大', '同济', '南大', '中科大', '哈工大', '西交大', '华科', '武大', '中山大学', '川大',
  '北航', '北理工', '南航', '东南大学', '中科院', '社科院', '工程院', '农科院', '医科院', '浙工大', '浙理工', '浙财大', '浙工商',
  '浙师大', '浙农林', '浙中医', '杭电', '杭师大', '电子科大', '电科大', '西电', '北邮', '宁大', '温医大', '浙科院', '中国美院', '国美',
];

const SUFFIX_RE = new RegExp(alternation(ORG_SUFFIXES), 'gu');
const KNOWN_RE = new RegExp(`^(?:${alternation(KNOWN_ORGS)})$`, 'u');
const BAD_INSIDE = /[的是为将把对在了0-9０-９]/u;
/** A count in front (`两家研究院`, `一批高校`) makes it plural: a kind, not a name. */
const COUNT_START = /^(?:[一二两三四五六七八九十百千]+[个家所座批类]|一批|多家|多所|各类|各级)/u;
const CHAIN_BREAK = /建设|合作|共建|联合|设立|成立|签约|引进|依托|和|与|及|、/u;

function clean(text: string, s: number, e: number): string {
  return text.slice(s, e).replace(/["“”‘’「」『』]/gu, '');
}

/** Start of the name ending at a suffix at [hs, he) in a piece beginning at `from`. */
function nameStart(text: string, from: number, hs: number, quotes: Quotes): number {
  let s = stripLead(text, from, hs);
  // Inside a quote that holds the suffix, the name starts after the opening quote.
  const q = quotes.enclosing(hs);
  if (q && q[0] >= s) s = q[0] + 1;
  while (s < hs && !isHan(text, s) && !/[A-Za-z0-9]/.test(text[s]!)) s++;
  return s;
}

function suffixRule(text: string, piece: Piece, quotes: Quotes, out: Raw[]): void {
  const slice = text.slice(piece.start, piece.end);
  const hits: [number, number][] = [];
  for (const m of slice.matchAll(SUFFIX_RE)) {
    const hs = piece.start + m.index;
    const he = hs + m[0].length;
    const cont = SUFFIX_CONTINUES[m[0]];
    if (cont !== undefined && he < text.length && cont.includes(text[he]!)) continue;
    hits.push([hs, he]);
  }
  let i = 0;
  while (i < hits.length) {
    // Chain suffixes that follow closely (浙江大学医学院): one name up to the last of them.
    let j = i;
    while (j + 1 < hits.length && hits[j + 1]![0] - hits[j]![1] <= 6 && !CHAIN_BREAK.test(text.slice(hits[j]![1], hits[j + 1]![0]))) j++;
    const firstHs = hits[i]![0];
    const he = hits[j]![1];
    const s = nameStart(text, piece.start, firstHs, quotes);
    const namePart = clean(text, s, firstHs);
    if (namePart.length >= 2 && !GENERIC_ORG_RE.test(namePart) && !BAD_INSIDE.test(namePart) && !COUNT_START.test(namePart) && he - s <= 30) {
      const t = trim(text, s, he);
      if (t) out.push({ start: t[0], end: t[1], label: 'ORG', rule: 'org:suffix' });
    }
    i = j + 1;
  }
}

/** The list items ending with piece k: k and the pieces before it joined by 、 和 与 及. */
export function listItems(ps: readonly Piece[], k: number): Piece[] {
  const items: Piece[] = [ps[k]!];
  let j = k;
  while (j > 0 && ps[j - 1]!.sep !== '等' && ps[j - 1]!.sep !== '') {
    j--;
    items.unshift(ps[j]!);
  }
  return items;
}

function listRule(text: string, ps: readonly Piece[], out: Raw[]): void {
  for (let k = 0; k + 1 < ps.length; k++) {
    if (ps[k]!.sep !== '等') continue;
    const next = ps[k + 1]!;
    if (!ORG_CATEGORY.test(text.slice(next.start, next.end))) continue;
    for (const item of listItems(ps, k)) {
      const s = stripLead(text, item.start, item.end);
      const t = trim(text, s, item.end);
      if (!t) continue;
      const name = clean(text, t[0], t[1]);
      const companies = /企业/u.test(text.slice(next.start, Math.min(next.end, next.start + 6)));
      if (name.length < (companies ? 3 : 2) || name.length > 24 || GENERIC_ORG_RE.test(name) || BAD_INSIDE.test(name) || COUNT_START.test(name)) continue;
      out.push({ start: t[0], end: t[1], label: 'ORG', rule: 'org:list' });
    }
  }
}

function knownRule(text: string, ps: readonly Piece[], out: Raw[]): void {
  for (const p of ps) {
    const s = stripLead(text, p.start, p.end);
    const t = trim(text, s, p.end);
    if (t && KNOWN_RE.test(text.slice(t[0], t[1]))) out.push({ start: t[0], end: t[1], label: 'ORG', rule: 'org:known-name' });
  }
}

/** ORG suggestions in UTF-16 units. */
export function orgRaws(text: string): Raw[] {
  const found: Raw[] = [];
  for (const c of clauses(text)) {
    const quotes = quotePairs(text, c.start, c.end);
    const ps = pieces(text, c.start, c.end, undefined, quotes);
    const local: Raw[] = [];
    listRule(text, ps, local);
    knownRule(text, ps, local);
    for (const p of ps) suffixRule(text, p, quotes, local);
    // Of overlapping ones the leftmost, then the longest, stays; of equal ones the first found (list rule).
    local.sort((a, b) => a.start - b.start || b.end - a.end);
    let lastEnd = -1;
    for (const r of local) {
      if (r.start < lastEnd) continue;
      found.push(r);
      lastEnd = r.end;
    }
  }
  return found;
}

export function suggestOrgs(text: string): Suggestion[] {
  return toSuggestions(text, orgRaws(text), new OffsetMap(text));
}
