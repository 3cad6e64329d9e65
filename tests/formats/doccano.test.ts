import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/core/spans.ts';
import {
  doccano,
  parseDoccano,
  serializeDoccano,
  ExportError,
  formatById,
  formatErrorMessage,
  formats,
  type DatasetDocument,
  type ExportDocument,
  type FormatError,
  type ParseResult,
} from '../../src/formats/index.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'doccano');
const SEQ = 'data_export__pipeline__examples__sequence_labeling__example.jsonl';
const REL = 'data_export__pipeline__examples__relation_extraction__example.jsonl';
const CONLL = 'data_import__tests__data__sequence_labeling__example.conll';
const SEED = join(import.meta.dirname, '..', '..', 'seeds', 'changshan-2023-work-report-p11.txt');

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

/** Code-point offsets of `needle` in `text`, computed independently of src/core. */
function cpFind(text: string, needle: string, from = 0): { start: number; end: number } {
  const cps = Array.from(text);
  const n = Array.from(needle);
  for (let i = from; i + n.length <= cps.length; i++) {
    if (n.every((c, k) => cps[i + k] === c)) return { start: i, end: i + n.length };
  }
  throw new Error(`${needle} not in text`);
}

let spanSeq = 0;
function span(docId: string, text: string, start: number, end: number, label: string): Span {
  return { id: `s${++spanSeq}`, docId, start, end, label, text: Array.from(text).slice(start, end).join('') };
}

describe('doccano fixtures (real doccano example files)', () => {
  it('every .jsonl fixture imports without error', () => {
    const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'));
    expect(names.sort()).toEqual([REL, SEQ]);
    for (const name of names) {
      const r = parseDoccano(fixture(name), name);
      expect(r.ok, name).toBe(true);
      expect(documents(r).length).toBeGreaterThan(0);
    }
  });

  it('sequence labelling example: the `label` form', () => {
    const docs = documents(parseDoccano(fixture(SEQ), SEQ));
    expect(docs).toEqual([
      {
        title: `${SEQ} #1`,
        text: 'EU rejects German call to boycott British lamb.',
        spans: [
          { start: 0, end: 2, label: 'ORG', text: 'EU' },
          { start: 11, end: 17, label: 'MISC', text: 'German' },
        ],
      },
      { title: `${SEQ} #2`, text: 'Peter Blackburn', spans: [{ start: 0, end: 15, label: 'PERSON', text: 'Peter Blackburn' }] },
      { title: `${SEQ} #3`, text: 'President Obama', spans: [{ start: 10, end: 15, label: 'PERSON', text: 'Obama' }] },
    ]);
  });

  it('relation extraction example: one pretty-printed object in the `entities` form, with its relations', () => {
    const content = fixture(REL);
    expect(content.split('\n').length).toBeGreaterThan(10); // really a multi-line object
    const docs = documents(parseDoccano(content, REL));
    expect(docs).toEqual([
      {
        title: `${REL} #1`,
        text: 'Google was founded on September 4, 1998, by Larry Page and Sergey Brin.',
        spans: [
          { start: 0, end: 6, label: 'ORG', text: 'Google' },
          { start: 22, end: 39, label: 'DATE', text: 'September 4, 1998' },
          { start: 44, end: 54, label: 'PERSON', text: 'Larry Page' },
          { start: 59, end: 70, label: 'PERSON', text: 'Sergey Brin' },
        ],
        relations: [
          { type: 'foundedAt', from: 0, to: 1 },
          { type: 'foundedBy', from: 0, to: 2 },
          { type: 'foundedBy', from: 0, to: 3 },
        ],
      },
    ]);
  });

  it('the same fixtures with CRLF line ends import identically', () => {
    for (const name of [SEQ, REL]) {
      const lf = documents(parseDoccano(fixture(name), name));
      const crlf = documents(parseDoccano(fixture(name).replace(/\n/g, '\r\n'), name));
      expect(crlf).toEqual(lf);
    }
  });

  it('the CoNLL fixture is not doccano JSONL and is refused line by line', () => {
    const content = fixture(CONLL);
    const bad = errors(parseDoccano(content, CONLL));
    const nonBlank = content.split('\n').flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
    expect(bad.map((e) => e.line)).toEqual(nonBlank);
    expect(bad.every((e) => e.file === CONLL && /not valid JSON/.test(e.message))).toBe(true);
  });
});

