/**
 * METRIC 指标: a quantity — a number with its unit, or a percentage — together with its qualifier.
 *
 * Rules (GUIDELINES §METRIC, seeds/GOLD.md M1–M4), in the order they are tried at each place:
 *  - `metric:percent`        Arabic number (or range) + % ％ ‰ or 个百分点: `15%`, `3.5%以上`, `6%-7%`, `2个百分点`.
 *  - `metric:number-unit`    Arabic number (decimal, range `3-5`, `3至5`) + magnitude 十百千万亿 + 余/多 + unit
 *                            from a lexicon of money, area, length, mass, energy, classifiers and time:
 *                            `1980亩`, `45亿元`, `18.5万元`, `80万人次`, `20余家`, `5万千瓦`.
 *  - `metric:number-magnitude` Arabic number + 万/亿 and no unit, at a clause end or before a qualifier: `人口达30万`.
 *  - `metric:magnitude-money` 亿元/万元 written without a digit, when it is a threshold: before 以上/以下 or after
 *                            超 过 逾 破 达 近 上 (`亿元以上`, `超亿元`; GOLD M2); not `万元GDP能耗`.
 *  - `metric:chinese-numeral` Chinese numeral + a counting unit: `三个`, `两家`, `五年内`, `十二项`.
 * Qualifiers after the unit are inside: 以上 以下 以内 左右 上下, 内 after a time or distance unit (`30天内`),
 * 多/余 at a clause end; prefixes (最多 超 同比 增长 达) stay outside.
 *
 * What is not a metric, checked on every match:
 *  - years and year ranges (`2023年`, `2021-2025年`, 4 digits 1900–2099 before 年), anniversaries (`100周年`);
 *  - ordinals and list numbers: after 第 (`第11`), inside (一) 1. 1、 markers (they have no unit);
 *  - codes and models: a number touching + / - # or a Latin letter (`"1+10+5"`, `第11/118页`, `报告-20篇`,
 *    `5G`, `3A`, `G60`);
 *  - Chinese numerals that are names: in a short quotation (`"十条"`, `"五个投资结构"`, `“三个十天”`), the numeral
 *    一 alone (`一个`, `一批`, `一家` mean "a"), bare magnitudes (`千家万户`), followed by another numeral
 *    (`三位一体`), or counting the head of a slogan (`三场大会战`, `三套组合拳`, `两个确立`); 年 after a Chinese
 *    numeral only with 内/以上/时间 (`三年行动` is a name, `三年内` an amount);
 *  - a unit that begins a longer word (`30万人口` keeps `30万`, `3家庭` is nothing).
 * Overlapping matches keep the longer. Everything is one left-to-right pass of flat regular expressions.
 */
import { OffsetMap } from '../core/offsets.ts';
import { AFTER_QUALIFIERS, alternation, CN_UNITS, INNER_UNITS, UNITS } from './lexicon.ts';
import { isHan, toSuggestions, type Raw } from './text.ts';
import type { Suggestion } from './types.ts';

const D = '[0-9０-９]';
const AR = `${D}+(?:[.．]${D}+)?`;
const RANGE = '[-~～—–至到]';
const MAG = '(?:万亿|千亿|百亿|十亿|千万|百万|十万|[十百千万亿])';
const Q = alternation(AFTER_QUALIFIERS);

/** Arabic amounts: 1 number, 2 magnitude, 3 余/多, 4 unit (branch with a unit); 5 magnitude, 6 余/多 (without); 7 qualifier. */
const ARABIC = new RegExp(
  `(?<![0-9０-９.．])(${AR}(?:[%％]?${RANGE}${AR})?)(?:(${MAG})?([余多])?(${alternation(UNITS)})|(万亿|[万亿])([余多])?)?(${Q})?`,
  'gu',
);

/** Chinese-numeral amounts: 1 numeral, 2 余/多, 3 unit, 4 qualifier. */
// Numerals are tried only where a run of them starts, and at most 12 long: no backtracking over long runs.
const CHINESE = new RegExp(`(?<![零〇一二两三四五六七八九十百千万亿])([零〇一二两三四五六七八九十百千万亿]{1,12})([余多])?(${alternation(CN_UNITS)})(${Q}|内)?`, 'gu');

/** Money with a magnitude and no digit: 亿元以上, 超亿元. */
const MAG_MONEY = /([十百千]?[万亿])元(以上|以下)?/gu;
const MONEY_BEFORE = ['超', '过', '逾', '破', '达', '近', '上'];

