import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/core/spans.ts';
import { cluener, parseCluener, serializeCluener } from '../../src/formats/cluener.ts';
import { ExportError, formatErrorMessage, type DatasetDocument, type ExportDocument, type FormatError, type ParseResult } from '../../src/formats/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cluener2020');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function documents(r: ParseResult): DatasetDocument[] {
  if (!r.ok) throw new Error('expected success, got:\n' + r.errors.slice(0, 20).map(formatErrorMessage).join('\n'));
  return r.documents;
}

function errors(r: ParseResult): FormatError[] {
  if (r.ok) throw new Error('expected errors, got ' + JSON.stringify(r.documents));
  expect(r).not.toHaveProperty('documents');
  return r.errors;
}

/** Oracle independent of src/core: code points as Array.from sees them. */
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

let spanSeq = 0;
function span(docId: string, text: string, start: number, end: number, label: string): Span {
  return { id: `s${++spanSeq}`, docId, start, end, label, text: cpSlice(text, start, end) };
}

const bySpan = (a: { start: number; end: number; label: string; text: string }, b: typeof a) =>
  a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
const plain = (spans: readonly { start: number; end: number; label: string; text: string }[]) =>
  spans.map(({ start, end, label, text }) => ({ start, end, label, text })).sort(bySpan);

type Row = { text: string; label?: Record<string, Record<string, [number, number][]>> };

describe('CLUENER fixtures (CLUENER2020 train and dev, 300 lines each)', () => {
  for (const name of ['train.json', 'dev.json']) {
    it(`${name}: every line imports, each mention exactly at its end-inclusive offsets`, () => {
      const content = fixture(name);
      const rows = content.split('\n').filter((l) => l.trim() !== '');
      expect(rows).toHaveLength(300);
      const docs = documents(parseCluener(content, name));
      expect(docs).toHaveLength(300);
      docs.forEach((doc, k) => {
        const row = JSON.parse(rows[k]!) as Row;
        expect(doc.text).toBe(row.text);
        expect(doc.title).toBe(`${name} #${k + 1}`);
        // Independent oracle: every [s, e] of the row, end made exclusive.
        const want = Object.entries(row.label ?? {}).flatMap(([label, mentions]) =>
          Object.entries(mentions).flatMap(([mention, occ]) => occ.map(([s, e]) => ({ start: s, end: e + 1, label, text: mention }))),
        );
        expect(plain(doc.spans)).toEqual(plain(want));
        for (const s of doc.spans) expect(cpSlice(doc.text, s.start, s.end)).toBe(s.text);
      });
    });
  }

  it('dev.json: concrete spans of the first and third rows', () => {
    const docs = documents(parseCluener(fixture('dev.json'), 'dev.json'));
    expect(docs[0]!.spans).toEqual([
      { start: 0, end: 3, label: 'name', text: '彭小军' },
      { start: 15, end: 17, label: 'address', text: '台湾' },
    ]);
    expect(docs[2]!.spans).toEqual([
      { start: 0, end: 8, label: 'game', text: '突袭黑暗雅典娜》' },
      { start: 9, end: 16, label: 'name', text: 'Riddick' },
      { start: 28, end: 33, label: 'name', text: 'Johns' },
    ]);
  });

  for (const name of ['train.json', 'dev.json']) {
    it(`${name}: export → import gives equal texts and spans, and the exported label maps equal the originals`, () => {
      const docs = documents(parseCluener(fixture(name), name));
      const exportDocs: ExportDocument[] = docs.map((d, k) => ({
        id: `d${k}`,
        title: d.title,
        text: d.text,
        spans: d.spans.map((s, i) => ({ id: `s${i}`, docId: `d${k}`, ...s })),
      }));
      const out = serializeCluener(exportDocs);
      const back = documents(parseCluener(out, 'out.json'));
      expect(back.map((d) => [d.text, plain(d.spans)])).toEqual(docs.map((d) => [d.text, plain(d.spans)]));
      // Occurrences are written in document order; the original lists them in any order (train.json has
      // [[16, 21], [0, 5]] for one mention).
      const sorted = (r: Row) => ({
        text: r.text,
        label: Object.fromEntries(
          Object.entries(r.label ?? {}).map(([t, m]) => [t, Object.fromEntries(Object.entries(m).map(([k, occ]) => [k, [...occ].sort((a, b) => a[0] - b[0])]))]),
        ),
      });
      const original = fixture(name).trimEnd().split('\n').map((l) => sorted(JSON.parse(l) as Row));
      const written = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
      expect(written).toEqual(original);
    });
  }
});

