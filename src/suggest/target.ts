/**
 * TARGET 目标: the clause in which the government commits to a result someone could check.
 *
 * A clause is the text between `，,；;。！？!?：:` (a `、` does not end it, a short bracket does not either).
 * A clause is a candidate when it holds an outcome amount — a METRIC that does not count an enumeration
 * (`…等64个新建项目`) or describe a project's size (`总投资50亿元的…`) — or, without an amount, an outcome with
 * an outside yardstick: a rating or level to be won (`创建3A景区`, `争创国家级…`) or a comparison with a
 * published average (`增速高于全省平均水平`). Where it starts (GOLD T2–T4):
 *  - `target:commitment`  at a commitment marker 力争 确保 努力 争取 力促 力求 … anywhere before the amount;
 *  - `target:verb`        at the clause's first word when that is an outcome verb (实现 完成 新增 招引 培育 打造
 *                         创建 建设 推动 …), after any adverbs (全年 全力 重点 其中 …) and process verbs (加快 …),
 *                         which stay outside (`加快建设5G基站800个` → `建设5G基站800个`);
 *  - `target:outcome`     at the clause start when the clause opens with its subject and states the outcome
 *                         with a predicate (达 超 突破 增长 提高 下降 控制在 …率 比重: `前期转化率同比增长30%`);
 *  - `target:continuation` at the clause start when the clause just before, joined by a comma or semicolon, was
 *                         a TARGET and this one goes on with its verb left out (`单项冠军1家`, `政府投资项目"最多60天`).
 * A clause that opens with a process verb and no commitment (紧盯 加快 推进 保障 深化 …) states work, not a
 * result, and is no TARGET — unless its clause carries a yardstick (`推进鸡鸣山景区创建4A级景区`, like the
 * GUIDELINES' `推动柚香谷创建3A景区`). Text about the past — a review section (heading with 回顾 / 过去 /
 * 一年来, until a heading of plans), a run of paragraphs opened by one with several signs of the past and
 * none of the future (首次 … 排名第一 … 荣获, until a paragraph commits again), or a sentence with 了,
 * 比上年, 较去年, 预计全年, 以来, 获评 … — holds achievements, not commitments, and gives no TARGET unless
 * 力争/确保 is written (争取 there means "secured"). Amounts that describe rather than commit (`总投资50亿元`,
 * `年产10万吨`, `占地200亩`) or count a list (`…等64个`) do not make a target. A TARGET runs to the clause end,
 * trimmed of punctuation (a closing quote too: `审批"最多50天`, GOLD T7); the METRICs inside it nest.
 */
import { matchHeading } from '../core/structure.ts';
import { OffsetMap } from '../core/offsets.ts';
import { ADVERBS, alternation, COMMIT_VERBS, PROCESS_VERBS, STRONG_MARKERS } from './lexicon.ts';
import { clauses, toRaws, toSuggestions, trim, type Clause, type Raw } from './text.ts';
import type { Suggestion } from './types.ts';

// 全力争创 is 全力 + 争创, not 力争: a marker does not start inside 全力.
const STRONG_RE = new RegExp(`(?<!全)(?:${alternation(STRONG_MARKERS)})`, 'gu');
const COMMIT_AT = new RegExp(`(?:${alternation(COMMIT_VERBS)})(?!值|率|量|额|点|的)`, 'y');
const PROCESS_AT = new RegExp(`(?:${alternation(PROCESS_VERBS)})`, 'y');
const ADVERB_AT = new RegExp(`(?:${alternation(ADVERBS)})`, 'y');

/** An outcome stated by a predicate after the subject. */
const PREDICATE = /达|超|突破|增长|增加|增速|提高|提升|下降|降低|减少|控制在|保持|占|率|比重|不低于|不少于|不超过|累计|实现|完成|新增|翻番|扩大|缩小|至/u;

/** Yardsticks that make an outcome checkable without an amount. */
const YARDSTICK = new RegExp(
  [
    '(?:创建|争创|创成|创评|获评|评为|入选|晋级|升级为|通过)[^，,。；;]{0,20}?(?:[2-5]A级?|国家级|省级|国家|全国|省)',
    '(?:高于|快于|优于|不低于|领先于?)(?:全国|全省|全市|全州|全区|同期|上年)?(?:的)?(?:平均|均值)',
  ].join('|'),
  'u',
);

