/**
 * PROJECT 项目: a named, concrete project, programme, facility, platform or event.
 *
 * Names are found by their head noun and by the lists the report puts them in. Within a clause, text is cut
 * into pieces at list separators (、 等 和 与 及, outside quotes; not 和 after a single character: 大和三期);
 * a name starts at its piece's start, past the adverbs, verbs and prepositions that introduce it
 * (`深化开展`, `加快建设`, `以`), and ends at its head. Rules:
 *  - `project:head`          a piece holding a head noun — programmes (行动 专项行动 攻坚行动 工程 计划 系列活动
 *                            擂台赛 综合整治 综合开发), facilities and platforms (产业园 园区 园 公园 平台 中心 基地 小镇
 *                            谷 水库 公路 铁路 专用线 景区 街区 示范带 专区 夜市 美食街 馆 绿道 校区 …), events
 *                            (音乐节 美食节 公开赛 博览会 论坛 …) — is a name up to its last head (`龙绕溪美丽产业研学
 *                            示范带`, `体育公园夜市`). What comes before the head must name one thing:
 *                              · not only generic words of number, scope or category (`重点项目`, `专项行动`,
 *                                `省重点项目计划`), nor a plural start (`一批…`, `两个…`, `重大开放平台`);
 *                              · for 项目 and short programme names, not only descriptive words either (`民生工程`,
 *                                `人才计划`); a facility so named is one definite thing of the county (`生态园区`,
 *                                `特色生态产业平台`, GOLD P5);
 *                              · no amount, no 的/为/是 outside quotes (`以人民为中心`), no predicate (`…创建4A级景区`,
 *                                `…获批…`), no trailing numeral (`两园`, `三年行动计划`) unless quoted (`"千万工程"`);
 *                            and a head that is part of a longer word does not count (`节能`, `春节`, `园林`,
 *                            `中心城区`, `项目库`, `项目投资`). After 等 a piece is the list's category, a name only as a
 *                            titled programme (`纺织、冷柜等传统制造业改造提升行动`). A head inside a quote counts only
 *                            when the quote closes right after it (`"金川U创谷"`, not `"飞地+高创园+基金"`). A quote
 *                            before the head opens the name when what precedes it is generic (`项目投资"3115"攻坚行动`
 *                            → `"3115"攻坚行动`, as in the GUIDELINES; `生态共富"标准地"三年计划` stays whole).
 *  - `project:quoted-name`   a bare quoted name ending in a head loses its quotes (`"金川U创谷"`, `"一号发展工程"`,
 *                            `"亲清健康加U站"`); a quoted slogan without a head (`"五链融合"`) is nothing.
 *  - `project:phase`         a name + 二期/三期/N期 (`利安隆二期`), not a bare `"三期"`.
 *  - `project:list`          the members of a list closed by 等 + a category of projects (`…等一批基础设施项目`,
 *                            `…等64个新建项目`, `…等专项行动`, `…等精品旅游路线`, `…等金牌赛事活动`): the text says
 *                            what they are (GOLD P2). Members that are kinds (`…企业`, `一批…`) are left out.
 *  - `project:stage`         two or more names that are together the subject of a project stage (开工 落地 竣工投产
 *                            核准开工 签约 …): `万华智能、君晟电器全面开工` (GOLD P1: a company's investment project).
 *  - `project:shared-head`   three or more quoted names sharing the programme head of the list's last item
 *                            (`"凤凰"、"雄鹰"、"雏鹰"和单项冠军培育行动`, GOLD P4).
 *  - `project:list-member`   a short clean name listed with a PROJECT found by its head that fills its piece
 *                            (`以科创中心、云创蔚来为核心`, `赵鼎考古公园、黄冈生态配套`); quoted slogans are not members.
 * Names that end in an organisation suffix are left to org.ts.
 */
import { OffsetMap } from '../core/offsets.ts';
import { alternation, GENERIC_RE, KIND_RE } from './lexicon.ts';
import { metricRaws } from './metric.ts';
import { listItems, ORG_SUFFIXES } from './org.ts';
import { clauses, isHan, pieces, quotePairs, stripLead, toSuggestions, trim, type Piece, type Quotes, type Raw } from './text.ts';
import type { Suggestion } from './types.ts';

