// The METRIC value reader (issue #6 point 2) on real strings: the seed report and its gold METRIC spans,
// CLUENER and MSRA fixture sentences, and the examples of the issue.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMetric, type Qualifier } from '../../src/core/metric-value.ts';
import { RUNS } from './arbitraries.ts';

/** [value, unit, qualifier] for a metric; a pattern of the reason for a text that is not one. */
type Expected = [number, string, Qualifier] | RegExp;

const NO_NUMBER = /no number/;
const NOT_A_UNIT = /is not a unit or a qualifier/;
const YEAR = /is a year: a date/;
const DATE = /is a date, a time or a numbered name/;
const CODE = /is a code/;
const QUOTED = /in quotes: a name or a code/;
const BARE = /a number without a unit/;
const VAGUE = /a vague amount/;
const MALFORMED = /not a well-formed numeral/;

function check(text: string, expected: Expected) {
  const r = readMetric(text);
  if (expected instanceof RegExp) {
    expect(r.ok, `${text} should not be a metric`).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(expected);
  } else {
    expect(r, text).toEqual({ ok: true, metric: { value: expected[0], unit: expected[1], qualifier: expected[2] } });
  }
}

const seedText = readFileSync('seeds/changshan-2023-work-report-p11.txt', 'utf8');
const gold = JSON.parse(readFileSync('seeds/changshan-2023-work-report-p11.gold.jsonl', 'utf8').trim()) as {
  text: string;
  label: Array<[number, number, string]>;
};
const goldMetrics = gold.label.filter(([, , l]) => l === 'METRIC').map(([s, e]) => [...gold.text].slice(s, e).join(''));

const cluenerText = ['dev', 'train']
  .flatMap((f) => readFileSync(`tests/fixtures/cluener2020/${f}.json`, 'utf8').split('\n'))
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text)
  .join('\n');
// MSRA is one character per line with its tag; a blank line ends a sentence.
const msraText = readFileSync('tests/fixtures/msra_ner/msra_test_bio', 'utf8')
  .split('\n')
  .map((l) => (l.trim() ? l.split(/\s+/)[0] : '\n'))
  .join('');

describe('readMetric: the examples of issue #6', () => {
  it.each<[string, Expected]>([
    ['45亿元以上', [4500000000, '元', '>=']],
    ['3.5%以上', [0.035, '%', '>=']],
    ['18.5万元', [185000, '元', '=']],
    ['三个', [3, '个', '=']],
  ])('%s', (text, expected) => check(text, expected));
});

/** Every distinct gold METRIC string of the seed, with its reading. */
const SEED_METRICS: Array<[string, Expected]> = [
  ['1980亩以上', [1980, '亩', '>=']],
  ['600亩以上', [600, '亩', '>=']],
  ['亿元以上', [100000000, '元', '>=']], // GOLD M2: a bare 亿 is one 亿
  ['25个', [25, '个', '=']],
  ['45亿元以上', [4500000000, '元', '>=']],
  ['15家以上', [15, '家', '>=']],
  ['亿元', [100000000, '元', '=']],
  ['50家', [50, '家', '=']],
  ['6家以上', [6, '家', '>=']],
  ['1家', [1, '家', '=']],
  ['2家', [2, '家', '=']],
  ['18.5万元', [185000, '元', '=']],
  ['15个', [15, '个', '=']],
  ['2家以上', [2, '家', '>=']],
  ['15%', [0.15, '%', '=']],
  ['3.5%以上', [0.035, '%', '>=']],
  ['3个', [3, '个', '=']],
  ['115亿元', [11500000000, '元', '=']],
  ['115个', [115, '个', '=']],
  ['30%', [0.3, '%', '=']],
  ['50%以上', [0.5, '%', '>=']],
  ['30天内', [30, '天', '<=']],
  ['50天', [50, '天', '=']],
  ['60天', [60, '天', '=']],
  ['64个', [64, '个', '=']],
  ['5000万元以上', [50000000, '元', '>=']],
  ['20%', [0.2, '%', '=']],
  ['90%以上', [0.9, '%', '>=']],
  ['102个', [102, '个', '=']],
  ['100%', [1, '%', '=']],
  ['10%以上', [0.1, '%', '>=']],
  ['1次以上', [1, '次', '>=']],
  ['1个', [1, '个', '=']],
  ['20个', [20, '个', '=']],
  ['80万人次', [800000, '人次', '=']],
  ['7.5%', [0.075, '%', '=']],
  ['8%以上', [0.08, '%', '>=']],
  ['2个以上', [2, '个', '>=']],
  ['1家以上', [1, '家', '>=']],
  ['20亿元', [2000000000, '元', '=']],
  ['6000万元', [60000000, '元', '=']],
  ['15个以上', [15, '个', '>=']],
  ['400亿元', [40000000000, '元', '=']],
  ['18亿元', [1800000000, '元', '=']],
  ['14家', [14, '家', '=']],
  ['36家以上', [36, '家', '>=']],
  ['70%以上', [0.7, '%', '>=']],
  ['95%以上', [0.95, '%', '>=']],
];