const NUMERAL_CHARS = new Set([...'零〇一二两三四五六七八九十百千万亿0123456789０１２３４５６７８９.．']);
const CN_DIGITS = /[二两三四五六七八九十]/u;
const CN_MAGNITUDE_ONLY = /^[百千万亿]+$/u;
const OPEN_QUOTES = new Set(['"', '“', '‘', '「', '『', "'"]);

/** Words that head a slogan: a Chinese count of them is part of the slogan (`三场大会战`, `四个意识`). */
const SLOGAN_TAIL = new RegExp(
  `(?:${alternation(['战', '拳', '仗', '行动', '工程', '计划', '体系', '机制', '理念', '格局', '目标', '任务', '方面', '原则', '要求', '意识', '自信', '维护', '确立', '精神', '作风', '问题', '短板', '差距', '关系', '重点', '举措', '效应', '优势', '战略', '布局', '路径', '模式', '文章', '环节', '难题', '导向', '大事', '事', '工作', '不动摇', '支撑', '品牌', '经济', '融合', '行业', '产业', '板块', '定位', '主线', '中心', '功能', '区块'])})$`,
  'u',
);
const CLAUSE_END = /[，,；;。！？!?：:、\n\r"”」』)）]/u;

/** A unit followed by one of these characters begins a longer word: the match stops before the unit. */
const UNIT_CONTINUES: Record<string, string> = {
  人: '民才口大工员均数',
  家: '庭园乡属长电具',
  名: '单录牌片称',
  所: '得有在属需谓以',
  位: '于置列居次',
  次: '要级生',
  台: '阶账湾',
  头: '部',
  只: '要有是',
  部: '门署分',
  处: '理置',
  组: '织建成',
  类: '型别',
  种: '植养子',
  场: '景所地馆',
  年: '级轻度底初末',
  周: '年边期',
  天: '然',
  米: '粮',
  块: '钱',
  间: '隙',
  层: '次面级',
  段: '时',
  片: '区',
  户: '籍外',
  批: '准复示次',
  本: '地土级',
  条: '件例款',
  张: '力',
  届: '时',
  架: '构',
  款: '项',
  列: '入为车席',
};

function unitContinues(text: string, unit: string, next: number): boolean {
  const set = UNIT_CONTINUES[unit];
  return set !== undefined && next < text.length && set.includes(text[next]!);
}

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z]/.test(ch);
}

/** The text from `i` to the next clause break, at most `max` units. */
function tail(text: string, i: number, max: number): string {
  let j = i;
  while (j < text.length && j - i < max && !CLAUSE_END.test(text[j]!)) j++;
  return text.slice(i, j);
}

function atBreak(text: string, i: number): boolean {
  return i >= text.length || !isHan(text, i);
}

function arabic(text: string, out: Raw[]): void {
  for (const m of text.matchAll(ARABIC)) {
    const start = m.index;
    let end = start + m[0].length;
    const num = m[1]!;
    const unit = m[4];
    const mag = m[2] ?? m[5];
    const qualifier = m[7];
    const prev = text[start - 1];
    // Codes, ordinals, page and list numbers.
    if (prev === '第' || prev === '+' || prev === '/' || prev === '#' || prev === '_' || isAsciiLetter(prev)) continue;
    if (prev === '-' && !/[0-9]/.test(text[start - 2] ?? '')) continue;
    if (/[%％]/.test(num) && unit !== '%' && unit !== '％') continue;
    if (unit === undefined) {
      const next = text[end];
      if (next === '+' || next === '/' || isAsciiLetter(next)) continue;
      // A bare magnitude is an amount only at a clause end or with a qualifier (`人口达30万`).
      if (mag === undefined) continue;
      if (qualifier === undefined && !atBreak(text, end)) continue;
      out.push({ start, end, label: 'METRIC', rule: 'metric:number-magnitude' });
      continue;
    }
    const unitEnd = start + m[1]!.length + (m[2]?.length ?? 0) + (m[3]?.length ?? 0) + unit.length;
    // A unit that begins a longer word: keep the amount before it when it has a magnitude (30万人口 → 30万).
    if (unitContinues(text, unit, unitEnd)) {
      if (m[2] && (m[2] === '万' || m[2] === '亿' || m[2] === '万亿')) {
        out.push({ start, end: start + m[1]!.length + m[2].length, label: 'METRIC', rule: 'metric:number-magnitude' });
      }
      continue;
    }
    if (unit === '年') {
      const first = /^[0-9０-９]+/.exec(num)?.[0] ?? '';
      if (first.length === 4 && /^(?:19|20)/.test(first.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)))) continue;
    }
    if (unit === '周' && text[unitEnd] === '年') continue;
    const next = text[end];
    if (next === '+' || next === '/' || (isAsciiLetter(next) && !/^[A-Za-z]/.test(unit))) continue;
    if (qualifier === undefined) end = extendQualifier(text, end, unit);
    const rule = unit === '%' || unit === '％' || unit === '‰' || unit === '个百分点' ? 'metric:percent' : 'metric:number-unit';
    out.push({ start, end, label: 'METRIC', rule });
  }
}

