import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans, type Span } from '../../src/core/spans.ts';
import { brat, readBrat, safeName, writeBrat } from '../../src/formats/brat.ts';
import {
  ExportError,
  formatErrorMessage,
  type DataFile,
  type DatasetDocument,
  type ExportDocument,
  type FormatError,
  type ParseResult,
} from '../../src/formats/index.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'brat');
const fixtureFiles = (): DataFile[] =>
  readdirSync(FIXTURES)
    .sort()
    .map((name) => ({ name, content: readFileSync(join(FIXTURES, name), 'utf8') }));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function documents(r: ParseResult): DatasetDocument[] {
  if (!r.ok) throw new Error('expected success, got:\n' + r.errors.map(formatErrorMessage).join('\n'));
  return r.documents;
}

function errors(r: ParseResult): FormatError[] {
  if (r.ok) throw new Error('expected errors, got ' + JSON.stringify(r.documents));
  expect(r).not.toHaveProperty('documents');
  return r.errors;
}

/** Oracle independent of src/core: code points as Array.from sees them. */
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

/** Line numbers (1-based) of the lines of `content` that satisfy `pred`. */
const linesWhere = (content: string, pred: (line: string) => boolean) =>
  content.split('\n').flatMap((l, i) => (l !== '' && pred(l) ? [i + 1] : []));

/** `file:line` of each note (file-level notes have no line). */
const noteLines = (notes: string[], file: string) =>
  notes.flatMap((n) => {
    const m = new RegExp(`^${file.replace(/\./g, '\\.')}:(\\d+): `).exec(n);
    return m ? [Number(m[1])] : [];
  });

let spanSeq = 0;
function span(docId: string, text: string, start: number, end: number, label: string): Span {
  return { id: `s${++spanSeq}`, docId, start, end, label, text: cpSlice(text, start, end) };
}

function doc(id: string, title: string, text: string, spans: [number, number, string][]): ExportDocument {
  return { id, title, text, spans: spans.map(([s, e, l]) => span(id, text, s, e, l)) };
}

/** The spans an import of `d` must give: compareSpans order, {start, end, label, text}. */
const expectedSpans = (d: ExportDocument) =>
  [...d.spans].sort(compareSpans).map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text }));

function roundTrip(docs: ExportDocument[], baseName?: string) {
  const out = writeBrat(docs, baseName !== undefined ? { baseName } : undefined);
  const back = readBrat(out.files);
  return { out, back, docs: documents(back.result) };
}

