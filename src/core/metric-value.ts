/**
 * Reading a METRIC span's text into a value: number, unit and qualifier (issue #6). The reader takes the
 * span as the guidelines cut it — amount, unit and the qualifiers written after it (`1980亩以上`, `30天内`)
 * — and, because people also type amounts into the command line, the comparative or neutral word that
 * may stand before it (`超过45亿元`, `增长7%`, `控制在3%以内`).
 *
 * What it accepts, in order: [prefix] [百分之] number [余/多] [scale] [余/多] [unit] [suffix…], where
 *  - number: Arabic (full-width too, `1,000` groups, decimals, a leading minus) or Chinese (一二三…十百千万亿,
 *    两, 〇/○/零, financial 壹贰…, 三点五, positional 二〇二三, colloquial 一万二 = 12000). A bare scale is one of
 *    it: `亿元以上` is 1亿元 or more, `超亿元` (GOLD M2) is the same kind of threshold;
 *  - scale: 十 百 千 万 亿 and the usual pairs (千万, 万亿…). It goes into the value, never into the unit:
 *    45亿元 → 4500000000 元, 5万千瓦 → 50000 千瓦, 80万人次 → 800000 人次;
 *  - unit: a closed list (money, area, length, mass, energy, counts, time). An open "whatever follows"
 *    would read names as amounts (`三场大会战`, `五链融合`), so an unknown word makes the text no metric;
 *  - rates are fractions so that they compare and sum as numbers: 3.5% → 0.035 `%`, 百分之五 → 0.05 `%`,
 *    五成 → 0.5 `%` (a tenth), 5‰ → 0.005 `‰`, 2个百分点 → 0.02 `百分点` (a difference of rates, kept apart).
 * Qualifiers: the type has no strict comparisons, and reports use 超过/突破/超 as thresholds just like 以上,
 * so they read `>=`; likewise 低于/不到 read `<=`. 余/多 (`20余家`, `3年多`) say "more than" → `>=`. 约/近/左右
 * → `~` (近 is "nearly": an estimate, not a bound). Neutral verbs (增长, 达到, 新增…) give `=`. A bound wins
 * over `~` (约30万以上 → `>=`); `>=` with `<=` is refused as contradictory.
 * Ranges (6%-7%, 3至5个, 180万至260万元, 3-5万元 where the scale and unit of the end apply to the start,
 * 两三百公里 with neighbouring digits):
 * a report's range is a commitment to at least its lower end, so it reads as the lower bound with `>=`,
 * or as the upper bound with `<=` when 以内/以下/不超过 bound it. A range that runs downwards is refused.
 * Not metrics, each with a reason: no number (`全年`), ordinals and list numbers (`第一`, `(一)`), codes
 * (`"1+10+5"`, `3A`, `5G`), years and dates (`2023年` — a year is a date, not 2023 years —, `7月`, `一季度`),
 * numerals that are names (`十四五`, `三场大会战`), vague amounts (`一批`, `数十亿`, `十几年`), and a bare
 * number without unit or 万/亿 scale (`3115` is a code as often as an amount).
 * Values are computed from decimal strings and powers of ten (`18.5e4`), so 18.5万 is exactly 185000
 * and 3.5% exactly 0.035, with no float noise to round away.
 */

/** `>=` for 以上/超过/突破…, `<=` for 以内/不超过…, `~` for 左右/约…, `=` otherwise. */
export type Qualifier = '>=' | '<=' | '~' | '=';

export interface MetricValue {
  /** The number with scales applied (万, 亿) and percentages as fractions: 3.5% → 0.035. */
  value: number;
  /** The unit without scale: 45亿元 → 元; `%` for per cent; '' when there is none. */
  unit: string;
  qualifier: Qualifier;
}

export type MetricReading = { ok: true; metric: MetricValue } | { ok: false; reason: string };

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
/** Powers of ten of the Chinese units: 十百千 inside a section, 万亿 between sections. */
const SMALL: Record<string, number> = { 十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3 };
const BIG: Record<string, number> = { 万: 4, 萬: 4, 亿: 8 };
/** Scales after a number; shortest first, so that a unit beginning with one (千瓦, 千克) is tried first. */
const SCALES: Array<[string, number]> = [
  ['', 0], ['十', 1], ['百', 2], ['千', 3], ['万', 4], ['亿', 8],
  ['十万', 5], ['百万', 6], ['千万', 7], ['十亿', 9], ['百亿', 10], ['千亿', 11], ['万亿', 12],
];

