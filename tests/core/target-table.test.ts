import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RELATION_TYPES,
  OffsetMap,
  contains,
  filterRows,
  metricValue,
  readMetric,
  sortRows,
  tableColumns,
  targetRows,
  targetTable,
  toCsv,
} from '../../src/core/index.ts';
import type { MetricValue, Relation, Span, TargetRow } from '../../src/core/index.ts';

const TEXT = [
  '今年主要预期目标是：地区生产总值增长7%左右。',
  '一、聚焦发展引擎升级，全力打赢三场大会战。',
  '（一）打赢工业强县大会战。实施新都片区全域工业土地综合整治，力争全年整治1980亩以上。全年完成工业投资45亿元以上，规上工业增加值增长8%，由县经信局负责。',
  '（二）打赢项目攻坚大会战。由县发改局牵头推进利安隆二期，配套新枫新材料，确保年底前竣工投产。',
  '二、坚持共同富裕。城镇居民人均可支配收入增长若干。',
].join('\n');
const DOC = { id: 'd1', title: '常山县2023年政府工作报告', text: TEXT };
const map = new OffsetMap(TEXT);

/** A span over the n-th occurrence of `needle` (code points, like everywhere). */
function span(id: string, label: string, needle: string, extra: Partial<Span> = {}, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = TEXT.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  const start = map.toCodePoint(at);
  const end = start + Array.from(needle).length;
  expect(map.slice(start, end)).toBe(needle);
  return { id, docId: 'd1', start, end, label, text: needle, ...extra };
}

const v = (value: number, unit: string, qualifier: MetricValue['qualifier']): MetricValue => ({ value, unit, qualifier });

const SPANS: Span[] = [
  span('t4', 'TARGET', '城镇居民人均可支配收入增长若干'),
  span('m4', 'METRIC', '若干'),
  span('t0', 'TARGET', '地区生产总值增长7%左右', { attributes: { deadline: '全年', kind: 'growth' } }),
  span('m0', 'METRIC', '7%左右', { value: v(0.07, '%', '~') }),
  span('p1', 'PROJECT', '新都片区全域工业土地综合整治'),
  span('t1', 'TARGET', '力争全年整治1980亩以上', { attributes: { kind: 'level', note: '手工' } }),
  span('m1', 'METRIC', '1980亩以上', { value: v(1980, '亩', '>=') }),
  span('t2', 'TARGET', '全年完成工业投资45亿元以上'),
  span('m2', 'METRIC', '45亿元以上', { value: v(4500000000, '元', '>=') }),
  span('m3', 'METRIC', '8%', { value: v(0.08, '%', '=') }),
  span('o2', 'ORG', '县经信局'),
  span('o1', 'ORG', '县发改局'),
  span('p2', 'PROJECT', '利安隆二期'),
  span('p3', 'PROJECT', '新枫新材料'),
  span('t3', 'TARGET', '确保年底前竣工投产', { attributes: { deadline: '年底', kind: 'completion' } }),
  // Another document's target: not a row of d1.
  { id: 'x', docId: 'd2', start: 0, end: 4, label: 'TARGET', text: '今年主要' },
];

let n = 0;
const rel = (type: string, fromId: string, toId: string, docId = 'd1'): Relation => ({ id: `r${n++}`, docId, type, fromId, toId });

const RELATIONS: Relation[] = [
  rel('measures', 'm2', 't2'), // nested and linked: linked
  rel('measures', 'm3', 't2'), // outside the target: linked
  rel('part_of', 'p1', 't1'),
  rel('part_of', 'p2', 't3'),
  rel('part_of', 'p3', 'p2'), // a project of a project: transitively the target's
  rel('carries_out', 'o1', 'p2'),
  rel('leads', 'o2', 't2'), // unknown to the default types: ignored
  rel('measures', 'm0', 'gone'), // missing end: ignored
  rel('measures', 'm1', 't2', 'd2'), // another document: ignored
  rel('measures', 'p1', 't0'), // a PROJECT cannot measure: ignored
];

const L1 = '一、聚焦发展引擎升级，全力打赢三场大会战';
const S1 = '（一）打赢工业强县大会战';
const S2 = '（二）打赢项目攻坚大会战';
const L2 = '二、坚持共同富裕';