describe('brat fixtures (real brat example files)', () => {
  const STEMS = ['000-introduction', '100-attribute_annotation', '110-note_annotation', 'esp.train-doc-29'];

  it('every .txt/.ann pair imports without error, each span the code-point slice its line names', () => {
    const files = fixtureFiles();
    const { result, notes } = readBrat(files);
    const docs = documents(result);
    expect(docs.map((d) => d.id)).toEqual(STEMS);
    expect(notes).toContain('news_annotation.conf: brat configuration, not read (the labels come from the .ann files)');
    for (const d of docs) {
      const ann = fixture(`${d.id}.ann`);
      expect(d.text).toBe(fixture(`${d.id}.txt`));
      expect(d.title).toBe(d.id);
      // Independent oracle: every T line of the file, sliced by Array.from.
      const want = ann
        .split('\n')
        .filter((l) => l.startsWith('T'))
        .map((l) => {
          const [, data, surface] = l.split('\t');
          const [label, s, e] = data!.split(' ');
          return { start: Number(s), end: Number(e), label: label!, text: surface! };
        });
      expect(want.length).toBeGreaterThan(0);
      expect(d.spans).toEqual(want);
      for (const s of d.spans) expect(cpSlice(d.text, s.start, s.end)).toBe(s.text);
    }
  });

  it('spot checks: the introduction, and non-ASCII text in the Spanish CoNLL document', () => {
    const docs = documents(brat.read!(fixtureFiles()));
    const intro = docs.find((d) => d.id === '000-introduction')!;
    expect(intro.spans.slice(0, 4)).toEqual([
      { start: 418, end: 426, label: 'Organization', text: 'Citibank' },
      { start: 456, end: 468, label: 'Money', text: '$100 million' },
      { start: 443, end: 449, label: 'Transfer-money', text: 'moving' },
      { start: 473, end: 496, label: 'Person', text: 'Raul Salinas de Gortari' },
    ]);
    const esp = docs.find((d) => d.id === 'esp.train-doc-29')!;
    expect(esp.spans).toContainEqual({ start: 361, end: 397, label: 'PER', text: 'Nobel de Literatura Camilo José Cela' });
    expect(esp.spans).toContainEqual({ start: 3481, end: 3487, label: 'MISC', text: 'Tierra' });
    // The text before these spans has é, á, ñ...: byte offsets would be off, code points are not.
    expect(/[^\x00-\x7f]/.test(cpSlice(esp.text, 0, 3481))).toBe(true);
  });

  it('notes name every non-T line of 100-attribute_annotation.ann with its line', () => {
    const name = '100-attribute_annotation.ann';
    const { notes } = readBrat(fixtureFiles());
    const want = linesWhere(fixture(name), (l) => !l.startsWith('T'));
    expect(want).toEqual([18, 20, 22, 24, 26, 27, 28, 29, 30, 32, 34, 36, 38, 40, 41, 42]);
    expect(noteLines(notes, name)).toEqual(want);
    expect(notes).toContain(`${name}:18: E1 event Report (trigger T17; Reporter-Arg:T1 Event-Arg:E2) not imported: Zhengbiao has no events (the trigger's T line is a span)`);
    expect(notes).toContain(`${name}:30: A4 attribute Individual on T1 not imported: Zhengbiao has no attributes`);
    expect(notes).toContain(`${name}:27: A1 attribute Confidence = Neutral on E1 not imported: Zhengbiao has no attributes`);
  });

  it('notes name every line of 110-note_annotation.ann that is neither T nor R with its line; R lines are relations', () => {
    const name = '110-note_annotation.ann';
    const { notes, result } = readBrat(fixtureFiles());
    const want = linesWhere(fixture(name), (l) => !l.startsWith('T') && !l.startsWith('R'));
    expect(want).toEqual([2, 7, 8, 12, 18]);
    expect(noteLines(notes, name)).toEqual(want);
    expect(notes).toContain(`${name}:2: #1 note AnnotatorNotes on T1 not imported: "Should fictional places be annotated?"`);
    expect(notes).toContain(`${name}:12: #3 note AnnotatorNotes on R1 not imported: "Should this be marked? It's not explicitly stated."`);
    // R1 Family Arg1:T6 Arg2:T7 and R2 Family Arg1:T13 Arg2:T14: T<n> is span n-1 (no T line is split or left out).
    const d = documents(result).find((x) => x.id === '110-note_annotation')!;
    expect(d.relations).toEqual([
      { type: 'Family', from: 5, to: 6 },
      { type: 'Family', from: 12, to: 13 },
    ]);
    expect(d.spans[5]!.text).toBe('Orville Wright');
    expect(d.spans[6]!.text).toBe('Wilbur Wright');
  });

  it('notes of 000-introduction cover events, attributes, notes and normalisations; its R lines are relations', () => {
    const name = '000-introduction.ann';
    const { notes, result } = readBrat(fixtureFiles());
    expect(noteLines(notes, name)).toEqual(linesWhere(fixture(name), (l) => !l.startsWith('T') && !l.startsWith('R')));
    const d = documents(result).find((x) => x.id === '000-introduction')!;
    const ends = d.relations!.map((r) => [r.type, d.spans[r.from]!.text, d.spans[r.to]!.text]);
    expect(ends).toEqual([
      ['Origin', 'banks', 'Switzerland'],
      ['Family', 'Raul Salinas de Gortari', 'former Mexican president'],
    ]);
    expect(notes).toContain(`${name}:17: N1 normalisation Reference of T5 → Wikipedia:64488 ("Carlos Salinas de Gortari") not imported: Zhengbiao has no normalisations`);
    expect(notes).toContain(`${name}:10: #1 note AnnotatorNotes on T2 not imported: "100000000 USD"`);
  });

  it('the fixtures with CRLF line ends in the .ann import identically', () => {
    const lf = documents(readBrat(fixtureFiles()).result);
    const crlf = documents(
      readBrat(fixtureFiles().map((f) => (f.name.endsWith('.ann') ? { ...f, content: f.content.replace(/\n/g, '\r\n') } : f))).result,
    );
    expect(crlf).toEqual(lf);
  });
});