/** Other strings of the seed: a METRIC with the word before it, and what GOLD M4 says is no METRIC. */
const SEED_OTHERS: Array<[string, Expected]> = [
  ['超115亿元', [11500000000, '元', '>=']],
  ['超400亿元', [40000000000, '元', '>=']],
  ['超亿元', [100000000, '元', '>=']],
  ['突破20亿元', [2000000000, '元', '>=']],
  ['突破6000万元', [60000000, '元', '>=']],
  ['最多50天', [50, '天', '<=']],
  ['增长15%', [0.15, '%', '=']],
  ['同比增长10%以上', [0.1, '%', '>=']],
  ['达3.5%以上', [0.035, '%', '>=']],
  ['达50家', [50, '家', '=']],
  ['2023年政府工作报告-20篇(第11/118页)', YEAR],
  ['"1+10+5"', CODE],
  ['"3115"', QUOTED],
  ['"248"', QUOTED],
  ['3A', CODE],
  ['三场大会战', NOT_A_UNIT],
  ['三套组合拳', NOT_A_UNIT],
  ['五链融合', NOT_A_UNIT],
  ['十链百企', NOT_A_UNIT],
  ['二期', NOT_A_UNIT],
  ['"三期"、"四期"现象', QUOTED],
  ['一号发展工程', DATE],
  ['"一把手"', QUOTED],
  ['四级会审', NOT_A_UNIT],
  ['"五个投资结构"', QUOTED],
  ['三年计划', NOT_A_UNIT],
  ['三年行动', NOT_A_UNIT],
  ['"十条"', QUOTED],
  ['两山', NOT_A_UNIT],
  ['两湾', NOT_A_UNIT],
  ['百县千碗', NOT_A_UNIT],
  ['新一轮', NO_NUMBER],
  ['全年', NO_NUMBER],
  ['一季度', DATE],
  ['半年度', NO_NUMBER],
  ['一批', VAGUE],
  ['工业强县', NO_NUMBER],
];

const CLUENER: Array<[string, Expected]> = [
  ['1000万元', [10000000, '元', '=']],
  ['5656万元', [56560000, '元', '=']],
  ['76%', [0.76, '%', '=']],
  ['1000欧元', [1000, '欧元', '=']],
  ['1000英镑', [1000, '英镑', '=']],
  ['1万港币', [10000, '港币', '=']],
  ['314件', [314, '件', '=']],
  ['50亿韩元', [5000000000, '韩元', '=']],
  ['2.4亿美元', [240000000, '美元', '=']],
  ['7个多月', [7, '个月', '>=']],
  ['70多年', [70, '年', '>=']],
  ['1500多人', [1500, '人', '>=']],
  ['3年之内', [3, '年', '<=']],
  ['1.14%', [0.0114, '%', '=']],
  ['27个基点', [0.0027, '基点', '=']],
  ['48.16万亿元', [48160000000000, '元', '=']],
  ['100元左右', [100, '元', '~']],
  ['18元/瓶', [18, '元/瓶', '=']],
  ['100多万吨', [1000000, '吨', '>=']],
  ['8至12个', [8, '个', '>=']],
  ['5到6小时', [5, '小时', '>=']],
  ['10余名', [10, '名', '>=']],
  ['16万平米', [160000, '平米', '=']],
  ['3.05米', [3.05, '米', '=']],
  ['65.17%', [0.6517, '%', '=']],
  ['180万至260万元', [1800000, '元', '>=']],
  ['7300~7400元', [7300, '元', '>=']],
  ['两三百公里', [200, '公里', '>=']],
  ['一万余元', [10000, '元', '>=']],
  ['4支队伍', [4, '支队伍', '=']],
  ['12个小时', [12, '个小时', '=']],
  ['94岁', [94, '岁', '=']],
  ['2008年', YEAR],
  ['07年', YEAR],
  ['12月', DATE],
  ['30日下午', DATE],
  ['8世纪', DATE],
  ['2比1', NOT_A_UNIT],
];