describe('targetRows', () => {
  const rows = targetRows(DOC, SPANS, RELATIONS);
  const byId = (id: string) => rows.find((r) => r.targetId === id)!;

  it('gives one row per TARGET of the document, in document order', () => {
    expect(rows.map((r) => r.targetId)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    for (const r of rows) {
      expect(map.slice(r.start, r.end)).toBe(r.target);
      expect(r.docId).toBe('d1');
      expect(r.docTitle).toBe(DOC.title);
    }
  });

  it('gives the innermost section and the path of headings in force', () => {
    expect(rows.map((r) => [r.section, r.sectionPath])).toEqual([
      ['', ''],
      [S1, `${L1} › ${S1}`],
      [S1, `${L1} › ${S1}`],
      [S2, `${L1} › ${S2}`],
      [L2, L2],
    ]);
  });

  it('builds the full row of a target with a nested metric and a project', () => {
    expect(byId('t1')).toEqual({
      docId: 'd1',
      docTitle: DOC.title,
      section: S1,
      sectionPath: `${L1} › ${S1}`,
      sectionStart: map.toCodePoint(TEXT.indexOf(S1)),
      targetId: 't1',
      target: '力争全年整治1980亩以上',
      start: SPANS.find((s) => s.id === 't1')!.start,
      end: SPANS.find((s) => s.id === 't1')!.end,
      metrics: [{ spanId: 'm1', text: '1980亩以上', value: v(1980, '亩', '>='), how: 'nested' }],
      projects: [{ spanId: 'p1', text: '新都片区全域工业土地综合整治' }],
      orgs: [],
      attributes: { kind: 'level', note: '手工' },
    } satisfies TargetRow);
  });

  it('counts nested metrics without a relation, prefers linked, and adds linked ones from outside', () => {
    expect(byId('t2').metrics).toEqual([
      { spanId: 'm2', text: '45亿元以上', value: v(4500000000, '元', '>='), how: 'linked' },
      { spanId: 'm3', text: '8%', value: v(0.08, '%', '='), how: 'linked' },
    ]);
    expect(byId('t0').metrics).toEqual([{ spanId: 'm0', text: '7%左右', value: v(0.07, '%', '~'), how: 'nested' }]);
    // No value given and none readable: null.
    expect(byId('t4').metrics).toEqual([{ spanId: 'm4', text: '若干', value: null, how: 'nested' }]);
  });

  it('follows part_of (transitively) to projects and carries_out to organisations', () => {
    expect(byId('t3').projects.map((p) => p.spanId)).toEqual(['p2', 'p3']);
    expect(byId('t3').orgs).toEqual([{ spanId: 'o1', text: '县发改局' }]);
    expect(byId('t2').orgs).toEqual([]); // `leads` is not a known type
    expect(byId('t0').projects).toEqual([]);
  });

  it('adds organisations linked to the target itself by any known type, either direction', () => {
    const types = [...DEFAULT_RELATION_TYPES, { id: 'leads', zh: '负责', en: 'leads', from: ['ORG'], to: ['TARGET'] }];
    expect(targetRows(DOC, SPANS, RELATIONS, undefined, types).find((r) => r.targetId === 't2')!.orgs.map((o) => o.spanId)).toEqual(['o2']);
    const reversed = [...RELATIONS, rel('part_of', 't4', 'o1')];
    expect(targetRows(DOC, SPANS, reversed).find((r) => r.targetId === 't4')!.orgs.map((o) => o.spanId)).toEqual(['o1']);
  });

  it('lists no metric twice when several relations link it', () => {
    const twice = [...RELATIONS, rel('measures', 'm2', 't2')];
    expect(targetRows(DOC, SPANS, twice).find((r) => r.targetId === 't2')!.metrics.map((m) => m.spanId)).toEqual(['m2', 'm3']);
  });

  it('orders attributes: the declared ones first', () => {
    expect(Object.keys(byId('t0').attributes)).toEqual(['deadline', 'kind']);
    expect(byId('t4').attributes).toEqual({});
  });

  it('makes a table of several documents, matching spans by docId', () => {
    const other = { id: 'd2', title: '另一份', text: '今年主要目标' };
    const all = targetTable([DOC, other], SPANS, RELATIONS);
    expect(all.map((r) => `${r.docId}:${r.targetId}`)).toEqual(['d1:t0', 'd1:t1', 'd1:t2', 'd1:t3', 'd1:t4', 'd2:x']);
    expect(all.at(-1)!.metrics).toEqual([]); // the d2 relation names m1, which is no span of d2
  });

  it('takes a span value before readMetric', () => {
    expect(metricValue({ text: '45亿元以上', value: v(1, 'x', '=') })).toEqual(v(1, 'x', '='));
    // Without one, whatever readMetric reads (null when it cannot).
    const r = readMetric('45亿元以上');
    expect(metricValue({ text: '45亿元以上' })).toEqual(r.ok ? r.metric : null);
    expect(metricValue({ text: '若干' })).toBeNull();
  });
});

describe('toCsv', () => {
  const rows = targetRows(DOC, SPANS, RELATIONS);
  const csv = toCsv(rows);
  const lines = csv.slice(1).split('\r\n');

  it('has a BOM, CRLF line ends and a header with the attribute columns', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[0]).toBe(
      'document,section,section_path,target,start,end,metrics,metric_values,units,qualifiers,projects,organisations,doc_id,target_id,deadline,kind,note',
    );
  });

  it('joins several metrics with ； in the same order in every metric column', () => {
    const t2 = rows[2]!;
    expect(lines[3]).toBe(
      `${DOC.title},${S1},${L1} › ${S1},全年完成工业投资45亿元以上,${t2.start},${t2.end},45亿元以上；8%,4500000000；0.08,元；%,at_least；exact,,,d1,t2,,,`,
    );
    // A single value is a plain number; a metric without value leaves its places empty.
    expect(lines[2]).toContain(',1980亩以上,1980,亩,at_least,新都片区全域工业土地综合整治,,d1,t1,,level,手工');
    expect(lines[5]).toContain(',若干,,,,,,d1,t4,,,');
    expect(lines[4]).toContain(',,,,利安隆二期；新枫新材料,县发改局,d1,t3,年底,completion,');
  });

  it('quotes, guards formulas, and keeps negative numbers numeric', () => {
    const base = rows[1]!;
    const odd: TargetRow[] = [
      { ...base, docTitle: '报告,修订', target: '=1+1', metrics: [{ spanId: 'a', text: '下降5%', value: v(-5, '%', '='), how: 'nested' }] },
      { ...base, target: '"五链融合"', metrics: [base.metrics[0]!, { ...base.metrics[0]!, value: v(-0.5, '', '=') }].reverse() },
    ];
    const [, a, b] = toCsv(odd).slice(1).split('\r\n');
    expect(a!.startsWith(`"报告,修订",${S1},${L1} › ${S1},'=1+1,`)).toBe(true);
    expect(a).toContain(',下降5%,-5,%,exact,');
    expect(b).toContain(`,"""五链融合""",`);
    expect(b).toContain(`,'-0.5；1980,；亩,`);
  });
});