// Kept here rather than shared with src/suggest/lexicon.ts: core depends on nothing, and the reader also
// has to accept units a user tagged that the suggester deliberately leaves out (度, 瓦, 克).
const COUNTS =
  '个 家 项 件 所 座 条 处 台 套 辆 艘 架次 架 名 位 人次 户次 人 户 列 次 场次 场 批 篇 部 本 册 张 间 栋 幢 根 株 棵 盏 头 只 ' +
  '羽 支队伍 支 组 届 种 类 款 宗 例 份 片 块 段 层 床 孔 轮 标箱 倍';
const MEASURES =
  '元 美元 欧元 港元 港币 日元 韩元 英镑 平方公里 平方千米 平方米 平米 公顷 亩 公里 千米 米 厘米 立方米 吨标准煤 吨标煤 吨 ' +
  '公斤 千克 克 毫克 微克 斤 升 千瓦时 千瓦 兆瓦 吉瓦 瓦 千伏 度 kWh kW MW GW km km² m² m³ 个工作日 工作日 个月 个小时 小时 分钟 秒 天 日 周 年 岁';
/** Written unit → [unit reported, power of ten applied]: rates become fractions. */
const UNITS = new Map<string, [string, number]>([
  ...`${COUNTS} ${MEASURES}`.split(' ').map((u): [string, [string, number]] => [u, [u, 0]]),
  ['%', ['%', -2]], ['‰', ['‰', -3]], ['个百分点', ['百分点', -2]], ['百分点', ['百分点', -2]],
  ['个基点', ['基点', -4]], ['基点', ['基点', -4]], ['成', ['%', -1]],
]);
const UNIT_KEYS = [...UNITS.keys()].sort((a, b) => b.length - a.length);

const PREFIXES = new Map<string, Qualifier>([
  ...['不少于', '不低于', '不下于', '至少', '最少', '超过', '超出', '突破', '高于', '大于', '多于', '逾', '超', '过', '破'].map((w): [string, Qualifier] => [w, '>=']),
  ...['不超过', '不高于', '不大于', '不多于', '控制在', '最多', '至多', '低于', '少于', '小于', '不到', '不足'].map((w): [string, Qualifier] => [w, '<=']),
  ...['约为', '大约', '大概', '将近', '接近', '约', '近'].map((w): [string, Qualifier] => [w, '~']),
  ...['同比增长', '年均增长', '同比下降', '同比', '增长', '增加', '提高', '提升', '下降', '降低', '减少', '新增', '累计', '共计', '合计', '总计', '达到', '达', '实现', '完成', '共', '为']
    .map((w): [string, Qualifier] => [w, '=']),
]);
const PREFIX_KEYS = [...PREFIXES.keys()].sort((a, b) => b.length - a.length);
const SUFFIXES = new Map<string, Qualifier>([
  ['及以上', '>='], ['以上', '>='], ['有余', '>='], ['多', '>='], ['余', '>='],
  ['及以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='], ['内', '<='],
  ['左右', '~'], ['上下', '~'], ['前后', '~'],
]);
const SUFFIX_KEYS = [...SUFFIXES.keys()].sort((a, b) => b.length - a.length);
const RANGE_SEPARATORS = ['-', '~', '—', '–', '至', '到'];
/** What follows a number in a date, a time or a numbered name: `7月`, `10时`, `21世纪`, `一季度`, `一号`. */
const DATE_AFTER = /^(?:月|日(?!以?内)|号|时|点|世纪|年代|年[底末初度]|季度|周年)/u;

interface Parse {
  mantissa: string;
  /** Powers of ten of the scale (万 → 4) and of the unit (% → -2). */
  scaleExp: number;
  unitExp: number;
  unit: string;
  quals: Qualifier[];
  /** The lower and upper bound of a range, when the text is one. */
  range?: [Parse, Parse];
}
/** A failed reading remembers how far it got: the reading that got furthest gives the reason. */
type Failure = { ok: false; at: number; reason: string };
type Attempt = { ok: true; parse: Parse } | Failure;