describe('doccano import', () => {
  it('accepts the exported form with id and title, and falls back to id, then file #line for titles', () => {
    const content = [
      '{"id": "d1", "title": "政府工作报告", "text": "力争全年", "label": [[0, 2, "TARGET"]]}',
      '',
      '{"id": 17, "text": "abc", "label": []}',
      '{"text": "no id", "Comments": [], "meta": {"x": 1}}',
    ].join('\n');
    expect(documents(parseDoccano(content, 'f.jsonl'))).toEqual([
      { id: 'd1', title: '政府工作报告', text: '力争全年', spans: [{ start: 0, end: 2, label: 'TARGET', text: '力争' }] },
      { id: '17', title: '17', text: 'abc', spans: [] },
      { title: 'f.jsonl #4', text: 'no id', spans: [] },
    ]);
  });

  it('counts code points: 利安隆 after 𠀀 is [1, 4], and the UTF-16 offsets [2, 5] are refused', () => {
    const good = documents(parseDoccano('{"text": "𠀀利安隆", "label": [[1, 4, "ORG"], [0, 1, "X"]]}', 'a.jsonl'));
    expect(good[0]!.spans).toEqual([
      { start: 1, end: 4, label: 'ORG', text: '利安隆' },
      { start: 0, end: 1, label: 'X', text: '𠀀' },
    ]);
    const bad = errors(parseDoccano('{"text": "𠀀利安隆", "label": [[2, 5, "ORG"]]}', 'a.jsonl'));
    expect(bad).toEqual([
      { file: 'a.jsonl', line: 1, field: 'label[0][1]', message: 'span [2, 5) goes beyond the text, which is 4 code points long' },
    ]);
  });

  it('entities with code points: emoji and Extension B; a relation to itself is left out with a note', () => {
    const content = JSON.stringify({
      text: '😀𠀀利安隆二期',
      entities: [{ id: 5, start_offset: 2, end_offset: 7, label: 'PROJECT' }],
      relations: [{ id: 0, from_id: 5, to_id: 5, type: 'self' }],
    });
    const r = parseDoccano(content, 'e.jsonl');
    expect(documents(r)).toEqual([{ title: 'e.jsonl #1', text: '😀𠀀利安隆二期', spans: [{ start: 2, end: 7, label: 'PROJECT', text: '利安隆二期' }] }]);
    expect(r.notes).toEqual([
      'e.jsonl:1: relations[0]: relation self from PROJECT [2, 7) "利安隆二期" to itself not imported: a span cannot be related to itself',
    ]);
  });

  it('reports three bad lines with their line numbers and fields, and returns no documents', () => {
    const content = [
      '{"text": "好的一行", "label": [[0, 2, "ORG"]]}', // 1 ok
      'this is not json', // 2
      '{"text": "第二个", "label": []}', // 3 ok
      '', // 4 blank
      '{"text": "abc", "label": [[2, 2, "ORG"]]}', // 5 end <= start
      '{"text": 42, "label": []}', // 6 wrong type
      '{"text": "ok"}', // 7 ok
    ].join('\r\n');
    const bad = errors(parseDoccano(content, 'three.jsonl'));
    expect(bad.map((e) => [e.file, e.line, e.field])).toEqual([
      ['three.jsonl', 2, undefined],
      ['three.jsonl', 5, 'label[0][1]'],
      ['three.jsonl', 6, 'text'],
    ]);
    expect(bad[0]!.message).toMatch(/^not valid JSON/);
    expect(bad[1]!.message).toBe('end 2 is not after start 2 (end is exclusive)');
    expect(bad[2]!.message).toBe('must be the document text (string), not 42');
    expect(formatErrorMessage(bad[1]!)).toBe('three.jsonl:5: label[0][1]: end 2 is not after start 2 (end is exclusive)');
    expect(formatErrorMessage(bad[0]!)).toMatch(/^three\.jsonl:2: not valid JSON/);
  });

  it('reports every problem of one line, each with its field', () => {
    const line = JSON.stringify({
      text: 'abcdef',
      label: [[0, 99, 'A'], [3, 1, 'B'], ['0', 2, 'C'], [-1, 2, 'D'], [0.5, 2, 'E'], [0, 2], 'positive', [0, 2, ''], [0, 2, 7]],
    });
    const bad = errors(parseDoccano(line, 'many.jsonl'));
    // Shape problems come from the schema first; offset checks need a well-shaped record.
    expect(bad.map((e) => [e.line, e.field])).toEqual([
      [1, 'label[2][0]'],
      [1, 'label[3][0]'],
      [1, 'label[4][0]'],
      [1, 'label[5]'],
      [1, 'label[6]'],
      [1, 'label[7][2]'],
      [1, 'label[8][2]'],
    ]);
    expect(bad[0]!.message).toBe('must be a whole number of code points, not the string "0"');
    expect(bad[1]!.message).toBe('must not be negative');
    expect(bad[2]!.message).toBe('must be a whole number of code points, not 0.5');
    expect(bad[3]!.message).toMatch(/must be \[start, end, "LABEL"\]/);
    expect(bad[4]!.message).toBe('must be [start, end, "LABEL"], not the string "positive"');
    expect(bad[5]!.message).toBe('label name is empty');

    const offsets = errors(
      parseDoccano(JSON.stringify({ text: 'abcdef', label: [[0, 99, 'A'], [3, 1, 'B'], [6, 8, 'C'], [1, 2, 'OK']] }), 'o.jsonl'),
    );
    expect(offsets).toEqual([
      { file: 'o.jsonl', line: 1, field: 'label[0][1]', message: 'span [0, 99) goes beyond the text, which is 6 code points long' },
      { file: 'o.jsonl', line: 1, field: 'label[1][1]', message: 'end 1 is not after start 3 (end is exclusive)' },
      { file: 'o.jsonl', line: 1, field: 'label[2][0]', message: 'span [6, 8) goes beyond the text, which is 6 code points long' },
    ]);
  });

  it('refuses records that are not objects, lack text, or mix label and entities', () => {
    const content = ['[1, 2, 3]', '"text"', '{"label": [[0, 1, "A"]]}', '{"text": "ab", "label": [], "entities": []}', 'null'].join('\n');
    const bad = errors(parseDoccano(content, 'x.jsonl'));
    expect(bad).toEqual([
      { file: 'x.jsonl', line: 1, message: 'a record must be a JSON object, not a list' },
      { file: 'x.jsonl', line: 2, message: 'a record must be a JSON object, not the string "text"' },
      { file: 'x.jsonl', line: 3, field: 'text', message: 'missing; must be the document text (string)' },
      { file: 'x.jsonl', line: 4, field: 'entities', message: 'a record has either "label" or "entities", not both' },
      { file: 'x.jsonl', line: 5, message: 'a record must be a JSON object, not null' },
    ]);
  });

  it('checks entities field by field', () => {
    const content = JSON.stringify({
      text: 'abc',
      entities: [
        { id: 0, start_offset: 0, end_offset: 4, label: 'A' },
        { id: 1, start_offset: '0', end_offset: 1, label: 'B' },
        { id: 2, start_offset: 0, label: 'C' },
        { id: 3, start_offset: 2, end_offset: 2, label: 'D' },
        [0, 1, 'E'],
      ],
    });
    const bad = errors(parseDoccano(content, 'ent.jsonl'));
    expect(bad.map((e) => e.field)).toEqual(['entities[1].start_offset', 'entities[2].end_offset', 'entities[4]']);
    expect(bad[1]!.message).toBe('missing; must be a whole number of code points');
    const offsets = errors(
      parseDoccano(
        JSON.stringify({ text: 'abc', entities: [{ start_offset: 0, end_offset: 4, label: 'A' }, { start_offset: 2, end_offset: 2, label: 'D' }] }),
        'ent.jsonl',
      ),
    );
    expect(offsets.map((e) => [e.field, e.message])).toEqual([
      ['entities[0].end_offset', 'span [0, 4) goes beyond the text, which is 3 code points long'],
      ['entities[1].end_offset', 'end 2 is not after start 2 (end is exclusive)'],
    ]);
  });

  it('locates errors inside a pretty-printed object on their own line', () => {
    const content = fixture(REL).replace('"end_offset": 54', '"end_offset": 540').replace('"label": "DATE"', '"label": 3');
    const bad = errors(parseDoccano(content, REL));
    const lines = content.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(bad).toEqual([
      { file: REL, line: lineOf('"label": 3'), field: 'entities[1].label', message: 'must be a label name (string), not 3' },
    ]);
    // Offsets are checked once the shape is right.
    const content2 = fixture(REL).replace('"end_offset": 54', '"end_offset": 540');
    const bad2 = errors(parseDoccano(content2, REL));
    expect(bad2).toEqual([
      {
        file: REL,
        line: lineOf('"end_offset": 540'),
        field: 'entities[2].end_offset',
        message: 'span [44, 540) goes beyond the text, which is 71 code points long',
      },
    ]);
  });

  it('reads a JSON array of records, locating each error in its element', () => {
    const content = '[\n  {"text": "ab", "label": [[0, 1, "A"]]},\n  {"text": "cd",\n   "label": [[0, 3, "B"]]},\n  {"text": "ef"}\n]\n';
    const bad = errors(parseDoccano(content, 'arr.json'));
    expect(bad).toEqual([
      { file: 'arr.json', line: 4, field: 'label[0][1]', message: 'span [0, 3) goes beyond the text, which is 2 code points long' },
    ]);
    const ok = documents(parseDoccano(content.replace('[0, 3, "B"]', '[0, 2, "B"]'), 'arr.json'));
    expect(ok.map((d) => [d.title, d.text, d.spans.map((s) => s.text)])).toEqual([
      ['arr.json #2', 'ab', ['a']],
      ['arr.json #3', 'cd', ['cd']],
      ['arr.json #5', 'ef', []],
    ]);
  });

  it('reports a broken pretty-printed object once, at the line of the syntax error', () => {
    const content = fixture(REL).replace('"label": "DATE"\n', '"label": "DATE",,\n');
    const bad = errors(parseDoccano(content, REL));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toMatch(/^not valid JSON/);
    expect(bad[0]!.line).toBe(content.split('\n').findIndex((l) => l.includes('"DATE",,')) + 1);
  });

  it('takes a byte-order mark and an empty file in its stride', () => {
    expect(documents(parseDoccano('\uFEFF{"text": "a", "label": [[0, 1, "A"]]}\n', 'bom.jsonl'))).toEqual([
      { title: 'bom.jsonl #1', text: 'a', spans: [{ start: 0, end: 1, label: 'A', text: 'a' }] },
    ]);
    expect(documents(parseDoccano('', 'empty.jsonl'))).toEqual([]);
    expect(documents(parseDoccano('\n\r\n  \n', 'blank.jsonl'))).toEqual([]);
  });
});