const PROGRAMME_HEADS = [
  '专项行动', '攻坚行动', '提升行动', '行动计划', '行动', '工程', '计划', '系列活动', '擂台赛', '大比武', '竞赛', '大赛', '综合整治', '综合开发',
  '综合治理',
];
const FACILITY_HEADS = [
  '产业园区', '产业园', '工业园区', '工业园', '科技园', '创业园', '物流园', '园区', '公园', '园', '平台', '中心', '基地', '小镇', '谷', '水库',
  '水厂', '污水处理厂', '电站', '公路', '铁路', '高速公路', '快速路', '大道', '专用线', '大桥', '隧道', '码头', '机场', '枢纽', '景区',
  '度假区', '旅游区', '街区', '示范带', '示范园', '新校区', '校区', '新院区', '院区', '美食街', '步行街', '商业街', '街', '夜市', '专区', '博物馆', '体育馆', '纪念馆',
  '图书馆', '文化馆', '展览馆', '馆', '广场', '绿道', '古道', '驿站', '走廊', '廊道', '新城', '科技城', '根据地', '产业带', '经济带',
  '风景线',
];
const EVENT_HEADS = [
  '音乐节', '美食节', '文化节', '旅游节', '艺术节', '电影节', '啤酒节', '节', '公开赛', '锦标赛', '联赛', '邀请赛', '挑战赛', '马拉松',
  '越野赛', '博览会', '交易会', '展览会', '洽谈会', '推介会', '展销会', '展会', '论坛', '峰会', '年会',
];
/** Heads accepted only as the end of a quoted name (`"亲清健康加U站"`). */
const QUOTED_HEADS = ['站', '店', '屋', '坊', '驿'];
const PROGRAMME = new Set(PROGRAMME_HEADS);

const HEAD_RE = new RegExp(alternation([...PROGRAMME_HEADS, ...FACILITY_HEADS, ...EVENT_HEADS, ...QUOTED_HEADS, '项目']), 'gu');

/** A head preceded by one of these is part of another word (`春节`, `家园`, `低谷`). */
const HEAD_NOT_AFTER: Record<string, string> = {
  节: '春环季细关调章礼情时贯脱秋午宵庆明阳夕动童师女树',
  园: '家校田庄花庭菜果乐',
  谷: '低山峡波河稻深',
  街: '大',
  中心: '为',
  馆: '宾旅饭菜',
};
/** A head followed by one of these is the start of a longer word (`节能`, `园林`, `中心城区`, `项目库`). */
const HEAD_NOT_BEFORE: Record<string, string> = {
  节: '能约点日奏庆假水电',
  园: '林艺丁区',
  中心: '城区镇村点工地任',
  谷: '物底歌',
  平台: '化期',
  工程: '师化学量',
  计划: '生单经',
  行动: '计方起力者上派',
  街: '道区巷头',
  街区: '化',
  项目: '库数投化建谋管前中末端储决资攻推落开签审招引',
  基地: '址',
  小镇: '客',
  公园: '化',
  馆: '藏长',
  景区: '镇村化',
  大道: '理',
};

/** The category after 等 that makes the list's members projects. */
const CATEGORY = /^(?:一批|一系列|若干|多个|[0-9０-９]+个|[0-9０-９]+项|[二两三四五六七八九十]+个)?([^、，,。；;]{0,12}?)(项目|专项行动|行动|活动|赛事|路线|线路|景点|示范区|平台|园区|基地|载体|工程|点位|节庆)/u;

/** Project stages a list of names can be the subject of. */
const STAGE =
  /(?:全面|尽快|加快|顺利|如期|早日|年内|全部|陆续|实现|确保|力争|加速|核准|获批|审批)*(?:竣工投产|建成投产|建成投用|建成运营|开工建设|开工入库|开工|落地|投产|竣工|建成|投用|投运|开业|完工|达产|签约|落户|试运行|试生产)+$/u;