function failure(at: number, reason: string): Failure {
  return { ok: false, at, reason };
}

/**
 * A Chinese numeral as an integer, or null when it is not well formed (十四五, 三五, 一千百). `colloquial`
 * allows 三千五 = 3500, but not in a part of a longer run, where 三千五|百万 would make 3500 × 10⁶.
 */
function chineseInteger(chars: string[], colloquial = true): number | null {
  if (chars.every((c) => c in DIGIT)) {
    // Digit by digit when a zero or the length shows the writing is positional (二〇二三, 一九九七); 三五
    // means "three or five".
    if (chars.length === 1) return DIGIT[chars[0]!]!;
    return chars.length > 2 || chars.some((c) => DIGIT[c] === 0) ? Number(chars.map((c) => DIGIT[c]).join('')) : null;
  }
  let total = 0, section = 0, lastSmall = 4, lastUnit = 0, zero = false, afterWan = false;
  let digit: number | null = null;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const d = DIGIT[c], s = SMALL[c], b = BIG[c];
    if (d !== undefined) {
      if (digit !== null && digit !== 0) return null;
      digit = d;
      zero ||= d === 0;
    } else if (s !== undefined) {
      // A unit needs its digit (一百), except at the start (十二, 百) and 十 after a zero (一千零十).
      const coef = digit === null ? (i === 0 ? 1 : null) : digit === 0 ? (s === 1 ? 1 : null) : digit;
      if (coef === null || s >= lastSmall) return null;
      section += coef * 10 ** s;
      [lastSmall, lastUnit, digit, zero] = [s, s, null, false];
    } else if (b !== undefined) {
      let block = section + (digit ?? 0);
      if (block === 0 && i === 0) block = 1;
      // Nothing between two scales: only 万亿 (a trillion) is a number; 亿亿, 亿万 are not.
      if (block === 0 && i > 0 && !(b === 8 && lastUnit === 4)) return null;
      if (b === 8) [total, afterWan] = [(total + block) * 1e8, false];
      else if (afterWan) return null;
      else [total, afterWan] = [total + block * 1e4, true];
      [section, lastSmall, lastUnit, digit, zero] = [0, 4, b, null, false];
    } else return null;
  }
  if (!colloquial && digit === 0) return null; // 一千零|十 is not 1000 × 10
  // 一百二 is 120 and 一万二 is 12000: a last digit straight after a unit counts in the next lower place.
  if (digit !== null && digit !== 0 && !zero && lastUnit >= 2) return colloquial ? total + section + digit * 10 ** (lastUnit - 1) : null;
  return total + section + (digit ?? 0);
}

/**
 * The numbers that may start at i, shortest first (the rest of the text decides: 三千瓦 is 3 千瓦), as
 * [mantissa, end, whether a scale may follow]; `malformed` names a run of Chinese numerals that is no
 * number as a whole (十四五). A scale after part of a run would misread it: 一千零五|十, 一亿零五百|万.
 */
function numbers(s: string, i: number): { found: Array<[string, number, boolean]>; malformed?: string } {
  const arabic = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/.exec(s.slice(i));
  if (arabic) return { found: [[arabic[1]!.replaceAll(',', '') + (arabic[2] ?? ''), i + arabic[0].length, true]] };
  const run = /^[零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿]+/u.exec(s.slice(i))?.[0] ?? '';
  const chars = [...run];
  const whole = run ? chineseInteger(chars) : null;
  const malformed = run && whole === null ? run : undefined;
  const frac = /^点([零〇○一二三四五六七八九]+)/u.exec(s.slice(i + run.length));
  if (frac) {
    const digits = [...frac[1]!].map((c) => DIGIT[c]).join('');
    return { found: whole === null ? [] : [[`${whole}.${digits}`, i + run.length + frac[0].length, true]], malformed };
  }
  const found: Array<[string, number, boolean]> = [];
  for (let k = 1; k <= chars.length; k++) {
    const n = chineseInteger(chars.slice(0, k), k === chars.length);
    if (n !== null) found.push([String(n), i + chars.slice(0, k).join('').length, k === chars.length]);
  }
  return { found, malformed };
}

