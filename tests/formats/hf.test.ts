import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatten } from '../../src/core/nesting.ts';
import type { Span } from '../../src/core/spans.ts';
import { hf, readHf, writeHf } from '../../src/formats/hf.ts';
import { ExportError, formatErrorMessage, type DatasetDocument, type ExportDocument, type FormatError, type ParseResult } from '../../src/formats/types.ts';

const SEED = readFileSync(join(import.meta.dirname, '..', '..', 'seeds', 'changshan-2023-work-report-p11.txt'), 'utf8');

function documents(r: ParseResult): DatasetDocument[] {
  if (!r.ok) throw new Error('expected success, got:\n' + r.errors.map(formatErrorMessage).join('\n'));
  return r.documents;
}

function errors(r: ParseResult): FormatError[] {
  if (r.ok) throw new Error('expected errors, got ' + JSON.stringify(r.documents));
  expect(r).not.toHaveProperty('documents');
  return r.errors;
}

const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

function cpFind(text: string, needle: string): { start: number; end: number } {
  const cps = Array.from(text);
  const n = Array.from(needle);
  for (let i = 0; i + n.length <= cps.length; i++) if (n.every((c, k) => cps[i + k] === c)) return { start: i, end: i + n.length };
  throw new Error(`${needle} not in text`);
}

let seq = 0;
function doc(id: string, text: string, spans: [number, number, string][] = [], title = `doc ${id}`): ExportDocument {
  return {
    id,
    title,
    text,
    spans: spans.map(([start, end, label]): Span => ({ id: `s${++seq}`, docId: id, start, end, label, text: cpSlice(text, start, end) })),
  };
}

interface Rec {
  id: string;
  title: string;
  tokens: string[];
  ner_tags: number[];
}
const records = (content: string): Rec[] => content.trimEnd().split('\n').map((l) => JSON.parse(l) as Rec);
const asSpans = (d: DatasetDocument) => d.spans.map((s) => [s.start, s.end, s.label, s.text]);