const MSRA: Array<[string, Expected]> = [
  ['１０００多名', [1000, '名', '>=']],
  ['９０多家', [90, '家', '>=']],
  ['３９％', [0.39, '%', '=']],
  ['２１１亿美元', [21100000000, '美元', '=']],
  ['１９个', [19, '个', '=']],
  ['８天', [8, '天', '=']],
  ['百分之九点八', [0.098, '%', '=']],
  ['八百多万个', [8000000, '个', '>=']],
  ['三十万个', [300000, '个', '=']],
  ['十亿美元', [1000000000, '美元', '=']],
  ['二十五名', [25, '名', '=']],
  ['三年多', [3, '年', '>=']],
  ['两名', [2, '名', '=']],
  ['五次', [5, '次', '=']],
  ['八项', [8, '项', '=']],
  ['数十亿美元', VAGUE],
  ['十几年', VAGUE],
  ['１９９７年', YEAR],
  ['二○一○年', YEAR],
  ['一九九七年', YEAR],
  ['２１世纪', DATE],
  ['七十年代', DATE],
  ['十一月七日', DATE],
  ['十五大', NOT_A_UNIT],
  ['一国两制', NOT_A_UNIT],
  ['两国', NOT_A_UNIT],
];

describe('readMetric: every gold METRIC of the seed reads', () => {
  it('loads 55 gold METRIC spans', () => expect(goldMetrics).toHaveLength(55));
  it.each(goldMetrics.map((t, i) => [i, t] as const))('gold METRIC #%i %s', (_, text) => {
    const r = readMetric(text);
    expect(r.ok, r.ok ? '' : r.reason).toBe(true);
  });
  it('has an explicit reading for each of them', () => {
    const listed = new Set(SEED_METRICS.map(([t]) => t));
    expect(goldMetrics.filter((t) => !listed.has(t))).toEqual([]);
  });
});

describe.each([
  ['seed METRIC', SEED_METRICS, seedText],
  ['seed other', SEED_OTHERS, seedText],
  ['CLUENER', CLUENER, cluenerText],
  ['MSRA', MSRA, msraText],
])('readMetric: %s strings', (_, cases, source) => {
  it.each(cases)('%s', (text, expected) => {
    expect(source.includes(text), `${text} is in the fixture`).toBe(true);
    check(text, expected);
  });
});

describe('readMetric: Chinese numerals', () => {
  it.each<[string, Expected]>([
    ['十二个', [12, '个', '=']],
    ['二十五家', [25, '家', '=']],
    ['一百二十项', [120, '项', '=']],
    ['一百零五个', [105, '个', '=']],
    ['一千零十个', [1010, '个', '=']],
    ['一千零五十个', [1050, '个', '=']],
    ['三千五百万元', [35000000, '元', '=']],
    ['一亿零五百万元', [105000000, '元', '=']],
    ['一万二千个', [12000, '个', '=']],
    ['一万二', [12000, '', '=']], // colloquial: the last digit counts in the next lower place
    ['两千万元', [20000000, '元', '=']],
    ['两万亩', [20000, '亩', '=']],
    ['三点五亿元', [350000000, '元', '=']],
    ['壹佰万元', [1000000, '元', '=']],
    ['三千瓦', [3, '千瓦', '=']],
    ['三五个', [3, '个', '>=']], // neighbouring digits are a range
    ['零个', [0, '个', '=']],
    ['十四五', MALFORMED],
    ['十七八岁', MALFORMED],
    ['亿亿亿', MALFORMED], // scales with nothing between (found by the property test below): only 万亿 is one
    ['亿万', MALFORMED],
    ['超万亿元', [1e12, '元', '>=']],
    ['一百二十', BARE],
  ])('%s', (text, expected) => check(text, expected));
});