describe('sortRows and filterRows', () => {
  const rows = targetRows(DOC, SPANS, RELATIONS);
  const ids = (rs: TargetRow[]) => rs.map((r) => r.targetId);

  it('sorts by numbers, first metric value and counts, missing values last both ways', () => {
    expect(ids(sortRows(rows, 'start', 'desc'))).toEqual(['t4', 't3', 't2', 't1', 't0']);
    // Values: t0 0.07, t1 1980, t2 4.5e9, t3 none, t4 null.
    expect(ids(sortRows(rows, 'metric_values'))).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(ids(sortRows(rows, 'metric_values', 'desc'))).toEqual(['t2', 't1', 't0', 't3', 't4']);
    expect(ids(sortRows(rows, 'metric_count', 'desc'))).toEqual(['t2', 't0', 't1', 't4', 't3']);
    expect(ids(sortRows(rows, 'project_count', 'desc'))).toEqual(['t3', 't1', 't0', 't2', 't4']);
  });

  it('sorts text in Chinese (pinyin) order, stably', () => {
    // 城 chéng < 地 dì < 力 lì < 全 quán < 确 què
    expect(ids(sortRows(rows, 'target'))).toEqual(['t4', 't0', 't1', 't2', 't3']);
    expect(ids(sortRows(rows, 'target', 'desc'))).toEqual(['t3', 't2', 't1', 't0', 't4']);
    // 年底 nián < 全年 quán; t1, t2, t4 have no deadline: last, in their order.
    expect(ids(sortRows(rows, 'attribute:deadline'))).toEqual(['t3', 't0', 't1', 't2', 't4']);
    expect(ids(sortRows(rows, 'attribute:deadline', 'desc'))).toEqual(['t0', 't3', 't1', 't2', 't4']);
    // Ties keep the order they come in.
    const tie = rows.map((r) => ({ ...r, docTitle: r.targetId === 't3' ? '乙' : '甲' }));
    expect(ids(sortRows(sortRows(tie, 'start', 'desc'), 'document'))).toEqual(['t4', 't2', 't1', 't0', 't3']);
  });

  it('sorts sections in reading order, not in pinyin', () => {
    expect(ids(sortRows(rows, 'section'))).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(ids(sortRows(rows, 'section', 'desc'))).toEqual(['t4', 't3', 't1', 't2', 't0']);
    expect(rows.map((r) => r.sectionStart)).toEqual([-1, ...[S1, S1, S2, L2].map((h) => map.toCodePoint(TEXT.indexOf(h)))]);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, 'target', 'desc');
    expect(rows).toEqual(copy);
  });

  it('filters by words in target, section, document, metrics, projects and organisations', () => {
    expect(ids(filterRows(rows, '亿元'))).toEqual(['t2']);
    expect(ids(filterRows(rows, '工业强县'))).toEqual(['t1', 't2']); // section
    expect(ids(filterRows(rows, '三场大会战'))).toEqual(['t1', 't2', 't3']); // the level-1 heading above
    expect(ids(filterRows(rows, '新枫'))).toEqual(['t3']); // a project of a project
    expect(ids(filterRows(rows, '发改局'))).toEqual(['t3']);
    expect(ids(filterRows(rows, '常山县'))).toHaveLength(5);
    expect(ids(filterRows(rows, '全年 1980'))).toEqual(['t1']);
    expect(ids(filterRows(rows, '  '))).toHaveLength(5);
    expect(ids(filterRows(rows, '没有'))).toEqual([]);
    // Case and width folded: ＧＤＰ, gdp.
    const gdp = [{ ...rows[0]!, target: 'ＧＤＰ增长7%左右' }];
    expect(filterRows(gdp, 'gdp')).toHaveLength(1);
  });

  it('restricts by hasMetric, hasProject and hasOrg', () => {
    expect(ids(filterRows(rows, { hasMetric: false }))).toEqual(['t3']);
    expect(ids(filterRows(rows, { hasProject: true }))).toEqual(['t1', 't3']);
    expect(ids(filterRows(rows, { text: '全年', hasProject: false }))).toEqual(['t2']);
    expect(ids(filterRows(rows, { hasOrg: true }))).toEqual(['t3']);
  });

  it('offers a column for every sort key it names', () => {
    const cols = tableColumns();
    for (const c of cols) if (c.sortKey) expect(() => sortRows(rows, c.sortKey!)).not.toThrow();
    expect(cols.map((c) => c.id).slice(-2)).toEqual(['deadline', 'kind']);
  });
});