describe('hf export', () => {
  it('one line per document, one token per code point (white space and "\\n" included), integer tags, a labels file', () => {
    const text = '𠀀利安隆 二期\n😀';
    const out = writeHf([doc('d1', text, [[0, 4, 'ORG'], [7, 8, 'X']], '报告')], { baseName: 'train' });
    expect(out.report).toEqual([]);
    expect(out.files.map((f) => f.name)).toEqual(['train.jsonl', 'train.labels.json']);
    const labels = JSON.parse(out.files[1]!.content) as string[];
    expect(labels).toEqual(['O', 'B-ORG', 'I-ORG', 'B-X', 'I-X']);
    const [rec] = records(out.files[0]!.content);
    expect(rec).toEqual({
      id: 'd1',
      title: '报告',
      tokens: ['𠀀', '利', '安', '隆', ' ', '二', '期', '\n', '😀'],
      ner_tags: [1, 2, 2, 2, 0, 0, 0, 3, 0],
    });
    expect(rec!.tokens.join('')).toBe(text);
    expect(rec!.ner_tags.map((i) => labels[i])).toEqual(['B-ORG', 'I-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'O', 'B-X', 'O']);
  });

  it('BIO for Chinese on the seed: 1980亩以上 is B-METRIC then six I-METRIC', () => {
    const m = cpFind(SEED, '1980亩以上');
    const out = writeHf([doc('seed', SEED, [[m.start, m.end, 'METRIC']])]);
    const labels = JSON.parse(out.files[1]!.content) as string[];
    const [rec] = records(out.files[0]!.content);
    const tags = rec!.ner_tags.map((i) => labels[i]);
    expect(rec!.tokens.slice(m.start - 1, m.end + 1)).toEqual(['治', '1', '9', '8', '0', '亩', '以', '上', '。']);
    expect(tags.slice(m.start - 1, m.end + 1)).toEqual(['O', 'B-METRIC', ...Array(6).fill('I-METRIC'), 'O']);
  });

  it('BIOES and BMES label lists', () => {
    const d = doc('a', '利安隆和', [[0, 3, 'ORG'], [3, 4, 'C']]);
    const labelsOf = (scheme: 'bioes' | 'bmes') => JSON.parse(writeHf([d], { scheme }).files[1]!.content) as string[];
    expect(labelsOf('bioes')).toEqual(['O', 'B-C', 'I-C', 'E-C', 'S-C', 'B-ORG', 'I-ORG', 'E-ORG', 'S-ORG']);
    expect(labelsOf('bmes')).toEqual(['O', 'B-C', 'M-C', 'E-C', 'S-C', 'B-ORG', 'M-ORG', 'E-ORG', 'S-ORG']);
    const out = writeHf([d], { scheme: 'bmes' });
    const names = labelsOf('bmes');
    expect(records(out.files[0]!.content)[0]!.ner_tags.map((i) => names[i])).toEqual(['B-ORG', 'M-ORG', 'E-ORG', 'S-C']);
  });

  it('options.labels fixes the label list (the same for every part of a split), and must hold every label used', () => {
    const d = doc('a', '利安隆', [[0, 3, 'ORG']]);
    const out = writeHf([d], { labels: ['PER', 'ORG', 'LOC'] });
    expect(JSON.parse(out.files[1]!.content)).toEqual(['O', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER']);
    expect(() => writeHf([d], { labels: ['PER'] })).toThrow(/"ORG"/);
  });

  it('nesting: outer, inner and split, every dropped span reported', () => {
    const t = cpFind(SEED, '力争全年整治1980亩以上');
    const m = cpFind(SEED, '1980亩以上');
    const d = doc('seed', SEED, [[t.start, t.end, 'TARGET'], [m.start, m.end, 'METRIC']], '报告');
    const outer = writeHf([d]);
    expect(outer.report).toEqual(['"报告": dropped METRIC [212,219) 「1980亩以上」 inside TARGET [206,219)']);
    expect(asSpans(documents(readHf(outer.files).result)[0]!)).toEqual([[206, 219, 'TARGET', '力争全年整治1980亩以上']]);
    const inner = writeHf([d], { nested: 'inner' });
    expect(inner.report).toEqual(['"报告": dropped TARGET [206,219) 「力争全年整治1980亩以上」 containing METRIC [212,219)']);
    expect(asSpans(documents(readHf(inner.files).result)[0]!)).toEqual([[212, 219, 'METRIC', '1980亩以上']]);

    const split = writeHf([d], { nested: 'split', baseName: 'dev' });
    expect(split.report).toEqual([]);
    expect(split.files.map((f) => f.name)).toEqual(['dev.METRIC.jsonl', 'dev.TARGET.jsonl', 'dev.labels.json']);
    const back = documents(readHf(split.files).result); // one labels file serves both
    expect(back.map(asSpans)).toEqual([[[212, 219, 'METRIC', '1980亩以上']], [[206, 219, 'TARGET', '力争全年整治1980亩以上']]]);
  });

  it('refuses (ExportError) a span that no longer matches its text', () => {
    const d = doc('a', '利安隆', [[0, 3, 'ORG']]);
    d.spans[0]!.text = 'x';
    expect(() => writeHf([d])).toThrow(ExportError);
  });

  it('is registered with its facts', () => {
    expect([hf.id, hf.extension, hf.nesting, typeof hf.read]).toEqual(['hf', 'jsonl', false, 'function']);
  });
});

describe('hf import', () => {
  it('integer tags through labels.json; string tags need no labels file', () => {
    const labels = { name: 'labels.json', content: '["O","B-PER","I-PER","B-LOC","I-LOC"]' };
    const data = { name: 'train.jsonl', content: '{"id": 7, "tokens": ["张","三","在","北","京"], "ner_tags": [1,2,0,3,4]}\n\n' };
    expect(documents(readHf([data, labels]).result)).toEqual([
      {
        id: '7',
        title: '7',
        text: '张三在北京',
        spans: [
          { start: 0, end: 2, label: 'PER', text: '张三' },
          { start: 3, end: 5, label: 'LOC', text: '北京' },
        ],
      },
    ]);
    const strings = { name: 's.jsonl', content: '{"tokens": ["𠀀","利"], "ner_tags": ["B-ORG.X","I-ORG.X"]}\r\n' };
    expect(documents(readHf([strings]).result)).toEqual([{ title: 's.jsonl #1', text: '𠀀利', spans: [{ start: 0, end: 2, label: 'ORG.X', text: '𠀀利' }] }]);
  });

  it('finds each file its labels: <stem>.labels.json first, then labels.json', () => {
    const files = [
      { name: 'x/train.jsonl', content: '{"tokens": ["甲"], "ner_tags": [1]}' },
      { name: 'x/train.labels.json', content: '["O","B-A"]' },
      { name: 'x/labels.json', content: '["O","B-B"]' },
      { name: 'x/dev.jsonl', content: '{"tokens": ["乙"], "ner_tags": [1]}' },
    ];
    expect(documents(readHf(files).result).map((d) => d.spans[0]!.label)).toEqual(['A', 'B']);
  });

  it('word-level sets (tokens longer than a character): tokens joined by one space', () => {
    const data = { name: 'c03.jsonl', content: JSON.stringify({ tokens: ['EU', 'rejects', 'German', 'call'], ner_tags: ['B-ORG', 'O', 'B-MISC', 'O'] }) };
    const [d] = documents(readHf([data]).result);
    expect(d).toEqual({
      title: 'c03.jsonl #1',
      text: 'EU rejects German call',
      spans: [
        { start: 0, end: 2, label: 'ORG', text: 'EU' },
        { start: 11, end: 17, label: 'MISC', text: 'German' },
      ],
    });
  });

  it('tag oddities are read and noted', () => {
    const r = readHf([{ name: 'n.jsonl', content: '{"tokens": ["张","三"], "ner_tags": ["I-PER","I-PER"]}' }]);
    expect(documents(r.result)[0]!.spans).toEqual([{ start: 0, end: 2, label: 'PER', text: '张三' }]);
    expect(r.notes).toEqual(['n.jsonl:1: ner_tags[0]: I-PER without B-PER before it: a PER span begins here']);
    expect(hf.read!([{ name: 'n.jsonl', content: '{"tokens": ["张"], "ner_tags": ["I-PER"]}' }]).notes).toEqual([
      'n.jsonl:1: ner_tags[0]: I-PER without B-PER before it: a PER span begins here',
    ]);
  });

  it('several bad lines: every error with its line and field, nothing returned', () => {
    const content = [
      '{"tokens": ["甲"], "ner_tags": [1]}', // 1 ok
      'not json', // 2
      '{"tokens": ["甲", "乙"], "ner_tags": [1]}', // 3 lengths differ
      '{"tokens": ["甲"], "ner_tags": [9]}', // 4 index outside labels
      '{"tokens": [""], "ner_tags": [0]}', // 5 empty token
      '{"tokens": ["甲"], "ner_tags": ["X-PER"]}', // 6 not a tag
      '{"tokens": "甲", "ner_tags": [-1]}', // 7 wrong types
      '{"ner_tags": []}', // 8 no tokens
    ].join('\n');
    const bad = errors(readHf([{ name: 'bad.jsonl', content }, { name: 'labels.json', content: '["O","B-A"]' }]).result);
    expect(bad.map((e) => [e.line, e.field])).toEqual([
      [2, undefined],
      [3, 'ner_tags'],
      [4, 'ner_tags[0]'],
      [5, 'tokens[0]'],
      [6, 'ner_tags[0]'],
      [7, 'tokens'],
      [7, 'ner_tags[0]'],
      [8, 'tokens'],
    ]);
    expect(bad.every((e) => e.file === 'bad.jsonl')).toBe(true);
    expect(formatErrorMessage(bad[1]!)).toBe('bad.jsonl:3: ner_tags: 1 tags for 2 tokens');
    expect(bad[2]!.message).toBe('tag 9 is not in labels.json (2 tags)');
    expect(bad[4]!.message).toBe('"X-PER" is not a tag (O, or B/I/M/E/L/S/U, "-" and a label)');
  });

  it('integer tags without a labels file, and a broken labels file, are errors', () => {
    const data = { name: 'd.jsonl', content: '{"tokens": ["甲"], "ner_tags": [0]}' };
    expect(errors(readHf([data]).result)).toEqual([
      { file: 'd.jsonl', line: 1, field: 'ner_tags[0]', message: 'integer tags need a labels file (labels.json) among the files, or tag names instead' },
    ]);
    expect(errors(readHf([data, { name: 'labels.json', content: '{"O": 0}' }]).result)).toEqual([
      { file: 'labels.json', line: 1, message: 'must be a JSON list of tag names' },
    ]);
    expect(errors(readHf([data, { name: 'labels.json', content: '["O","Z-A"]' }]).result)[0]).toMatchObject({ file: 'labels.json', field: '[1]' });
    expect(errors(readHf([data, { name: 'labels.json', content: '["O",' }]).result)[0]!.message).toMatch(/^not valid JSON/);
  });
});

describe('hf round trip (property)', () => {
  const PIECES = ['政', '标', '利', 'a', ' ', '。', '\u3000', '𠀀', '😀', '👍🏽', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u200d', '\u2028', '\ud800', '\udc00', '"', '\\'];
  const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));
  const docArb = (index: number) =>
    textArb.chain((text) => {
      const n = Array.from(text).length;
      const spanArb =
        n === 0
          ? fc.constant([] as [number, number, string][])
          : fc.array(
              fc
                .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom('TARGET', 'METRIC', '机构', 'A B'))
                .map(([a, len, l]): [number, number, string] => [a, Math.min(n, a + len), l]),
              { maxLength: 6 },
            );
      return spanArb.map((spans) => doc(`d${index}`, text, spans, `标题 ${index}`));
    });
  const docsArb = fc.integer({ min: 0, max: 3 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

  for (const scheme of ['bio', 'bioes', 'bmes'] as const) {
    for (const nested of ['outer', 'inner'] as const) {
      it(`${scheme}, ${nested}: ids, titles and texts come back exactly, spans as flattened`, () => {
        fc.assert(
          fc.property(docsArb, (docs) => {
            const out = writeHf(docs, { scheme, nested });
            for (const line of out.files[0]!.content.trimEnd().split('\n').filter((l) => l !== '')) {
              const rec = JSON.parse(line) as Rec;
              expect(rec.tokens.every((t) => Array.from(t).length === 1)).toBe(true);
            }
            const r = readHf(out.files);
            expect(r.notes).toEqual([]);
            const back = documents(r.result);
            expect(back.map((d) => [d.id, d.title, d.text])).toEqual(docs.map((d) => [d.id, d.title, d.text]));
            let dropped = 0;
            docs.forEach((d, k) => {
              const f = flatten(d.spans, nested);
              dropped += f.dropped.length;
              expect(back[k]!.spans).toEqual(f.kept.map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text })));
            });
            expect(out.report).toHaveLength(dropped);
          }),
          { numRuns: 150 },
        );
      });
    }
  }
});