/** 内 after a time or distance unit; 多/余 after the unit at a clause end. */
function extendQualifier(text: string, end: number, unit: string): number {
  const next = text[end];
  if (next === '内' && INNER_UNITS.has(unit) && !'容涵部外在心地'.includes(text[end + 1] ?? '')) return end + 1;
  if ((next === '多' || next === '余') && atBreak(text, end + 1)) return end + 1;
  return end;
}

const OPENERS = new Set(['"', '“', '「', '『']);
const CLOSERS_Q = new Set(['"', '”', '」', '』']);
const BREAKS = new Set(['，', ',', '；', ';', '。', '：', ':', '！', '？', '\n']);

/** Is [start, end) inside a short quotation (a slogan such as “三个十天”, “两个健康”)? */
function inShortQuote(text: string, start: number, end: number): boolean {
  let open = -1;
  for (let i = start - 1; i >= 0 && i >= start - 8; i--) {
    const ch = text[i]!;
    if (OPENERS.has(ch)) {
      open = i;
      break;
    }
    if (CLOSERS_Q.has(ch) || BREAKS.has(ch)) return false;
  }
  if (open < 0) return false;
  for (let i = end; i < text.length && i <= end + 8; i++) {
    const ch = text[i]!;
    if (CLOSERS_Q.has(ch)) return true;
    if (OPENERS.has(ch) || BREAKS.has(ch)) return false;
  }
  return false;
}

function chinese(text: string, out: Raw[]): void {
  for (const m of text.matchAll(CHINESE)) {
    const start = m.index;
    let end = start + m[0].length;
    const numeral = m[1]!;
    const unit = m[3]!;
    const qualifier = m[4];
    const prev = text[start - 1];
    if (!CN_DIGITS.test(numeral) && !/一.*[十百千万亿]|[十百千万亿].*一/u.test(numeral)) continue; // 一 alone, 一一, 千, 万
    if (CN_MAGNITUDE_ONLY.test(numeral)) continue;
    if (prev === '第' || prev === '周' || (prev !== undefined && OPEN_QUOTES.has(prev))) continue;
    if (prev !== undefined && NUMERAL_CHARS.has(prev)) continue;
    const unitEnd = start + numeral.length + (m[2]?.length ?? 0) + unit.length;
    if (unitContinues(text, unit, unitEnd)) continue;
    const after = text[unitEnd];
    if (after !== undefined && /[零〇一二两三四五六七八九十百千万亿]/u.test(after)) continue; // 三位一体
    if (unit === '年' && qualifier === undefined && !text.startsWith('时间', unitEnd)) continue; // 三年行动
    if (inShortQuote(text, start, end)) continue; // “三个十天”硬仗
    if (qualifier === undefined) {
      const rest = tail(text, unitEnd, 8);
      if (rest.length <= 6 && SLOGAN_TAIL.test(rest)) continue; // 三场大会战, 四个意识
      end = extendQualifier(text, end, unit);
    }
    out.push({ start, end, label: 'METRIC', rule: 'metric:chinese-numeral' });
  }
}

function magnitudeMoney(text: string, out: Raw[]): void {
  for (const m of text.matchAll(MAG_MONEY)) {
    const start = m.index;
    const prev = text[start - 1];
    if (prev !== undefined && NUMERAL_CHARS.has(prev)) continue;
    if (m[2] === undefined && !(prev !== undefined && MONEY_BEFORE.includes(prev))) continue;
    out.push({ start, end: start + m[0].length, label: 'METRIC', rule: 'metric:magnitude-money' });
  }
}

/** METRIC suggestions in UTF-16 units (used by the other suggesters). */
export function metricRaws(text: string): Raw[] {
  const found: Raw[] = [];
  arabic(text, found);
  chinese(text, found);
  magnitudeMoney(text, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Raw[] = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) {
      if (r.end - r.start > last.end - last.start) out[out.length - 1] = r;
      continue;
    }
    out.push(r);
  }
  return out;
}

export function suggestMetrics(text: string): Suggestion[] {
  return toSuggestions(text, metricRaws(text), new OffsetMap(text));
}