describe('on the seed', () => {
  const gold = JSON.parse(readFileSync(new URL('../../seeds/changshan-2023-work-report-p11.gold.jsonl', import.meta.url), 'utf8').split('\n')[0]!) as {
    id: string;
    title: string;
    text: string;
    label: [number, number, string][];
  };
  const seedMap = new OffsetMap(gold.text);
  const spans: Span[] = gold.label.map(([start, end, label], i) => ({ id: `s${i}`, docId: gold.id, start, end, label, text: seedMap.slice(start, end) }));
  const rows = targetRows(gold, spans, []);

  it('gives one row per gold TARGET, each under a section, with its nested METRICs', () => {
    const targets = spans.filter((s) => s.label === 'TARGET');
    expect(rows).toHaveLength(targets.length);
    expect(rows.map((r) => r.targetId).sort()).toEqual(targets.map((t) => t.id).sort());
    let withMetric = 0;
    for (const r of rows) {
      expect(r.section).not.toBe('');
      const inside = spans.filter((s) => s.label === 'METRIC' && contains(r, s));
      expect(r.metrics.map((m) => m.spanId).sort()).toEqual(inside.map((s) => s.id).sort());
      expect(r.metrics.every((m) => m.how === 'nested')).toBe(true);
      if (inside.length > 0) withMetric++;
      expect(r.projects).toEqual([]);
    }
    expect(withMetric).toBeGreaterThan(0);
    const t = rows.find((r) => r.target === '力争全年整治1980亩以上')!;
    expect(t.metrics.map((m) => m.text)).toEqual(['1980亩以上']);
    expect(t.section).toBe('(一)打赢工业强县大会战');
    expect(t.sectionPath).toBe('--聚焦发展引擎升级,全力打赢三场大会战 › (一)打赢工业强县大会战');
  });

  it('writes a CSV with one record per target', () => {
    expect(toCsv(rows).slice(1).split('\r\n')).toHaveLength(rows.length + 2);
  });
});