/** Words before an amount that make it a description or a count of a list, not an outcome. */
const NOT_OUTCOME_BEFORE = [
  '等', '总投资', '计划投资', '投资额', '概算', '估算', '总投资额', '占地', '占地面积', '建筑面积', '总面积', '年产', '产能', '设计产能', '装机',
  '装机容量', '日处理', '年处理', '全长', '总长', '长约', '总规模', '现有', '已有', '共有',
];

/** Sentences about what has been done. */
const PAST_SENTENCE =
  /(?<![为除])了(?!解)|比上年|较上年|比去年|较去年|上年同期|同比提高|一年来|过去一年|过去五年|五年来|这一年|预计全年|荣获|获评|被评为|被列为|被命名为|位居|居全[省市国区州]第|列全[省市国区州]第|排名第|实现了|完成了|顺利完成|圆满完成|以来|收官/u;
const REVIEW_HEADING = /回顾|过去|一年来|五年来|成绩|工作总结|主要工作/u;
/** Signs of the past and of the future, counted per paragraph: a paragraph with several signs of the past
 * and none of the future reports results (`…荣获…全市第一…成功创建…`). */
const PAST_MARK = /(?<![为除])了(?!解)|比上年|较上年|比去年|较去年|一年来|荣获|获评|被评为|入选|成功举办|成功创建|首次|创历史|位居|排名第|全[省市国区]第[一二三四五六七八九十\d]|以来|圆满|顺利完成|超额完成|实现了|获批/gu;
/** A paragraph that commits ends a run of the past. */
const COMMITTING = /力争|确保|预期目标|主要目标|目标任务是|(?<![即])将(?![军])|今年要|我们要/u;
const FUTURE_MARK = /力争|确保|争取|计划|目标|预期|着力|推动|加快|推进|深化|(?<![重主需纲摘概必])要(?![素求点件闻])|(?<![即])将(?![军])/u;
const PLAN_HEADING = /目标|任务|安排|要求|重点|思路|打算|意见|建议|计划|工作|聚焦|全力|坚持|推进|加快|打赢|打好/u;

/**
 * Lines that report the past: a review section (after a heading with 回顾/过去…, until a heading of plans),
 * or a run of paragraphs that starts with one showing several signs of the past and none of the future
 * (`…首次突破…排名第一…`) and lasts until a paragraph commits again (力争, 确保, 目标…).
 */
function reviewLines(text: string): Set<number> {
  const out = new Set<number>();
  let review = false;
  let line = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    const content = text.slice(from, nl < 0 ? text.length : nl).trim();
    const marker = matchHeading(content);
    const headingLike = (marker !== null && marker.level === 1) || (content.length > 0 && content.length <= 30 && !/[。；;，,]./u.test(content));
    const pastSigns = content.match(PAST_MARK)?.length ?? 0;
    if (headingLike && REVIEW_HEADING.test(content)) review = true;
    else if (headingLike && (marker !== null || PLAN_HEADING.test(content))) review = false;
    else if (COMMITTING.test(content)) review = false;
    else if (pastSigns >= 2 && !FUTURE_MARK.test(content)) review = true;
    if (review) out.add(line);
    if (nl < 0) break;
    from = nl + 1;
    line++;
  }
  return out;
}

function precededBy(text: string, at: number, words: readonly string[]): boolean {
  for (const w of words) if (text.startsWith(w, at - w.length)) return true;
  return false;
}

type Opening = { kind: 'commit'; at: number } | { kind: 'process'; at: number } | { kind: 'none' };

/** The opening verb of [s, e): an outcome verb (after adverbs and process verbs), a process verb alone, or none. */
function openingVerb(text: string, s: number, e: number): Opening {
  let p = s;
  let process = -1;
  for (let k = 0; k < 6 && p < e; k++) {
    COMMIT_AT.lastIndex = p;
    const c = COMMIT_AT.exec(text);
    if (c && p + c[0].length <= e) return { kind: 'commit', at: p };
    PROCESS_AT.lastIndex = p;
    const v = PROCESS_AT.exec(text);
    if (v && p + v[0].length <= e) {
      if (process < 0) process = p;
      p += v[0].length;
      continue;
    }
    ADVERB_AT.lastIndex = p;
    const a = ADVERB_AT.exec(text);
    if (a && p + a[0].length <= e) {
      p += a[0].length;
      continue;
    }
    break;
  }
  return process >= 0 ? { kind: 'process', at: process } : { kind: 'none' };
}