describe('brat import', () => {
  it('counts code points: 利安隆 after 𠀀 is 1 4, and the UTF-16 offsets 2 5 are refused', () => {
    const txt = { name: 'd.txt', content: '𠀀利安隆' };
    expect(documents(brat.read!([txt, { name: 'd.ann', content: 'T1\tORG 1 4\t利安隆\nT2\tX 0 1\t𠀀\n' }]))).toEqual([
      {
        id: 'd',
        title: 'd',
        text: '𠀀利安隆',
        spans: [
          { start: 1, end: 4, label: 'ORG', text: '利安隆' },
          { start: 0, end: 1, label: 'X', text: '𠀀' },
        ],
      },
    ]);
    expect(errors(brat.read!([txt, { name: 'd.ann', content: 'T1\tORG 2 5\t利安隆\n' }]))).toEqual([
      { file: 'd.ann', line: 1, field: 'offsets', message: '[2, 5) goes beyond the text, which is 4 code points long' },
    ]);
  });

  it('pairs files by path: folders are part of the name, and a .txt without .ann has no spans', () => {
    const r = readBrat([
      { name: 'a/b/doc1.txt', content: '政府工作' },
      { name: 'a/b/doc1.ann', content: 'T1\tTARGET 0 2\t政府\n' },
      { name: 'doc1.txt', content: 'abc' },
      { name: 'x/visual.conf', content: '[labels]\n' },
    ]);
    expect(documents(r.result)).toEqual([
      { id: 'a/b/doc1', title: 'doc1', text: '政府工作', spans: [{ start: 0, end: 2, label: 'TARGET', text: '政府' }] },
      { id: 'doc1', title: 'doc1', text: 'abc', spans: [] },
    ]);
    expect(r.notes).toEqual(['x/visual.conf: brat configuration, not read (the labels come from the .ann files)']);
  });

  it('an .ann without its .txt is an error, also when a .txt of that name is in another folder', () => {
    expect(
      errors(
        brat.read!([
          { name: 'doc1.txt', content: 'abc' },
          { name: 'a/doc1.ann', content: 'T1\tX 0 1\ta\n' },
        ]),
      ),
    ).toEqual([{ file: 'a/doc1.ann', line: 1, message: 'no a/doc1.txt: an .ann file needs the .txt it annotates, same name and folder' }]);
  });

  it('bad lines: every error with its line and field, nothing imported', () => {
    const text = '力争全年地区生产总值增长6%。\n再接再厉';
    const ann = [
      'T1\tTARGET 0 2\t力争', // 1 fine
      'T2 METRIC 2 4 全年', // 2 no tab
      'T3\tMETRIC 2 4\t全日', // 3 surface differs
      'T4\tMETRIC 4 99\t地区', // 4 beyond the text
      'T1\tORG 4 6\t地区', // 5 duplicate id
      '', // 6 blank: skipped
      'T5\tMETRIC x 4\t全年', // 7 offsets not numbers
      'T6\tMETRIC 6 4\t', // 8 start after end
      'X1\tFoo T1', // 9 unknown kind
      'R1\tFamily Arg1:T1', // 10 relation with one argument
      '1T\tX 0 1\t力', // 11 not an id
      'T7\tMETRIC 0 3;2 4\t力争全 争全', // 12 overlapping fragments
      'T8\tORG\t力', // 13 no offsets
      'E1\tReport', // 14 event without trigger
    ].join('\n');
    const bad = errors(brat.read!([{ name: 'r.txt', content: text }, { name: 'r.ann', content: ann }]));
    expect(bad.map((e) => [e.line, e.field])).toEqual([
      [2, undefined],
      [3, 'text'],
      [4, 'offsets'],
      [5, 'id'],
      [7, 'offsets'],
      [8, 'offsets'],
      [9, 'id'],
      [10, 'data'],
      [11, 'id'],
      [12, 'offsets'],
      [13, 'data'],
      [14, 'data'],
    ]);
    expect(bad.every((e) => e.file === 'r.ann')).toBe(true);
    expect(bad[1]!.message).toBe('text "全日" differs from the .txt at 2 4: "全年"');
    expect(bad[3]!.message).toBe('duplicate id T1 (first on line 1)');
    expect(formatErrorMessage(bad[0]!)).toBe('r.ann:2: not a brat annotation line (ID<TAB>...): "T2 METRIC 2 4 全年"');
  });

  it('discontinuous: line-break gaps give one span; other gaps one span per fragment, in the notes', () => {
    const text = '推进\r\n产业\n\n升级 and 项目 X';
    const ann = [
      'T1\tTARGET 0 2;4 6;8 10\t推进 产业 升级', // gaps CR LF and LF LF: one span
      'T2\tPROJECT 11 14;15 17\tand 项目', // gap a space: two spans
      'T3\tORG 18 18\t', // zero width
      'T4\tORG 0 1;17 17;18 19\t推  X', // a gap that is not a line break, and an empty fragment
    ].join('\n');
    const r = readBrat([{ name: 'g.txt', content: text }, { name: 'g.ann', content: ann }]);
    expect(documents(r.result)[0]!.spans).toEqual([
      { start: 0, end: 10, label: 'TARGET', text: '推进\r\n产业\n\n升级' },
      { start: 11, end: 14, label: 'PROJECT', text: 'and' },
      { start: 15, end: 17, label: 'PROJECT', text: '项目' },
      { start: 0, end: 1, label: 'ORG', text: '推' },
      { start: 18, end: 19, label: 'ORG', text: 'X' },
    ]);
    expect(r.notes).toEqual([
      'g.ann:2: T2 PROJECT 11 14;15 17 is discontinuous: imported as 2 separate spans ("and", "项目")',
      'g.ann:3: T3 ORG [18, 18) is empty (zero characters): not imported',
      'g.ann:4: T4 ORG 0 1;17 17;18 19 is discontinuous: imported as 2 separate spans ("推", "X"), 1 empty fragment left out',
    ]);
  });

  it("follows brat's surface rules: text after it, a missing surface, old-style joined fragments", () => {
    const text = 'ab\ncd ef';
    const ann = ['T1\tX 0 2\tab extra words', 'T2\tX 3 5', 'T3\tX 0 2;6 8\tabef', 'T4\tX 0 2\tab\t'].join('\n');
    const r = readBrat([{ name: 's.txt', content: text }, { name: 's.ann', content: ann }]);
    expect(documents(r.result)[0]!.spans.map((s) => s.text)).toEqual(['ab', 'cd', 'ab', 'ef', 'ab']);
    expect(r.notes[0]).toBe('s.ann:1: T1: text after the surface ignored: "extra words"');
    expect(r.notes[1]).toBe('s.ann:2: T2: no surface text; taken from the .txt: "cd"');
  });

  it('a file given twice is an error; a BOM on the .ann is dropped', () => {
    const txt = { name: 'd.txt', content: 'abc' };
    expect(errors(brat.read!([txt, txt]))).toEqual([{ file: 'd.txt', line: 1, message: 'this file is given twice' }]);
    expect(documents(brat.read!([txt, { name: 'd.ann', content: '\ufeffT1\tX 0 1\ta\n' }]))[0]!.spans).toHaveLength(1);
  });
});

