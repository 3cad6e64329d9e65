// Relations through the formats that hold them (doccano, brat, Label Studio): written then read back
// they are the same relations between the same spans; dangling ends are errors naming file, line and
// field; what Zhengbiao cannot hold is left out with a note (import) or a report line (export).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/core/relations.ts';
import type { Span } from '../../src/core/spans.ts';
import { readBrat } from '../../src/formats/brat.ts';
import { parseDoccano, serializeDoccano } from '../../src/formats/doccano.ts';
import { parseLabelStudio, serializeLabelStudio } from '../../src/formats/label-studio.ts';
import { formatById, formatErrorMessage, type DataFile, type DatasetDocument, type ExportDocument, type FormatError, type ParseResult } from '../../src/formats/index.ts';

/** Oracle independent of src/core: code points as Array.from sees them. */
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

function cpFind(text: string, needle: string): [number, number] {
  const cps = Array.from(text);
  const n = Array.from(needle);
  for (let i = 0; i + n.length <= cps.length; i++) if (n.every((c, k) => cps[i + k] === c)) return [i, i + n.length];
  throw new Error(`${needle} not in text`);
}

function documents(r: ParseResult): DatasetDocument[] {
  if (!r.ok) throw new Error('expected success, got:\n' + r.errors.map(formatErrorMessage).join('\n'));
  return r.documents;
}

function errors(r: ParseResult): FormatError[] {
  if (r.ok) throw new Error('expected errors, got ' + JSON.stringify(r.documents));
  return r.errors;
}

const lineOf = (content: string, needle: string) => content.split('\n').findIndex((l) => l.includes(needle)) + 1;

const spanKey = (s: { start: number; end: number; label: string }) => `${s.label} [${s.start}, ${s.end})`;

/** The relations of read documents as a set of `type: from span → to span`, per document. */
const readRelations = (docs: DatasetDocument[]) =>
  docs.map((d) => new Set((d.relations ?? []).map((r) => `${r.type}: ${spanKey(d.spans[r.from]!)} → ${spanKey(d.spans[r.to]!)}`)));

/** The same for export documents (relations by span id). */
const writtenRelations = (docs: ExportDocument[]) =>
  docs.map((d) => {
    const byId = new Map(d.spans.map((s) => [s.id, s]));
    return new Set((d.relations ?? []).map((r) => `${r.type}: ${spanKey(byId.get(r.fromId)!)} → ${spanKey(byId.get(r.toId)!)}`));
  });

// ---------------------------------------------------------------------------------------------------
// Documents: a METRIC inside a TARGET, and relations of the default types plus custom ones.

const TEXT1 = '常山县政府实施利安隆二期项目，力争全年地区生产总值增长6%以上，新增就业1200人。';
const TEXT2 = '𠀀市推进\n城北片区改造😀，全年完成投资5亿元。';

function build(id: string, title: string, text: string, spans: [string, string, string][], rels: [string, string, string][]): ExportDocument {
  const made: Span[] = spans.map(([key, needle, label]) => {
    const [start, end] = cpFind(text, needle);
    return { id: `${id}-${key}`, docId: id, start, end, label, text: cpSlice(text, start, end) };
  });
  const relations: Relation[] = rels.map(([type, from, to], k) => ({ id: `${id}-r${k}`, docId: id, type, fromId: `${id}-${from}`, toId: `${id}-${to}` }));
  return { id, title, text, spans: made, relations };
}

const DOCS = (): ExportDocument[] => [
  build(
    'd1',
    '常山县 2023',
    TEXT1,
    [
      ['org', '常山县政府', 'ORG'],
      ['project', '利安隆二期项目', 'PROJECT'],
      ['target', '力争全年地区生产总值增长6%以上', 'TARGET'],
      ['metric', '6%以上', 'METRIC'],
      ['target2', '新增就业1200人', 'TARGET'],
      ['metric2', '1200人', 'METRIC'],
    ],
    [
      ['measures', 'metric', 'target'],
      ['measures', 'metric2', 'target2'],
      ['carries_out', 'org', 'project'],
      ['part_of', 'project', 'target'],
      ['supports', 'project', 'target2'], // a custom type
    ],
  ),
  build(
    'd2',
    '城北',
    TEXT2,
    [
      ['project', '城北片区改造', 'PROJECT'],
      ['target', '全年完成投资5亿元', 'TARGET'],
      ['metric', '5亿元', 'METRIC'],
      ['org', '𠀀市', 'ORG'],
      ['span', '推进\n城北', 'TARGET'], // a line break inside (brat writes it as two fragments)
    ],
    [
      ['measures', 'metric', 'target'],
      ['part_of', 'project', 'target'],
      ['carries_out', 'org', 'project'],
      ['推动', 'org', 'span'], // a custom type with a Chinese name
    ],
  ),
  build('d3', 'no relations', '只有文字。', [['a', '文字', 'TARGET']], []),
];