const BAD_INSIDE = /[的为是将把了]|创成|创建|成为|获批|更名|列入|纳入|入选|获评|实现|完成|达到|投入|基本|首个|首批|首家/u;
/** Nouns of kinds: a list member ending in one is a category (`领军型企业`), not a name. */
const KIND_END = /(?:企业|产业|行业|主体|人才|群体|集群|农户|单位|部门|机构|资金|政策|产品|业态|领域|板块|环节)$/u;
/** Quantities and scopes that make what follows plural: `一批…`, `各类…`, `重大开放平台`. */
const PLURAL_START = /^(?:一批|一系列|若干|多个|各类|各级|相关|有关|[0-9０-９]+个|[二两三四五六七八九十]+[个大])/u;
const SCOPE_START = /^(?:重大|重点|各类|各级|相关|有关|一批)/u;
/** What may follow 项目 when it ends a name: a break, or what is done to the project. */
const AFTER_PROJECT = /^(?:[，,。；;、：:”"」』)）\s]|等|和|及|与|建设|开工|落地|竣工|投产|签约|前期|进度|推进|加快|尽快|顺利|全面|年内|$)/u;
const HEAD_AT_END = new RegExp(`(?:${alternation([...PROGRAMME_HEADS, ...FACILITY_HEADS, ...EVENT_HEADS, '项目'])})$`, 'u');
const ORG_END = new RegExp(`(?:${alternation(ORG_SUFFIXES)})$`, 'u');
const PHASE = /(?:[二三四五六七八九十]|[0-9０-９]{1,2})期(?:工程|项目)?/gu;

interface Ctx {
  text: string;
  quotes: Quotes;
  /** Sorted METRIC ranges: names may not hold an amount. */
  metrics: readonly Raw[];
}

function unquoted(text: string, s: number, e: number): string {
  return text.slice(s, e).replace(/["“”‘’「」『』]/gu, '');
}

function holdsMetric(ctx: Ctx, s: number, e: number): boolean {
  // Binary search for the first metric ending after s.
  let lo = 0;
  let hi = ctx.metrics.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ctx.metrics[mid]!.end <= s) lo = mid + 1;
    else hi = mid;
  }
  const m = ctx.metrics[lo];
  return m !== undefined && m.start < e;
}

/** Is the head at [hs, he) a word of its own here? */
function headStands(text: string, hs: number, he: number, head: string, quotedEnd: boolean): boolean {
  if (QUOTED_HEADS.includes(head) && !quotedEnd) return false;
  const notAfter = HEAD_NOT_AFTER[head];
  if (notAfter !== undefined && hs > 0 && notAfter.includes(text[hs - 1]!)) return false;
  const notBefore = HEAD_NOT_BEFORE[head];
  if (notBefore !== undefined && he < text.length && notBefore.includes(text[he]!)) return false;
  return true;
}

/** A name [s, e) with its head starting at hs: does it name one thing? */
function nameOk(ctx: Ctx, s: number, hs: number, e: number, head: string): boolean {
  const { text } = ctx;
  if (e - s > 26) return false;
  const part = unquoted(text, s, hs);
  if (part.length < (head === '项目' ? 3 : 2)) return false;
  // Only generic words: a kind (重点平台). Short programme names of descriptive words only are kinds too
  // (民生工程, 人才工程); facilities so named are one definite thing of the county (生态园区, GOLD P5), and
  // longer programme titles are titles (政务服务改革攻坚行动).
  if (GENERIC_RE.test(part) || PLURAL_START.test(part)) return false;
  if (head === '项目' && KIND_RE.test(part)) return false;
  if (PROGRAMME.has(head) && part.length <= 4 && KIND_RE.test(part)) return false;
  if (SCOPE_START.test(part) && KIND_RE.test(part)) return false; // 重大开放平台: plural
  // 两园, 三区, 三年行动计划: slogans and periods, unless the quoted title says so (`"千万工程"`).
  const quotedTitle = ctx.quotes.get(s - 1) !== undefined && ctx.quotes.get(s - 1)! >= e;
  if (!quotedTitle && (/[一二两三四五六七八九十百千万]$/u.test(part) || /^[一二两三四五六七八九十]+年$/u.test(part))) return false;
  // 的/为 outside quotes mark a phrase, not a name.
  let bare = '';
  for (let i = s; i < e; i++) {
    const q = ctx.quotes.get(i);
    if (q !== undefined && q < e) {
      i = q;
      continue;
    }
    bare += text[i];
  }
  if (BAD_INSIDE.test(bare)) return false;
  if (holdsMetric(ctx, s, e)) return false;
  if (ORG_END.test(text.slice(s, e))) return false;
  return true;
}

/** Where a name in `piece` that ends with a head at hs begins. */
function nameStart(ctx: Ctx, piece: Piece, hs: number): number {
  const { text, quotes } = ctx;
  let s = stripLead(text, piece.start, hs);
  const q = quotes.enclosing(hs);
  if (q && q[0] >= s) return q[0] + 1; // the head is inside a quoted name: the name is the quote's content
  // A quote between the start and the head opens the name when what precedes it is generic.
  const first = quotes.firstFrom(s);
  if (first && first[1] < hs) {
    const before = unquoted(text, s, first[0]);
    if (before.length === 0 || KIND_RE.test(before)) return first[0];
  }
  return s;
}

function headRule(ctx: Ctx, piece: Piece, out: Raw[]): Raw | null {
  const { text } = ctx;
  const slice = text.slice(piece.start, piece.end);
  let best: Raw | null = null;
  for (const m of slice.matchAll(HEAD_RE)) {
    const hs = piece.start + m.index;
    const he = hs + m[0].length;
    const head = m[0];
    const q = ctx.quotes.enclosing(hs);
    const quotedEnd = q !== null && q[1] === he;
    // A head inside a quote names the quoted thing only when the quote closes right after it
    // (`"金川U创谷"`); inside a formula or slogan (`"飞地+高创园+基金"`) it names nothing.
    if (q !== null && !quotedEnd) continue;
    if (!headStands(text, hs, he, head, quotedEnd)) continue;
    if (head === '项目' && !AFTER_PROJECT.test(text.slice(he, he + 2))) continue;
    if (piece.before === '等') {
      // After 等 comes the list's category; it is a name only as a titled programme.
      if (!PROGRAMME.has(head)) continue;
      if (/^(?:一批|一系列|若干|多个|[0-9０-９]+个)/u.test(slice)) continue;
    }
    const s = nameStart(ctx, piece, hs);
    if (s >= hs) continue;
    if (!nameOk(ctx, s, hs, he, head)) continue;
    const t = trim(text, s, he);
    if (!t) continue;
    const rule = q !== null && t[0] === q[0] + 1 && quotedEnd ? 'project:quoted-name' : 'project:head';
    if (!best || t[1] > best.end) best = { start: t[0], end: t[1], label: 'PROJECT', rule };
  }
  if (best) out.push(best);
  return best;
}

function phaseRule(ctx: Ctx, piece: Piece, out: Raw[]): Raw | null {
  const { text } = ctx;
  const slice = text.slice(piece.start, piece.end);
  for (const m of slice.matchAll(PHASE)) {
    const hs = piece.start + m.index;
    const he = hs + m[0].length;
    if (isHan(text, he) && !/[，,。；;、和与及等]/u.test(text[he]!) && !/^(?:建设|开工|投产|竣工|落地|项目|工程)/u.test(text.slice(he, he + 2))) {
      // 二期 followed by more name is not the end of one (`二期工程` is matched whole above).
      if (!/^[尽全顺如早竣建投开落加核获签完达试年]/u.test(text[he]!)) continue;
    }
    const s = nameStart(ctx, piece, hs);
    if (s >= hs || ctx.quotes.enclosing(hs)) continue;
    const part = unquoted(text, s, hs);
    if (part.length < 2 || GENERIC_RE.test(part) || BAD_INSIDE.test(part) || holdsMetric(ctx, s, hs)) continue;
    const t = trim(text, s, he);
    if (!t) continue;
    const r: Raw = { start: t[0], end: t[1], label: 'PROJECT', rule: 'project:phase' };
    out.push(r);
    return r;
  }
  return null;
}

/** A list item as a clean short name: [s, e) or null. */
function cleanItem(ctx: Ctx, item: Piece, maxLen: number): [number, number] | null {
  const { text } = ctx;
  const s = stripLead(text, item.start, item.end);
  const t = trim(text, s, item.end);
  if (!t) return null;
  const name = unquoted(text, t[0], t[1]);
  if (name.length < 2 || name.length > maxLen) return null;
  if (GENERIC_RE.test(name) || BAD_INSIDE.test(name) || KIND_END.test(name) || PLURAL_START.test(name)) return null;
  if (/[0-9０-９]/u.test(name) && holdsMetric(ctx, t[0], t[1])) return null;
  if (ORG_END.test(name)) return null;
  if (/[，,。；;：:()（）]/u.test(name)) return null;
  // A bare head (`展销会`) or generic words + head is a kind, not a name.
  const head = HEAD_AT_END.exec(name);
  if (head && GENERIC_RE.test(name.slice(0, name.length - head[0].length) || '项目')) return null;
  return t;
}

function listRule(ctx: Ctx, ps: readonly Piece[], out: Raw[]): void {
  const { text } = ctx;
  for (let k = 0; k + 1 < ps.length; k++) {
    if (ps[k]!.sep !== '等') continue;
    const next = ps[k + 1]!;
    const cat = CATEGORY.exec(text.slice(next.start, next.end));
    if (!cat) continue;
    const modifier = cat[1] ?? '';
    // 行动/工程 after a specific modifier is itself a programme (…等传统制造业改造提升行动): not a category.
    if ((cat[2] === '行动' || cat[2] === '工程' || cat[2] === '专项行动') && modifier !== '' && !KIND_RE.test(modifier)) continue;
    if (stripLead(text, next.start, next.end) !== next.start && !/^(?:一批|一系列|若干|多个)/u.test(text.slice(next.start, next.end))) continue;
    for (const item of listItems(ps, k)) {
      const t = cleanItem(ctx, item, 16);
      if (t) out.push({ start: t[0], end: t[1], label: 'PROJECT', rule: 'project:list' });
    }
  }
}

function stageRule(ctx: Ctx, ps: readonly Piece[], out: Raw[]): void {
  const { text } = ctx;
  if (ps.length < 2 || ps.some((p) => p.sep === '等')) return;
  const last = ps[ps.length - 1]!;
  const m = STAGE.exec(text.slice(last.start, last.end));
  if (!m || m.index === 0) return;
  const items: Piece[] = [...ps.slice(0, -1), { ...last, end: last.start + m.index }];
  const found: [number, number][] = [];
  for (const item of items) {
    const t = cleanItem(ctx, item, 10);
    if (!t || /[有在要]/u.test(text.slice(t[0], t[1]))) return; // every member must be a name
    found.push(t);
  }
  for (const t of found) out.push({ start: t[0], end: t[1], label: 'PROJECT', rule: 'project:stage' });
}

/** The first of `re`'s matches in [s, e) outside quotes, or -1. */
function firstOutsideQuotes(ctx: Ctx, s: number, e: number, re: RegExp): number {
  const slice = ctx.text.slice(s, e);
  for (const m of slice.matchAll(re)) {
    if (!ctx.quotes.enclosing(s + m.index)) return s + m.index;
  }
  return -1;
}

const RUN_ON = /作为|为|的|尽快|全面|加快|顺利|如期|早日|核准|获批|落地|开工|建设|竣工|投产|建成|签约|投用|投运|开业|完工/gu;

/** Quoted names sharing the head of the last list item, and short names listed with a found project. */
function listMembers(ctx: Ctx, ps: readonly Piece[], byPiece: Map<Piece, Raw>, out: Raw[]): void {
  const { text } = ctx;
  // Chains of pieces joined by 、 和 与 及 (not crossing 等).
  let from = 0;
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k]!;
    if (p.sep !== '' && p.sep !== '等') continue;
    const chain = ps.slice(from, k + 1);
    from = k + 1;
    if (chain.length < 2) continue;
    // A list of names: some member is a name found by its head that fills its piece (or runs on only
    // into 为/的/a stage word), not an action on a name (`加快…平台北拓空间、南盘存量`).
    const fills = (q: Piece) => {
      const r = byPiece.get(q);
      if (!r) return false;
      const t = trim(text, r.end, q.end);
      if (!t) return true;
      RUN_ON.lastIndex = 0;
      const m = RUN_ON.exec(text.slice(r.end, q.end));
      return m !== null && m.index === 0;
    };
    if (!chain.some(fills)) continue;
    const lastRaw = byPiece.get(chain[chain.length - 1]!);
    // Shared head: `"凤凰"、"雄鹰"…和单项冠军培育行动`.
    const quotedOnly = chain.slice(0, -1).map((q) => {
      const s = stripLead(text, q.start, q.end);
      const close = ctx.quotes.get(s);
      return close !== undefined && close === q.end - 1 ? ([s + 1, close] as [number, number]) : null;
    });
    if (lastRaw && chain.length >= 3 && quotedOnly.every((x) => x !== null) && PROGRAMME_HEADS.some((h) => text.slice(lastRaw.start, lastRaw.end).endsWith(h))) {
      for (const x of quotedOnly) if (x && x[1] > x[0]) out.push({ start: x[0], end: x[1], label: 'PROJECT', rule: 'project:shared-head' });
      continue;
    }
    for (const q of chain) {
      const s = stripLead(text, q.start, q.end);
      const found = byPiece.get(q);
      if (found && found.start <= s + 1) continue; // the piece is a found name already
      // The member may run on into the clause: cut it at 为/的 or a stage word (outside quotes).
      const cut = firstOutsideQuotes(ctx, s, found ? found.start : q.end, RUN_ON);
      const end = cut >= 0 ? cut : found ? found.start : q.end;
      const t = cleanItem(ctx, { ...q, start: s, end }, 8);
      if (!t) continue;
      const first = text[t[0]]!;
      // Quoted slogans (`"五个结构投资"`) are not members; names go on after a quote at most.
      if (ctx.quotes.get(t[0] - 1) === t[1] || ctx.quotes.get(t[0]) === t[1] - 1) continue;
      if (!isHan(text, t[0]) && !/[A-Za-z]/.test(first)) continue;
      out.push({ start: t[0], end: t[1], label: 'PROJECT', rule: 'project:list-member' });
    }
  }
}