function startsAt(s: string, i: number, words: string[]): string[] {
  return words.filter((w) => s.startsWith(w, i));
}

/** An amount from i to the end of s; `inRange` when it is the upper end of a range. */
function amount(s: string, i: number, percentWord: boolean, inRange: boolean): Attempt {
  const { found, malformed } = numbers(s, i);
  if (found.length === 0 && !malformed) return failure(i, `no number in "${s}"`);
  let best = failure(i, '');
  for (const [mantissa, afterNumber, scalable] of found) {
    const attempt = afterAmount(s, i, mantissa, afterNumber, scalable, percentWord, inRange);
    if (attempt.ok) return attempt;
    if (attempt.at > best.at || !best.reason) best = attempt;
  }
  return malformed && best.at < s.length ? failure(best.at, `"${malformed}" is not a well-formed numeral (a name such as 十四五, or digits run together)`) : best;
}

function afterAmount(s: string, start: number, mantissa: string, j0: number, scalable: boolean, percentWord: boolean, inRange: boolean): Attempt {
  const numberText = s.slice(start, j0);
  // 2023年 and 二〇二三年 are years, and so is 07年 (2007): nobody writes a duration with a leading zero.
  if (s.startsWith('年', j0) && /^\d+$/.test(mantissa) && ((+mantissa >= 1900 && +mantissa <= 2099) || /^0\d$/.test(numberText)))
    return failure(s.length, `"${numberText}年" is a year: a date, not an amount`);
  if (DATE_AFTER.test(s.slice(j0))) return failure(s.length, `"${s.slice(start)}" is a date, a time or a numbered name, not an amount`);
  let best = failure(j0, '');
  const approx = (j: number): number => (s[j] === '余' || s[j] === '多' ? j + 1 : j);
  const j1 = approx(j0);
  for (const [scale, scaleExp] of SCALES) {
    if (!s.startsWith(scale, j1) || (scale && !scalable)) continue;
    const j = scale && j1 === j0 ? approx(j1 + scale.length) : j1 + scale.length;
    const quals: Qualifier[] = j1 > j0 || (scale && j > j1 + scale.length) ? ['>='] : [];
    for (const written of percentWord ? [''] : [...startsAt(s, j, UNIT_KEYS), '']) {
      const [unitName, unitExp] = percentWord ? ['%', -2] : (UNITS.get(written) ?? ['', 0]);
      let k = j + written.length;
      let unit = unitName;
      // Per-unit amounts: 18元/瓶, 3000元/平方米, 35微克/立方米.
      const per = written && s[k] === '/' ? (startsAt(s, k + 1, UNIT_KEYS)[0] ?? /^\p{Script=Han}/u.exec(s.slice(k + 1))?.[0]) : undefined;
      if (per) [unit, k] = [`${unit}/${per}`, k + 1 + per.length];
      if (!inRange && RANGE_SEPARATORS.includes(s[k] ?? '')) {
        const upper = amount(s, k + 1, percentWord, true);
        if (!upper.ok) {
          if (upper.at > best.at) best = upper;
          continue;
        }
        // 3-5万元, 6-7%, 180万至260万元: a start without scale or unit takes those of the end.
        const u = upper.parse;
        const lower: Parse = {
          mantissa, quals: [],
          scaleExp: scale ? scaleExp : u.scaleExp,
          ...(written ? { unit, unitExp } : { unit: u.unit, unitExp: u.unitExp }),
        };
        if (lower.unit !== u.unit) return failure(s.length, `"${s.slice(start)}" is a range from ${lower.unit} to ${u.unit}`);
        return { ok: true, parse: { ...u, quals: [...quals, ...u.quals], range: [lower, u] } };
      }
      const q = [...quals];
      for (let n = 0; n < 2 && k < s.length; n++) {
        const suffix = startsAt(s, k, SUFFIX_KEYS)[0];
        if (suffix === undefined) break;
        [k, q[q.length]] = [k + suffix.length, SUFFIXES.get(suffix)!];
      }
      if (k === s.length) {
        if (!unit && !/[万萬亿]/u.test(numberText + scale))
          return failure(s.length, `"${s.slice(start)}" is a number without a unit (a code, an ordinal or a count of nothing)`);
        return { ok: true, parse: { mantissa, scaleExp, unitExp, unit, quals: q } };
      }
      if (k > best.at || !best.reason) {
        const rest = s.slice(k);
        const reason = /^[A-Za-z/]/.test(rest)
          ? `"${s.slice(start)}" is a code, a model or a page number, not an amount`
          : `"${rest}" after "${s.slice(start, k)}" is not a unit or a qualifier`;
        best = failure(k, reason);
      }
    }
  }
  return best;
}