describe('CLUENER import', () => {
  it('counts code points, end inclusive: 利安隆 after 𠀀 is [1, 3]; UTF-16 or end-exclusive offsets are refused', () => {
    const good = documents(parseCluener('{"text": "𠀀利安隆", "label": {"ORG": {"利安隆": [[1, 3]]}, "X": {"𠀀": [[0, 0]]}}}', 'a.json'));
    expect(good[0]!.spans).toEqual([
      { start: 0, end: 1, label: 'X', text: '𠀀' },
      { start: 1, end: 4, label: 'ORG', text: '利安隆' },
    ]);
    const utf16 = errors(parseCluener('{"text": "𠀀利安隆", "label": {"ORG": {"利安隆": [[2, 4]]}}}', 'a.json'));
    expect(utf16).toEqual([
      {
        file: 'a.json',
        line: 1,
        field: 'label.ORG["利安隆"][0][1]',
        message: 'span [2, 4] goes beyond the text, which is 4 code points long (end is inclusive)',
      },
    ]);
    const exclusive = errors(parseCluener('{"text": "𠀀利安隆。", "label": {"ORG": {"利安隆": [[1, 4]]}}}', 'a.json'));
    expect(exclusive).toEqual([
      { file: 'a.json', line: 1, field: 'label.ORG["利安隆"][0]', message: 'the text at [1, 4] is "利安隆。", not the mention "利安隆"' },
    ]);
  });

  it('reads rows without label, with null label, with an id, with other keys; skips blank lines; takes a BOM and CRLF', () => {
    const content = [
      '\uFEFF{"text": "无标注"}',
      '',
      '{"text": "也无", "label": null}',
      '{"id": 7, "text": "常山县", "label": {"address": {"常山县": [[0, 2]]}}, "extra": true}',
    ].join('\r\n');
    expect(documents(parseCluener(content, 'f.json'))).toEqual([
      { title: 'f.json #1', text: '无标注', spans: [] },
      { title: 'f.json #3', text: '也无', spans: [] },
      { id: '7', title: '7', text: '常山县', spans: [{ start: 0, end: 3, label: 'address', text: '常山县' }] },
    ]);
    expect(documents(parseCluener('', 'empty.json'))).toEqual([]);
  });

  it('reports several bad lines with their line numbers and fields, and returns no documents', () => {
    const content = [
      '{"text": "好的一行", "label": {"ORG": {"好的": [[0, 1]]}}}', // 1 ok
      'not json', // 2
      '{"text": "彭小军认为", "label": {"name": {"彭小军": [[0, 1]]}}}', // 3 mismatch
      '', // 4
      '{"text": "abc", "label": {"X": {"c": [[2, 1]]}}}', // 5 end before start
      '{"text": 5}', // 6 wrong type
      '{"text": "abc", "label": {"X": {"a": [[0, "0"]], "b": [[1]]}, "Y": ["a"], "": {"a": [[0, 0]]}}}', // 7 several
      '{"text": "abc", "label": [["a", 0, 0]]}', // 8 label not a map
      '[1]', // 9
    ].join('\n');
    const bad = errors(parseCluener(content, 'bad.json'));
    expect(bad.map((e) => [e.line, e.field])).toEqual([
      [2, undefined],
      [3, 'label.name["彭小军"][0]'],
      [5, 'label.X.c[0][1]'],
      [6, 'text'],
      [7, 'label.X.a[0][1]'],
      [7, 'label.X.b[0]'],
      [7, 'label.Y'],
      [7, 'label[""]'],
      [8, 'label'],
      [9, undefined],
    ]);
    expect(bad.every((e) => e.file === 'bad.json')).toBe(true);
    expect(bad[0]!.message).toMatch(/^not valid JSON/);
    expect(bad[1]!.message).toBe('the text at [0, 1] is "彭小", not the mention "彭小军"');
    expect(bad[2]!.message).toBe('end 1 is before start 2 (end is inclusive)');
    expect(bad[3]!.message).toBe('must be the document text (string), not 5');
    expect(bad[4]!.message).toBe('must be a whole number of code points, not the string "0"');
    expect(bad[5]!.message).toBe('must be [start, end], not a list');
    expect(bad[6]!.message).toBe('must be an object {mention: [[start, end], …]}, not a list');
    expect(bad[7]!.message).toBe('label name is empty');
    expect(bad[8]!.message).toBe('must be an object {TYPE: {mention: [[start, end], …]}}, not a list');
    expect(bad[9]!.message).toBe('a record must be a JSON object, not a list');
    expect(formatErrorMessage(bad[1]!)).toBe('bad.json:3: label.name["彭小军"][0]: the text at [0, 1] is "彭小", not the mention "彭小军"');
  });

  it('reads through the Format interface, joining files, all errors or all documents', () => {
    const ok = cluener.read!([
      { name: 'a.json', content: '{"text": "甲", "label": {"X": {"甲": [[0, 0]]}}}\n' },
      { name: 'b.json', content: '{"text": "乙"}\n' },
    ]);
    expect(documents(ok).map((d) => d.title)).toEqual(['a.json #1', 'b.json #1']);
    const bad = errors(cluener.read!([
      { name: 'a.json', content: '{"text": "甲"}\n' },
      { name: 'b.json', content: '\n{"text": "乙", "label": {"X": {"丙": [[0, 0]]}}}\n' },
    ]));
    expect(bad.map((e) => [e.file, e.line])).toEqual([['b.json', 2]]);
  });
});