describe('doccano export', () => {
  const seed = readFileSync(SEED, 'utf8');

  function seedDoc(): ExportDocument {
    const id = 'doc-changshan';
    const target = cpFind(seed, '力争全年整治1980亩以上');
    const metric = cpFind(seed, '1980亩以上');
    const project = cpFind(seed, '利安隆二期');
    const metric2 = cpFind(seed, '600亩以上');
    const spans = [
      span(id, seed, project.start, project.end, 'PROJECT'),
      span(id, seed, metric.start, metric.end, 'METRIC'),
      span(id, seed, metric2.start, metric2.end, 'METRIC'),
      span(id, seed, target.start, target.end, 'TARGET'),
    ];
    return { id, title: '常山县2023年政府工作报告 p11', text: seed, spans };
  }

  it('writes one line per document in the documented shape, spans in compareSpans order', () => {
    const doc = seedDoc();
    const out = serializeDoccano([doc, { id: 'd2', title: 'empty', text: 'x\r\ny', spans: [] }]);
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['id', 'title', 'text', 'label']);
    const t = cpFind(seed, '力争全年整治1980亩以上');
    const m = cpFind(seed, '1980亩以上');
    const m2 = cpFind(seed, '600亩以上');
    const p = cpFind(seed, '利安隆二期');
    expect(first.label).toEqual([
      [t.start, t.end, 'TARGET'],
      [m.start, m.end, 'METRIC'],
      [m2.start, m2.end, 'METRIC'],
      [p.start, p.end, 'PROJECT'],
    ]);
    expect(JSON.parse(lines[1]!)).toEqual({ id: 'd2', title: 'empty', text: 'x\r\ny', label: [] });
    expect(serializeDoccano([])).toBe('');
  });

  it('round-trips the seed with METRIC nested inside TARGET', () => {
    const doc = seedDoc();
    const back = documents(parseDoccano(serializeDoccano([doc]), 'export.jsonl'));
    expect(back).toHaveLength(1);
    expect(back[0]!.id).toBe(doc.id);
    expect(back[0]!.title).toBe(doc.title);
    expect(back[0]!.text).toBe(seed);
    const texts = back[0]!.spans.map((s) => [s.label, s.text]);
    expect(texts).toEqual([
      ['TARGET', '力争全年整治1980亩以上'],
      ['METRIC', '1980亩以上'],
      ['METRIC', '600亩以上'],
      ['PROJECT', '利安隆二期'],
    ]);
    const [target, metric] = back[0]!.spans;
    expect(target!.start).toBeLessThan(metric!.start);
    expect(metric!.end).toBe(target!.end);
  });

  it('writes code-point offsets: 利安隆 after 𠀀 is [1, 4]', () => {
    const text = '𠀀利安隆';
    const doc: ExportDocument = { id: 'a', title: 'astral', text, spans: [span('a', text, 1, 4, 'ORG')] };
    expect(doc.spans[0]!.text).toBe('利安隆');
    const out = serializeDoccano([doc]);
    expect(JSON.parse(out)).toMatchObject({ label: [[1, 4, 'ORG']] });
    expect(documents(parseDoccano(out, 'astral.jsonl'))[0]!.spans).toEqual([{ start: 1, end: 4, label: 'ORG', text: '利安隆' }]);
  });

  it('refuses to write anything when a span no longer matches its text', () => {
    const doc = seedDoc();
    doc.spans[1] = { ...doc.spans[1]!, text: '1981亩以上' };
    let thrown: unknown;
    let out: string | undefined;
    try {
      out = serializeDoccano([doc]);
    } catch (e) {
      thrown = e;
    }
    expect(out).toBeUndefined();
    expect(thrown).toBeInstanceOf(ExportError);
    expect((thrown as Error).message).toContain('常山县2023年政府工作报告 p11');
    expect((thrown as Error).message).toContain('1981亩以上');
  });
});

describe('registry', () => {
  it('lists doccano and finds it by id', () => {
    expect(formats.map((f) => f.id)).toContain('doccano');
    expect(formatById('doccano')).toBe(doccano);
    expect(formatById('nope')).toBeUndefined();
    expect(doccano.extension).toBe('jsonl');
    for (const f of formats) expect(formatById(f.id)).toBe(f);
    expect(new Set(formats.map((f) => f.id)).size).toBe(formats.length);
  });
});