/** Qualifiers of the prefix, the 余/多 and the suffixes as one: a bound wins over `~`, two bounds must agree. */
function combine(quals: Qualifier[]): Qualifier | null {
  const bounds = new Set(quals.filter((q) => q === '>=' || q === '<='));
  if (bounds.size > 1) return null;
  return [...bounds][0] ?? (quals.includes('~') ? '~' : '=');
}

export function readMetric(text: string): MetricReading {
  const raw = text.replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/gu, '');
  const no = (reason: string): MetricReading => ({ ok: false, reason });
  if (/^(?:\([\d一二三四五六七八九十]+\)|[\d一二三四五六七八九十]+[、)]|\d+\.(?!\d))/u.test(raw)) return no(`"${raw}" is a list number, not an amount`);
  const s = raw
    .replace(/^[,;:、。!?]+|[,;:、。!?]+$/gu, '')
    .replace(/个([多余])(月|小时|工作日)/u, '个$2$1') // 7个多月 is 7个月多: more than seven months
    // Two neighbouring digits are a range: 两三百公里 is 两百至三百公里, 三五个 is 三至五个.
    .replace(/(?<![零〇○一二两三四五六七八九十百千])([一二两三四五六七八])([二两三四五六七八九])([十百千万亿]*)(?![零〇○一二三四五六七八九])/u,
      (m, a: string, b: string, scale: string) => (DIGIT[b]! - DIGIT[a]! === 1 || a + b === '三五' ? `${a}${scale}至${b}${scale}` : m));
  if (s === '') return no('empty text');
  if (s.startsWith('第')) return no(`"${s}" is an ordinal, not an amount`);
  if (/[#=]|\d\+|[A-Za-z]\d/u.test(s)) return no(`"${s}" is a code, a model or a rating, not an amount`);
  if (/^["“‘「『']/u.test(s)) return no(`${s} is in quotes: a name or a code, not an amount`);
  if (/^(?:数[十百千万亿]|几|若干|一些|一系列|一大?批)|[十百千万亿]几|几[十百千万亿]/u.test(s)) return no(`"${s}" is a vague amount`);
  let i = 0;
  const quals: Qualifier[] = [];
  for (let word = startsAt(s, i, PREFIX_KEYS)[0], n = 0; word !== undefined && n < 3; word = startsAt(s, i, PREFIX_KEYS)[0], n++)
    [i, quals[quals.length]] = [i + word.length, PREFIXES.get(word)!];
  const sign = /^[-−+]/u.test(s.slice(i)) ? s[i++] : '';
  const percentWord = s.startsWith('百分之', i);
  const attempt = amount(s, percentWord ? i + 3 : i, percentWord, false);
  if (!attempt.ok) return no(attempt.reason || `"${s}" is not an amount`);
  const p = attempt.parse;
  let qualifier = combine([...quals, ...p.quals]);
  if (qualifier === null) return no(`"${s}" has contradictory qualifiers`);
  const number = (b: Parse): number => Number(`${sign === '+' ? '' : sign ? '-' : ''}${b.mantissa}e${b.scaleExp + b.unitExp}`);
  let bound: Parse = p;
  if (p.range) {
    if (number(p.range[0]) > number(p.range[1])) return no(`"${s}" is a range that runs downwards`);
    [bound, qualifier] = qualifier === '<=' ? [p.range[1], '<='] : [p.range[0], '>='];
  }
  const value = number(bound);
  return { ok: true, metric: { value: Object.is(value, -0) ? 0 : value, unit: bound.unit, qualifier } };
}