describe('readMetric: scales, units and rates', () => {
  it.each<[string, Expected]>([
    ['1.2万', [12000, '', '=']],
    ['30万', [300000, '', '=']],
    ['过亿', [100000000, '', '>=']],
    ['5万千瓦', [50000, '千瓦', '=']],
    ['200万千瓦时', [2000000, '千瓦时', '=']],
    ['1,000万元', [10000000, '元', '=']],
    ['30余万元', [300000, '元', '>=']],
    ['5000人次', [5000, '人次', '=']],
    ['100平方米', [100, '平方米', '=']],
    ['12公里', [12, '公里', '=']],
    ['3万吨', [30000, '吨', '=']],
    ['500户', [500, '户', '=']],
    ['5kW', [5, 'kW', '=']],
    ['35微克/立方米', [35, '微克/立方米', '=']],
    ['百分之五', [0.05, '%', '=']],
    ['百分之五十以上', [0.5, '%', '>=']],
    ['五成', [0.5, '%', '=']],
    ['5‰', [0.005, '‰', '=']],
    ['2个百分点', [0.02, '百分点', '=']],
    ['0.1%', [0.001, '%', '=']],
    ['-5%', [-0.05, '%', '=']],
    ['3千', BARE],
    ['3115', BARE],
    ['5G', CODE],
    ['“1+10+5”工作体系', CODE],
    ['G60', CODE],
    ['11/118页', CODE],
  ])('%s', (text, expected) => check(text, expected));
});

describe('readMetric: qualifiers and ranges', () => {
  it.each<[string, Expected]>([
    ['超过45亿元', [4500000000, '元', '>=']], // strictly ">", but the type has no strict comparison
    ['不少于10个', [10, '个', '>=']],
    ['至少3家', [3, '家', '>=']],
    ['达到50%以上', [0.5, '%', '>=']],
    ['3年多', [3, '年', '>=']],
    ['不超过3天', [3, '天', '<=']],
    ['控制在3%以内', [0.03, '%', '<=']],
    ['5%以下', [0.05, '%', '<=']],
    ['低于1%', [0.01, '%', '<=']],
    ['30日内', [30, '日', '<=']],
    ['6.5%左右', [0.065, '%', '~']],
    ['约30万人', [300000, '人', '~']],
    ['近50家', [50, '家', '~']],
    ['约30万以上', [300000, '', '>=']], // a bound wins over "about"
    ['增长7%', [0.07, '%', '=']],
    ['6%-7%', [0.06, '%', '>=']], // a range reads as its lower bound…
    ['6-7%', [0.06, '%', '>=']],
    ['3至5个', [3, '个', '>=']],
    ['3-5万元', [30000, '元', '>=']],
    ['6个月至12个月', [6, '个月', '>=']],
    ['3-5天以内', [5, '天', '<=']], // …or its upper bound when 以内 bounds it
    ['7-6%', /runs downwards/],
    ['3个-5家', /a range from 个 to 家/],
    ['超过10%以内', /contradictory/],
    ['2021-2025年', YEAR],
    ['第一', /an ordinal/],
    ['第11', /an ordinal/],
    ['(一)', /a list number/],
    ['1、', /a list number/],
    ['', /empty/],
  ])('%s', (text, expected) => check(text, expected));
});

describe('readMetric: properties', () => {
  const units = ['个', '家', '项', '亩', '元', '天', '人次', '吨', '户', '人', '公里', '平方米', '千瓦时', '万千瓦'];
  it('reads `${n}${unit}` back as n (the scale of 万千瓦 into the value), and 以上 as >=', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...units), (n, unit) => {
        const scale = unit === '万千瓦' ? 10000 : 1;
        const plain = readMetric(`${n}${unit}`);
        expect(plain).toEqual({ ok: true, metric: { value: n * scale || 0, unit: unit.replace('万', ''), qualifier: '=' } });
        const above = readMetric(`${n}${unit}以上`);
        expect(above.ok && above.metric.qualifier).toBe('>=');
        expect(above.ok && above.metric.value).toBe(n * scale || 0);
      }),
      RUNS,
    );
  });

  it('reads decimals with a scale or a percent sign exactly (no float noise)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 99999 }), fc.integer({ min: 1, max: 99 }), (int, frac) => {
        const text = `${int}.${String(frac).padStart(2, '0')}`;
        const wan = readMetric(`${text}万元`);
        expect(wan.ok && wan.metric.value).toBe(Number(`${text}e4`));
        const pct = readMetric(`${text}%`);
        expect(pct.ok && pct.metric.value).toBe(Number(`${text}e-2`));
      }),
      RUNS,
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.%万亿千百十一二两三零个元以上内左右约超-至年第"'.split('')) }), (text) => {
        const r = readMetric(text);
        expect(r.ok ? typeof r.metric.value : typeof r.reason).toBe(r.ok ? 'number' : 'string');
        if (r.ok) expect(Number.isFinite(r.metric.value)).toBe(true);
      }),
      RUNS,
    );
  });
});