const FORMATS = ['doccano', 'brat', 'label-studio'] as const;

describe('round trip: written then read back, the same relations between the same spans', () => {
  for (const id of FORMATS) {
    it(id, () => {
      const format = formatById(id)!;
      expect(format.relations).toBe(true);
      const docs = DOCS();
      const out = format.write(docs, { baseName: 'rel' });
      const read = format.read!(out.files);
      const back = documents(read);
      expect(back.map((d) => d.text)).toEqual(docs.map((d) => d.text));
      expect(readRelations(back)).toEqual(writtenRelations(docs));
      expect(readRelations(back)[0]!.has('measures: METRIC [27, 31) → TARGET [15, 31)')).toBe(true);
      expect(back[2]!).not.toHaveProperty('relations'); // none: the key is left out
      expect(read.notes?.filter((n) => !n.endsWith('annotation.conf: brat configuration, not read (the labels come from the .ann files)')) ?? []).toEqual([]);
      // Only brat has something to say: a span over a line break, and a conf that cannot name a Chinese type.
      expect(out.report).toEqual(
        id === 'brat'
          ? [
              'document "城北": span TARGET [2, 7) "推进\\n城北" contains a line break: written as 2 fragments (2 4;5 7); Zhengbiao reads it back as one span',
              'relation type "推动": brat reads annotation.conf type names as [A-Za-z0-9_-] only, so an unpatched brat shows it as an unconfigured type (the .ann keeps it as it is)',
            ]
          : [],
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// doccano

describe('doccano relations', () => {
  it('writes the entities form, entity ids 0.. in compareSpans order, only for documents with relations', () => {
    const lines = serializeDoccano(DOCS()).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0]!) as { entities: { id: number; start_offset: number; label: string }[]; relations: unknown[] };
    expect(Object.keys(first)).toEqual(['id', 'title', 'text', 'entities', 'relations']);
    expect(first.entities.map((e) => [e.id, e.label])).toEqual([
      [0, 'ORG'],
      [1, 'PROJECT'],
      [2, 'TARGET'],
      [3, 'METRIC'],
      [4, 'TARGET'],
      [5, 'METRIC'],
    ]);
    // Sorted by (from, to, type), ids 0..
    expect(first.relations).toEqual([
      { id: 0, from_id: 0, to_id: 1, type: 'carries_out' },
      { id: 1, from_id: 1, to_id: 2, type: 'part_of' },
      { id: 2, from_id: 1, to_id: 4, type: 'supports' },
      { id: 3, from_id: 3, to_id: 2, type: 'measures' },
      { id: 4, from_id: 5, to_id: 4, type: 'measures' },
    ]);
    expect(Object.keys(JSON.parse(lines[2]!) as object)).toEqual(['id', 'title', 'text', 'label']);
  });

  const REC = (relations: unknown, entities?: unknown) =>
    JSON.stringify(
      {
        text: '力争全年增长6%',
        entities: entities ?? [
          { id: 10, start_offset: 0, end_offset: 8, label: 'TARGET' },
          { id: 11, start_offset: 6, end_offset: 8, label: 'METRIC' },
        ],
        relations,
      },
      null,
      2,
    );

  it('a from_id or to_id that names no entity is an error naming file, line and field', () => {
    const content = REC([
      { id: 0, from_id: 11, to_id: 10, type: 'measures' },
      { id: 1, from_id: 11, to_id: 10, type: 'measures2' },
      { id: 2, from_id: 11, to_id: 12, type: 'dangling' },
      { id: 3, from_id: 'x', to_id: 10, type: 'dangling' },
    ]);
    const bad = errors(parseDoccano(content, 'rel.json'));
    const lines = content.split('\n');
    const line = (k: number, key: string) => lines.findIndex((l, i) => i >= lineOf(content, `"id": ${k},`) - 1 && l.includes(`"${key}"`)) + 1;
    expect(bad).toEqual([
      { file: 'rel.json', line: line(2, 'to_id'), field: 'relations[2].to_id', message: 'names no entity: no entity has the id 12' },
      { file: 'rel.json', line: line(3, 'from_id'), field: 'relations[3].from_id', message: 'names no entity: no entity has the id "x"' },
    ]);
    expect(bad[0]!.line).toBeGreaterThan(lineOf(content, '"relations"'));
    expect(formatErrorMessage(bad[0]!)).toBe(`rel.json:${bad[0]!.line}: relations[2].to_id: names no entity: no entity has the id 12`);
  });

  it('checks relations field by field, and the ids they name', () => {
    const shapes = errors(parseDoccano(REC([{ id: 0, from_id: 11, type: 'x' }, { from_id: 11, to_id: 10, type: '' }, 'r', { from_id: 1.5, to_id: 10, type: 'x' }]), 'r.json'));
    expect(shapes.map((e) => [e.field, e.message])).toEqual([
      ['relations[0].to_id', 'missing; must be an entity id (a whole number or string)'],
      ['relations[1].type', 'relation type is empty'],
      ['relations[2]', 'must be an object {id, from_id, to_id, type}, not the string "r"'],
      ['relations[3].from_id', 'must be an entity id (a whole number or string), not 1.5'],
    ]);
    const twice = errors(
      parseDoccano(
        REC([{ from_id: 10, to_id: 11, type: 'x' }], [
          { id: 10, start_offset: 0, end_offset: 8, label: 'TARGET' },
          { id: '10', start_offset: 6, end_offset: 8, label: 'METRIC' },
          { id: 11, start_offset: 6, end_offset: 8, label: 'METRIC' },
        ]),
        't.json',
      ),
    );
    expect(twice.map((e) => [e.field, e.message])).toEqual([
      ['relations[0].from_id', 'the id 10 names 2 entities (entities[0], entities[1]): entity ids must be unique'],
    ]);
    const labelForm = errors(parseDoccano(JSON.stringify({ text: 'ab', label: [[0, 1, 'X']], relations: [{ from_id: 0, to_id: 0, type: 'x' }] }), 'l.jsonl'));
    expect(labelForm).toEqual([
      { file: 'l.jsonl', line: 1, field: 'relations', message: 'relations need the "entities" form: their from_id and to_id name the ids of entities' },
    ]);
    // An empty list is fine in either form.
    expect(documents(parseDoccano(JSON.stringify({ text: 'ab', label: [[0, 1, 'X']], relations: [] }), 'l.jsonl'))[0]).not.toHaveProperty('relations');
  });

  it('string and number ids name the same entity; a relation given twice is imported once, with a note', () => {
    const r = parseDoccano(
      REC([
        { id: 0, from_id: '11', to_id: 10, type: 'measures' },
        { id: 1, from_id: 11, to_id: '10', type: 'measures' },
      ]),
      'd.json',
    );
    expect(documents(r)[0]!.relations).toEqual([{ type: 'measures', from: 1, to: 0 }]);
    expect(r.notes).toEqual([expect.stringMatching(/^d\.json:\d+: relations\[1\]: relation measures from METRIC \[6, 8\) "6%" to TARGET \[0, 8\) "力争全年增长6%" given twice: imported once$/)]);
    // The notes reach the Format's read too.
    expect(formatById('doccano')!.read!([{ name: 'd.json', content: REC([{ from_id: 11, to_id: 11, type: 'x' }]) }]).notes).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// brat

describe('brat relations', () => {
  const TXT = { name: 'doc.txt', content: '力争全年增长6%，实施项目。' };
  const read = (...lines: string[]) => readBrat([TXT, { name: 'doc.ann', content: lines.join('\n') + '\n' }]);

  it('an R line naming a T that is in no line of the file is an error with file, line and field', () => {
    const r = read('T1\tTARGET 0 8\t力争全年增长6%', 'R1\tmeasures Arg1:T2 Arg2:T1', 'T3\tMETRIC 6 8\t6%', 'R2\tmeasures Arg1:T3 Arg2:T9');
    const bad = errors(r.result);
    expect(bad).toEqual([
      { file: 'doc.ann', line: 2, field: 'Arg1', message: 'T2 is not an annotation of this file: no line has the id T2' },
      { file: 'doc.ann', line: 4, field: 'Arg2', message: 'T9 is not an annotation of this file: no line has the id T9' },
    ]);
    expect(formatErrorMessage(bad[0]!)).toBe('doc.ann:2: Arg1: T2 is not an annotation of this file: no line has the id T2');
  });

  it('relation errors come in line order with the other errors; a T with an error adds none to its relations', () => {
    const bad = errors(read('R1\tmeasures Arg1:T5 Arg2:T1', 'T1\tTARGET 0 8\t力争全年增长6%', 'T2\tMETRIC 6 99\t6%', 'R2\tmeasures Arg1:T2 Arg2:T1').result);
    expect(bad.map((e) => [e.line, e.field])).toEqual([
      [1, 'Arg1'],
      [3, 'offsets'],
    ]);
  });

  it('reads forward references, swapped roles; notes split, empty and non-T arguments', () => {
    const r = read(
      'R1\tmeasures Arg2:T1 Arg1:T2', // 1 roles swapped, T lines after it
      'T1\tTARGET 0 8\t力争全年增长6%', // 2
      'T2\tMETRIC 6 8\t6%', // 3
      'T3\tPROJECT 9 10;11 13\t实 项目', // 4 a gap that is not a line break: two spans
      'T4\tORG 13 13\t', // 5 empty: left out
      'R2\tpart_of Arg1:T3 Arg2:T1', // 6 from a split T: its first span
      'R3\tcarries_out Arg1:T4 Arg2:T3', // 7 from an empty T: left out
      'E1\tEvent:T3', // 8
      'R4\tlinks Arg1:E1 Arg2:T1', // 9 from an event: left out
      'R5\tlinks From:T2 To:T1', // 10 other role names: in order
      'R6\tmeasures Arg1:T2 Arg2:T1', // 11 the same as R1
      'R7\tself Arg1:T2 Arg2:T2', // 12 to itself
    );
    const [d] = documents(r.result);
    expect(d!.spans.map((s) => s.text)).toEqual(['力争全年增长6%', '6%', '实', '项目']);
    expect(d!.relations).toEqual([
      { type: 'measures', from: 1, to: 0 },
      { type: 'part_of', from: 2, to: 0 },
      { type: 'links', from: 1, to: 0 },
    ]);
    expect(r.notes).toEqual([
      'doc.ann:4: T3 PROJECT 9 10;11 13 is discontinuous: imported as 2 separate spans ("实", "项目")',
      'doc.ann:5: T4 ORG [13, 13) is empty (zero characters): not imported',
      'doc.ann:6: R2 relation part_of: its Arg1 T3 was imported as 2 spans; the relation uses the first',
      'doc.ann:7: R3 relation carries_out not imported: its Arg1 T4 was left out (see its line)',
      "doc.ann:8: E1 event Event (trigger T3) not imported: Zhengbiao has no events (the trigger's T line is a span)",
      'doc.ann:9: R4 relation links not imported: its Arg1 E1 is not a text-bound annotation (T), and Zhengbiao relations join spans',
      'doc.ann:10: R5 relation links: roles From and To are not Arg1 and Arg2: read in order, from T2 to T1',
      'doc.ann:11: R6 relation measures from METRIC [6, 8) "6%" to TARGET [0, 8) "力争全年增长6%" given twice: imported once',
      'doc.ann:12: R7 relation self from METRIC [6, 8) "6%" to itself not imported: a span cannot be related to itself',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Label Studio

describe('Label Studio relations', () => {
  const region = (id: string, start: number, end: number, labels: string[]) => ({
    id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start, end, labels },
  });
  const relation = (from: string, to: string, extra: Record<string, unknown> = {}) => ({ from_id: from, to_id: to, type: 'relation', ...extra });
  const task = (result: unknown[]) => JSON.stringify([{ id: 1, data: { text: '力争全年增长6%，实施项目。' }, annotations: [{ result }] }], null, 2);

  it('writes an id per span result and the relations after them', () => {
    const [d1] = DOCS();
    const tasks = JSON.parse(serializeLabelStudio([d1!])) as { annotations: { result: Record<string, unknown>[] }[] }[];
    const result = tasks[0]!.annotations[0]!.result;
    expect(result.filter((r) => r.type === 'labels').map((r) => r.id)).toEqual(['d1-org', 'd1-project', 'd1-target', 'd1-metric', 'd1-target2', 'd1-metric2']);
    expect(result.filter((r) => r.type === 'relation')).toEqual([
      { from_id: 'd1-org', to_id: 'd1-project', type: 'relation', direction: 'right', labels: ['carries_out'] },
      { from_id: 'd1-project', to_id: 'd1-target', type: 'relation', direction: 'right', labels: ['part_of'] },
      { from_id: 'd1-project', to_id: 'd1-target2', type: 'relation', direction: 'right', labels: ['supports'] },
      { from_id: 'd1-metric', to_id: 'd1-target', type: 'relation', direction: 'right', labels: ['measures'] },
      { from_id: 'd1-metric2', to_id: 'd1-target2', type: 'relation', direction: 'right', labels: ['measures'] },
    ]);
  });

  it('directions, several labels, no labels, a region of several labels (its first span)', () => {
    const content = task([
      relation('m', 't', { direction: 'right', labels: ['measures'] }), // before the regions it names
      region('t', 0, 8, ['TARGET']),
      region('m', 6, 8, ['METRIC']),
      region('p', 9, 13, ['PROJECT', 'TARGET']), // two spans: relations use the PROJECT one
      relation('t', 'p', { direction: 'left', labels: ['part_of', 'supports'] }),
      relation('p', 'm', { direction: 'bi', labels: ['linked'] }),
      relation('m', 'p'), // no labels, no direction
    ]);
    const r = parseLabelStudio(content, 'ls.json');
    const [d] = documents(r);
    expect(d!.spans.map((s) => s.label)).toEqual(['TARGET', 'METRIC', 'PROJECT', 'TARGET']);
    expect(d!.relations).toEqual([
      { type: 'measures', from: 1, to: 0 },
      { type: 'part_of', from: 2, to: 0 },
      { type: 'supports', from: 2, to: 0 },
      { type: 'linked', from: 2, to: 1 },
      { type: 'related', from: 1, to: 2 },
    ]);
    // Notes stand on the line where their result item opens (items are indented by 10 spaces).
    const item = content.split('\n').flatMap((l, i) => (l === '          {' ? [i + 1] : []));
    expect(item).toHaveLength(7);
    expect(r.notes).toEqual([
      `ls.json:${item[5]}: annotations[0].result[5]: a relation both ways ("bi") is read as one from from_id to to_id ("right")`,
      `ls.json:${item[6]}: annotations[0].result[6]: a relation without labels: imported as "related"`,
    ]);
  });

  it('a from_id or to_id that names no "labels" result is an error naming file, line and field', () => {
    const content = task([region('t', 0, 8, ['TARGET']), region('m', 6, 8, ['METRIC']), { id: 'c', type: 'choices', value: { choices: ['x'] } }, relation('m', 'nope'), relation('c', 't', { direction: 'up' })]);
    const bad = errors(parseLabelStudio(content, 'ls.json'));
    expect(bad).toEqual([
      { file: 'ls.json', line: lineOf(content, '"to_id": "nope"'), field: 'annotations[0].result[3].to_id', message: 'names no "labels" result of this annotation: none has the id "nope"' },
      { file: 'ls.json', line: lineOf(content, '"direction": "up"'), field: 'annotations[0].result[4].direction', message: 'must be "right", "left" or "bi", not the string "up"' },
    ]);
    const bad2 = errors(parseLabelStudio(task([region('t', 0, 8, ['TARGET']), relation('c', 't')]), 'ls.json'));
    expect(bad2.map((e) => [e.field, e.message])).toEqual([['annotations[0].result[1].from_id', 'names no "labels" result of this annotation: none has the id "c"']]);
    expect(formatErrorMessage(bad2[0]!)).toMatch(/^ls\.json:\d+: annotations\[0\]\.result\[1\]\.from_id: names no "labels" result/);
    // A region with an error of its own: its relations add nothing to that error.
    const bad3 = errors(parseLabelStudio(task([region('t', 0, 99, ['TARGET']), region('m', 6, 8, ['METRIC']), relation('m', 't')]), 'ls.json'));
    expect(bad3.map((e) => e.field)).toEqual(['annotations[0].result[0].value.end']);
  });

  it('the notes reach the Format\'s read', () => {
    const files: DataFile[] = [{ name: 'ls.json', content: task([region('t', 0, 8, ['TARGET']), region('m', 6, 8, ['METRIC']), relation('m', 't')]) }];
    expect(formatById('label-studio')!.read!(files).notes).toEqual([expect.stringContaining('a relation without labels: imported as "related"')]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Export: what cannot be written is left out and reported

describe('export of relations that cannot be written', () => {
  for (const id of FORMATS) {
    it(`${id}: an end that is not a span of the document, a self relation, a duplicate are left out and reported`, () => {
      const docs = DOCS();
      const d1 = docs[0]!;
      const metric = d1.spans.find((s) => s.label === 'METRIC')!;
      d1.relations!.push(
        { id: 'x1', docId: 'd1', type: 'measures', fromId: metric.id, toId: 'gone' },
        { id: 'x2', docId: 'd1', type: 'measures', fromId: metric.id, toId: metric.id },
        { ...d1.relations![0]!, id: 'x3' },
      );
      const format = formatById(id)!;
      const out = format.write(docs);
      expect(out.report.filter((l) => l.includes('left out'))).toEqual([
        'document "常山县 2023" (id d1): relation measures (id x1) left out: its to span (id gone) is not among the document\'s spans',
        'document "常山县 2023" (id d1): relation measures (id x2) left out: it runs from a span to itself',
        'document "常山县 2023" (id d1): relation measures (id x3) left out: the same relation is given twice',
      ]);
      const back = documents(format.read!(out.files));
      expect(readRelations(back)[0]).toEqual(writtenRelations(DOCS())[0]);
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// Property: random spans (nested, overlapping, identical) and relations between them survive

const PIECES = ['政', '标', '利', 'a', ' ', '。', '"', '\\', '𠀀', '😀', '🇨🇳', '\r\n', '\n', '\t', 'e\u0301', '\u2028', '%'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
const labelArb = fc.constantFrom('TARGET', 'METRIC', 'ORG', 'PROJECT', '机构');
const typeArb = fc.constantFrom('measures', 'carries_out', 'part_of', 'custom-1', '推动');

const docArb = (index: number) =>
  textArb.chain((text) => {
    const n = Array.from(text).length;
    const spanArb = fc
      .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), labelArb)
      .map(([a, len, label]) => [a, Math.min(n, a + len), label] as const);
    return fc
      .record({
        spans: fc.array(spanArb, { minLength: 0, maxLength: 7 }),
        rels: fc.array(fc.tuple(fc.nat(), fc.nat(), typeArb), { maxLength: 8 }),
      })
      .map(({ spans, rels }): ExportDocument => {
        const id = `doc${index}`;
        const made = spans.map(([start, end, label], k): Span => ({ id: `${id}-s${k}`, docId: id, start, end, label, text: cpSlice(text, start, end) }));
        const relations: Relation[] = [];
        const seen = new Set<string>();
        for (const [a, b, type] of rels) {
          if (made.length < 2) break;
          const from = a % made.length;
          const to = (from + 1 + (b % (made.length - 1))) % made.length; // never `from`
          if (seen.has(`${type} ${from} ${to}`)) continue;
          seen.add(`${type} ${from} ${to}`);
          relations.push({ id: `${id}-r${relations.length}`, docId: id, type, fromId: made[from]!.id, toId: made[to]!.id });
        }
        return { id, title: `t${index}`, text, spans: made, relations };
      });
  });
const docsArb = fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

describe('round trip of random relations (property)', () => {
  for (const id of FORMATS) {
    it(id, () => {
      const format = formatById(id)!;
      fc.assert(
        fc.property(docsArb, (docs) => {
          const out = format.write(docs);
          expect(out.report.filter((l) => l.includes('left out'))).toEqual([]);
          const back = documents(format.read!(out.files));
          expect(readRelations(back)).toEqual(writtenRelations(docs));
          // Exactly one relation read per relation written (none merged, none added).
          expect(back.map((d) => d.relations?.length ?? 0)).toEqual(docs.map((d) => d.relations!.length));
        }),
        { numRuns: 150 },
      );
    });
  }
});