describe('brat export', () => {
  it('writes the code-point offsets: 𠀀利安隆 gives T1\\tORG 1 4\\t利安隆', () => {
    const out = writeBrat([doc('d1', '报告', '𠀀利安隆', [[1, 4, 'ORG']])]);
    expect(out.files.map((f) => f.name)).toEqual(['annotation.conf', '报告.txt', '报告.ann']);
    expect(out.files[1]!.content).toBe('𠀀利安隆');
    expect(out.files[2]!.content).toBe('T1\tORG 1 4\t利安隆\n');
    expect(out.report).toEqual([]);
  });

  it('annotation.conf lists the labels used once, at the top of the folder, and allows overlap', () => {
    const out = writeBrat(
      [doc('1', 'a', '力争全年增长', [[0, 4, 'TARGET'], [2, 4, 'METRIC']]), doc('2', 'b', '项目', [[0, 2, 'PROJECT'], [0, 2, 'TARGET']])],
      { baseName: 'train' },
    );
    expect(out.files.map((f) => f.name)).toEqual(['train/annotation.conf', 'train/a.txt', 'train/a.ann', 'train/b.txt', 'train/b.ann']);
    expect(out.files[0]!.content).toBe(
      [
        '# Written by Zhengbiao: the entity types (labels) of this export.',
        '[entities]',
        'METRIC',
        'PROJECT',
        'TARGET',
        '',
        '[relations]',
        '# Zhengbiao spans may nest and overlap.',
        '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
        '',
        '[events]',
        '',
        '[attributes]',
        '',
      ].join('\n'),
    );
    expect(out.files[2]!.content).toBe('T1\tTARGET 0 4\t力争全年\nT2\tMETRIC 2 4\t全年\n');
  });

  it('writes R lines after the T lines, and the relation types with the labels at their ends in annotation.conf', () => {
    const a = doc('1', 'a', '力争全年增长', [[0, 4, 'TARGET'], [2, 4, 'METRIC'], [4, 6, 'METRIC']]);
    const b = doc('2', 'b', '项目建设', [[0, 2, 'PROJECT'], [0, 4, 'TARGET']]);
    const [target, metric, metric2] = a.spans as [Span, Span, Span];
    const [project, target2] = b.spans as [Span, Span];
    a.relations = [
      { id: 'r1', docId: '1', type: 'measures', fromId: metric.id, toId: target.id },
      { id: 'r2', docId: '1', type: 'measures', fromId: metric2.id, toId: target.id },
    ];
    b.relations = [
      { id: 'r3', docId: '2', type: 'measures', fromId: project.id, toId: target2.id },
      { id: 'r4', docId: '2', type: 'part of', fromId: project.id, toId: target2.id },
    ];
    const out = writeBrat([a, b]);
    expect(out.files[2]!.content).toBe(
      'T1\tTARGET 0 4\t力争全年\nT2\tMETRIC 2 4\t全年\nT3\tMETRIC 4 6\t增长\nR1\tmeasures Arg1:T2 Arg2:T1\nR2\tmeasures Arg1:T3 Arg2:T1\n',
    );
    expect(out.files[4]!.content).toBe('T1\tTARGET 0 4\t项目建设\nT2\tPROJECT 0 2\t项目\nR1\tmeasures Arg1:T2 Arg2:T1\nR2\tpart_of Arg1:T2 Arg2:T1\n');
    expect(out.files[0]!.content).toContain(
      [
        '[relations]',
        '# The relation types of this export, with the entity types seen at each end.',
        'measures\tArg1:METRIC|PROJECT, Arg2:TARGET',
        'part_of\tArg1:PROJECT, Arg2:TARGET',
        '# Zhengbiao spans may nest and overlap.',
        '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
        '',
      ].join('\n'),
    );
    expect(out.report).toEqual(['relation type "part of" written as "part_of": brat types cannot contain white space']);
  });

  it('names are safe and unique (case-insensitively); renames are reported', () => {
    const out = writeBrat([
      doc('1', '政府工作报告', 'a', []),
      doc('2', '政府工作报告', 'b', []),
      doc('3', 'a/b: c?', 'c', []),
      doc('4', '', 'd', []),
      doc('5', 'Report', 'e', []),
      doc('6', 'report', 'f', []),
    ]);
    expect(out.files.filter((f) => f.name.endsWith('.txt')).map((f) => f.name)).toEqual([
      '政府工作报告.txt',
      '政府工作报告-2.txt',
      'a_b_ c_.txt',
      '4.txt',
      'Report.txt',
      'report-2.txt',
    ]);
    expect(out.report).toEqual([
      'document "政府工作报告" (id 2): written as 政府工作报告-2.txt/.ann',
      'document "a/b: c?" (id 3): written as a_b_ c_.txt/.ann',
      'document "report" (id 6): written as report-2.txt/.ann',
    ]);
  });

  it('safeName', () => {
    expect(safeName('  ..hidden. ')).toBe('__hidden');
    expect(safeName('CON')).toBe('CON_');
    expect(safeName('a\nb\tc\u2028d')).toBe('a_b_c_d');
    expect(safeName('\ud800x')).toBe('_x');
    expect(safeName('...')).toBe('___');
    expect(safeName(' ')).toBe('document');
    expect(Array.from(safeName('𠀀'.repeat(100)))).toHaveLength(80);
  });

  it('a span crossing a line break is written as fragments and read back as one span', () => {
    const text = '推进\r\n产业升级\n\n和项目\n';
    const d = doc('1', 'nl', text, [
      [0, 6, 'TARGET'], // 推进\r\n产业
      [2, 4, 'X'], // only CR LF
      [4, 14, 'PROJECT'], // 产业升级\n\n和项目\n: ends with a line break
      [3, 6, 'ORG'], // \n产业: starts with one
    ]);
    const { out, docs } = roundTrip([d]);
    expect(out.files[2]!.content).toBe(
      ['T1\tTARGET 0 2;4 6\t推进 产业', 'T2\tX 2 2;4 4\t ', 'T3\tORG 3 3;4 6\t 产业', 'T4\tPROJECT 4 8;10 13;14 14\t产业升级 和项目 ', ''].join('\n'),
    );
    expect(out.report).toHaveLength(4);
    expect(out.report[0]).toBe('document "nl": span TARGET [0, 6) "推进\\r\\n产业" contains a line break: written as 2 fragments (0 2;4 6); Zhengbiao reads it back as one span');
    expect(docs).toEqual([{ id: 'nl', title: 'nl', text, spans: expectedSpans(d) }]);
  });

  it('round trip keeps text and nested, overlapping and duplicate spans', () => {
    const text = '力争全年地区生产总值增长6%左右，😀𠀀。';
    const d = doc('1', '2023 报告', text, [
      [0, 16, 'TARGET'],
      [4, 10, 'METRIC'],
      [4, 16, 'METRIC'],
      [8, 14, 'ORG'],
      [0, 16, 'TARGET'],
      [17, 19, 'X'],
    ]);
    const { docs } = roundTrip([d, doc('2', 'empty', '', [])], 'out');
    expect(docs).toEqual([
      { id: 'out/2023 报告', title: '2023 报告', text, spans: expectedSpans(d) },
      { id: 'out/empty', title: 'empty', text: '', spans: [] },
    ]);
  });

  it('labels with white space become _ and are reported; non-ASCII labels are reported for brat', () => {
    const out = writeBrat([doc('1', 'x', '机构名称', [[0, 2, '机构'], [2, 4, 'A B']])]);
    expect(out.files[2]!.content).toBe('T1\t机构 0 2\t机构\nT2\tA_B 2 4\t名称\n');
    expect(out.report).toEqual([
      'label "A B" written as "A_B": brat types cannot contain white space',
      'label "机构": brat reads annotation.conf type names as [A-Za-z0-9_-] only, so an unpatched brat shows it as an unconfigured type (the .ann keeps it as it is)',
    ]);
  });

  it('refuses a span whose text no longer matches, before writing anything', () => {
    const d = doc('1', 'x', '力争全年', [[0, 2, 'TARGET']]);
    d.spans[0]!.text = '全年';
    expect(() => writeBrat([d])).toThrow(ExportError);
  });

  it('is the format with id brat, extension ann, nesting', () => {
    expect(brat).toMatchObject({ id: 'brat', extension: 'ann', nesting: true });
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: export → import is exact.

const PIECES = ['政', '标', '利', '安', '隆', 'a', ' ', '。', '"', '\\', '𠀀', '𪚥', '😀', '👍🏽', '🇨🇳', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u0301', '\u200d', '\u2028', '\u0085', '\v', '%', ';'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const labelArb = fc.constantFrom('TARGET', 'METRIC', 'ORG', 'PROJECT', '机构', 'X"Y');

const docArb = (index: number) =>
  textArb.chain((text) => {
    const n = Array.from(text).length;
    const spanArb = fc
      .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), labelArb)
      .map(([a, len, label]) => [a, Math.min(n, a + len), label] as [number, number, string]);
    return fc
      .record({
        title: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
        spans: fc.array(spanArb, { maxLength: 8 }),
        nest: fc.boolean(),
      })
      .map(({ title, spans, nest }): ExportDocument => {
        const raw = [...spans];
        if (nest && n >= 3) raw.push([0, n, 'TARGET'], [1, n - 1, 'METRIC']);
        return doc(`${index}`, title, text, raw);
      });
  });

const docsArb = fc.integer({ min: 0, max: 4 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

describe('brat round trip (property)', () => {
  it('write → read gives back every text and span exactly, and every .ann line is one brat line', () => {
    fc.assert(
      fc.property(docsArb, fc.constantFrom(undefined, 'set'), (docs, baseName) => {
        const { out, back, docs: read } = roundTrip(docs, baseName);
        expect(read.map((d) => ({ text: d.text, spans: d.spans }))).toEqual(docs.map((d) => ({ text: d.text, spans: expectedSpans(d) })));
        // Names: unique, in the folder, never a line break or a slash inside the name.
        const names = out.files.map((f) => f.name);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        for (const n of names) expect(n.startsWith(baseName ? `${baseName}/` : '')).toBe(true);
        // Nothing was left out, so nothing was noted but the configuration, which is not read.
        expect(back.notes).toEqual([`${baseName ? `${baseName}/` : ''}annotation.conf: brat configuration, not read (the labels come from the .ann files)`]);
        // Oracle for each .ann: splitlines-safe lines whose surface is the fragments joined by a space.
        out.files
          .filter((f) => f.name.endsWith('.ann'))
          .forEach((f, k) => {
            const text = docs[k]!.text;
            const lines = f.content.split('\n').slice(0, -1);
            expect(lines).toHaveLength(docs[k]!.spans.length);
            for (const line of lines) {
              expect(/[\r\v\f\x1c-\x1e\x85\u2028\u2029]/u.test(line)).toBe(false);
              const [, data, surface] = /^T\d+\t(\S+ [\d ;]+)\t(.*)$/su.exec(line) ?? [];
              expect(data).toBeDefined();
              const frags = data!.slice(data!.indexOf(' ') + 1).split(';').map((p) => p.split(' ').map(Number) as [number, number]);
              expect(frags.map(([a, b]) => cpSlice(text, a, b)).join(' ')).toBe(surface);
            }
          });
      }),
      { numRuns: 300 },
    );
  });
});