/** PROJECT suggestions in UTF-16 units. */
export function projectRaws(text: string, metrics: readonly Raw[] = metricRaws(text)): Raw[] {
  const out: Raw[] = [];
  const sortedMetrics = [...metrics].sort((a, b) => a.start - b.start);
  for (const c of clauses(text)) {
    const quotes = quotePairs(text, c.start, c.end);
    const ctx: Ctx = { text, quotes, metrics: sortedMetrics };
    const ps = pieces(text, c.start, c.end, undefined, quotes);
    const local: Raw[] = [];
    const byPiece = new Map<Piece, Raw>();
    for (const p of ps) {
      const r = headRule(ctx, p, local) ?? phaseRule(ctx, p, local);
      if (r) byPiece.set(p, r);
    }
    listRule(ctx, ps, local);
    stageRule(ctx, ps, local);
    listMembers(ctx, ps, byPiece, local);
    // Of overlapping ones the leftmost, then the longest, stays.
    local.sort((a, b) => a.start - b.start || b.end - a.end);
    let lastEnd = -1;
    for (const r of local) {
      if (r.start < lastEnd) continue;
      out.push(r);
      lastEnd = r.end;
    }
  }
  return out;
}

export function suggestProjects(text: string): Suggestion[] {
  return toSuggestions(text, projectRaws(text), new OffsetMap(text));
}