describe('CLUENER export', () => {
  it('writes text and label only, one mention key per label and text with every occurrence, nested spans kept', () => {
    const text = '力争全年整治1980亩以上，新增1980亩以上';
    const id = 'd';
    const doc: ExportDocument = {
      id,
      title: '不会写出',
      text,
      spans: [
        span(id, text, 16, 23, 'METRIC'),
        span(id, text, 0, 13, 'TARGET'),
        span(id, text, 6, 13, 'METRIC'),
        span(id, text, 6, 10, 'NUM'),
      ],
    };
    const out = serializeCluener([doc, { id: 'e', title: 'empty', text: 'x\r\ny', spans: [] }]);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const row = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(['text', 'label']);
    expect(row).toEqual({
      text,
      label: { TARGET: { '力争全年整治1980亩以上': [[0, 12]] }, METRIC: { '1980亩以上': [[6, 12], [16, 22]] }, NUM: { '1980': [[6, 9]] } },
    });
    expect(JSON.parse(lines[1]!)).toEqual({ text: 'x\r\ny', label: {} });
    const back = documents(parseCluener(out, 'out.json'));
    expect(plain(back[0]!.spans)).toEqual(plain(doc.spans));
    expect(back[0]!.title).toBe('out.json #1'); // the title is not written
    expect(serializeCluener([])).toBe('');
  });

  it('writes code points, end inclusive: 利安隆 after 𠀀 is [1, 3]', () => {
    const text = '𠀀利安隆';
    const out = serializeCluener([{ id: 'a', title: 'astral', text, spans: [span('a', text, 1, 4, 'ORG')] }]);
    expect(JSON.parse(out)).toEqual({ text, label: { ORG: { 利安隆: [[1, 3]] } } });
  });

  it('a label or mention named __proto__ is an ordinary key both ways', () => {
    const text = '__proto__ x';
    const doc: ExportDocument = { id: 'p', title: 'p', text, spans: [span('p', text, 0, 9, '__proto__'), span('p', text, 0, 9, 'X')] };
    const out = serializeCluener([doc]);
    expect(out).toContain('"__proto__":{"__proto__":[[0,8]]}');
    expect(plain(documents(parseCluener(out, 'p.json'))[0]!.spans)).toEqual(plain(doc.spans));
  });

  it('refuses to write anything when a span no longer matches its text', () => {
    const text = '常山县政府';
    const doc: ExportDocument = { id: 'a', title: '报告', text, spans: [{ ...span('a', text, 0, 3, 'ORG'), text: '常山市' }] };
    expect(() => serializeCluener([doc])).toThrow(ExportError);
    expect(() => cluener.write([doc])).toThrow(/常山市/);
  });

  it('the Format: id, extension, nesting, file name from baseName, empty report', () => {
    expect([cluener.id, cluener.extension, cluener.nesting]).toEqual(['cluener', 'json', true]);
    const text = '甲乙';
    const r = cluener.write([{ id: 'a', title: 't', text, spans: [span('a', text, 0, 2, 'X'), span('a', text, 1, 2, 'Y')] }], { baseName: 'train' });
    expect(r.files.map((f) => f.name)).toEqual(['train.json']);
    expect(r.report).toEqual([]);
    expect(cluener.write([]).files.map((f) => f.name)).toEqual(['dataset.json']);
  });
});

// Characters that break naive offset handling: astral (Extension B, emoji, a flag pair), CRLF and
// lone CR/LF, combining marks, zero-width joiner, U+2028, quotes and backslashes.
const PIECES = ['政', '标', '利', '安', '隆', 'a', ' ', '。', '“', '"', '\\', '𠀀', '𪚥', '😀', '👍🏽', '🇨🇳', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u0301', '\u200d', '\u2028', '%'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const labelArb = fc.constantFrom('TARGET', 'METRIC', 'ORG', '机构', 'X"Y', 'name');

const docArb = (index: number) =>
  textArb.chain((text) => {
    const n = Array.from(text).length;
    const spanArb = fc
      .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), labelArb)
      .map(([a, len, label]) => [a, Math.min(n, a + len), label] as const);
    return fc.array(spanArb, { maxLength: 8 }).map((spans): ExportDocument => {
      const id = `d${index}`;
      return {
        id,
        title: `t${index}`,
        text,
        spans: spans.map(([start, end, label], k): Span => ({ id: `s${k}`, docId: id, start, end, label, text: cpSlice(text, start, end) })),
      };
    });
  });
const docsArb = fc.integer({ min: 0, max: 4 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

describe('CLUENER round trip (property)', () => {
  it('serialize → parse gives back every text and span (overlapping and nested included)', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const out = serializeCluener(docs);
        expect(out.split('\n')).toHaveLength(docs.length + 1);
        const back = documents(parseCluener(out, 'rt.json'));
        expect(back.map((d) => [d.text, plain(d.spans)])).toEqual(docs.map((d) => [d.text, plain(d.spans)]));
        // The file's offsets are code points, end inclusive: the oracle slice is the mention key.
        out.trimEnd().split('\n').forEach((line) => {
          if (line === '') return;
          const row = JSON.parse(line) as Required<Row>;
          for (const mentions of Object.values(row.label)) {
            for (const [mention, occ] of Object.entries(mentions)) for (const [s, e] of occ) expect(cpSlice(row.text, s, e + 1)).toBe(mention);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