/** TARGET suggestions in UTF-16 units, given the METRICs (UTF-16) of the same text. */
export function targetRaws(text: string, metrics: readonly Raw[]): Raw[] {
  const out: Raw[] = [];
  const all = clauses(text);
  const review = reviewLines(text);
  // Sentence extents, to test each sentence once for signs of the past.
  const extent = new Map<number, [number, number]>();
  for (const d of all) {
    const x = extent.get(d.sentence);
    if (x) x[1] = d.end;
    else extent.set(d.sentence, [d.start, d.end]);
  }
  const past = new Map<number, boolean>();
  const sentenceOf = (c: Clause) => {
    let v = past.get(c.sentence);
    if (v === undefined) {
      const [s, e] = extent.get(c.sentence)!;
      v = PAST_SENTENCE.test(text.slice(s, e));
      past.set(c.sentence, v);
    }
    return v;
  };
  const sorted = [...metrics].filter((m) => m.label === 'METRIC').sort((a, b) => a.start - b.start);
  let mi = 0;
  let prevTargetIndex = -2;
  for (let ci = 0; ci < all.length; ci++) {
    const c = all[ci]!;
    while (mi < sorted.length && sorted[mi]!.start < c.start) mi++;
    const inside: Raw[] = [];
    for (let j = mi; j < sorted.length && sorted[j]!.start < c.end; j++) {
      const m = sorted[j]!;
      if (m.end <= c.end && !precededBy(text, m.start, NOT_OUTCOME_BEFORE)) inside.push(m);
    }
    const clauseText = text.slice(c.start, c.end);
    const yard = inside.length === 0 ? YARDSTICK.exec(clauseText) : null;
    if (inside.length === 0 && !yard) continue;
    const firstAmount = inside.length > 0 ? inside[0]!.start : c.start + yard!.index + yard![0].length;
    // A commitment marker before the amount.
    let strong = -1;
    STRONG_RE.lastIndex = 0;
    for (const m of clauseText.matchAll(STRONG_RE)) {
      if (c.start + m.index < firstAmount) {
        strong = c.start + m.index;
        break;
      }
    }
    const isPast = review.has(c.line) || sentenceOf(c);
    // About the past, 争取 means "secured" and 努力 "strove": only 力争/确保 still commit.
    if (isPast && (strong < 0 || !/^(?:力争|确保|力促|力保)/u.test(text.slice(strong, strong + 2)))) continue;
    let start: number;
    let rule: string;
    if (strong >= 0) {
      start = strong;
      rule = 'target:commitment';
    } else {
      const v = openingVerb(text, c.start, c.end);
      if (v.kind === 'process' && yard) {
        // `推进鸡鸣山景区创建4A级景区`: the clause's verb carries the yardstick, like 推动 (GUIDELINES).
        start = v.at;
        rule = 'target:yardstick';
      } else if (v.kind === 'process') {
        continue;
      } else if (v.kind === 'commit') {
        start = v.at;
        rule = yard ? 'target:yardstick' : 'target:verb';
      } else if (inside.length === 0) {
        continue; // a yardstick needs a commitment
      } else {
        start = c.start;
        // Joined to a TARGET just before by a comma or semicolon (not a full stop or a line end).
        const prev = all[ci - 1];
        const continuation = prevTargetIndex === ci - 1 && prev !== undefined && /^[，,；;]$/u.test(prev.brk);
        if (PREDICATE.test(text.slice(c.start, inside[inside.length - 1]!.start))) rule = 'target:outcome';
        else if (continuation) rule = 'target:continuation';
        else continue;
      }
    }
    if (start >= firstAmount && !(inside.length > 0 && inside.some((m) => m.start >= start))) continue;
    const t = trim(text, start, c.end);
    if (!t) continue;
    out.push({ start: t[0], end: t[1], label: 'TARGET', rule });
    prevTargetIndex = ci;
  }
  return out;
}

export function suggestTargets(text: string, metrics: readonly Suggestion[]): Suggestion[] {
  const map = new OffsetMap(text);
  return toSuggestions(text, targetRaws(text, toRaws(metrics, map)), map);
}
