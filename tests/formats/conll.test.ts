import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatten } from '../../src/core/nesting.ts';
import type { Span } from '../../src/core/spans.ts';
import { conll, escapeChar, parseConll, readConll, unescapeToken, writeConll } from '../../src/formats/conll.ts';
import { fileBytes } from '../../src/formats/utf8.ts';
import { ExportError, formatErrorMessage, type DatasetDocument, type ExportDocument, type FormatError, type ParseResult } from '../../src/formats/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const MSRA = 'msra_ner/msra_test_bio';
const DOCCANO_CONLL = 'doccano/data_import__tests__data__sequence_labeling__example.conll';
const SPACY_IOB = 'spacy/ner-token-per-line.iob';
const SEED = readFileSync(join(import.meta.dirname, '..', '..', 'seeds', 'changshan-2023-work-report-p11.txt'), 'utf8');
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

function cpFind(text: string, needle: string, from = 0): { start: number; end: number } {
  const cps = Array.from(text);
  const n = Array.from(needle);
  for (let i = from; i + n.length <= cps.length; i++) {
    if (n.every((c, k) => cps[i + k] === c)) return { start: i, end: i + n.length };
  }
  throw new Error(`${needle} not in text`);
}

let seq = 0;
function span(docId: string, text: string, start: number, end: number, label: string): Span {
  return { id: `s${++seq}`, docId, start, end, label, text: cpSlice(text, start, end) };
}

function doc(id: string, text: string, spans: [number, number, string][] = [], title = `doc ${id}`): ExportDocument {
  return { id, title, text, spans: spans.map(([a, b, l]) => span(id, text, a, b, l)) };
}

const only = (files: { name: string; content: string }[]) => {
  expect(files).toHaveLength(1);
  return files[0]!.content;
};
const asSpans = (d: DatasetDocument) => d.spans.map((s) => [s.start, s.end, s.label, s.text]);

describe('CoNLL fixtures', () => {
  it('MSRA: one document per sentence, BIO spans with their exact text', () => {
    const content = fixture(MSRA);
    const r = readConll([{ name: MSRA, content }]);
    expect(r.notes).toEqual([]); // a clean BIO file: no I- without B-
    const docs = documents(r.result);
    expect(docs).toHaveLength(300);
    expect(docs.map((d) => d.title).slice(0, 2)).toEqual([`${MSRA} #1`, `${MSRA} #2`]);

    // Independent oracle: each block of lines joined is the text.
    const blocks = content.trimEnd().split('\n\n');
    expect(docs.map((d) => d.text)).toEqual(blocks.map((b) => b.split('\n').map((l) => l.split('\t')[0]).join('')));

    expect(asSpans(docs[0]!)).toEqual([
      [0, 4, 'ORG', '中共中央'],
      [5, 13, 'ORG', '中国致公党十一大'],
      [27, 42, 'ORG', '中国致公党第十一次全国代表大会'],
      [49, 59, 'ORG', '中国共产党中央委员会'],
      [72, 75, 'ORG', '致公党'],
    ]);
    expect(asSpans(docs[1]!)).toContainEqual([12, 15, 'PER', '邓小平']);
    expect(asSpans(docs[2]!)).toContainEqual([54, 56, 'LOC', '中华']);
    for (const d of docs) for (const s of d.spans) expect(cpSlice(d.text, s.start, s.end)).toBe(s.text);

    // One span per B- tag of the file (219 PER, 372 LOC, 210 ORG).
    const count = (label: string) => docs.reduce((n, d) => n + d.spans.filter((s) => s.label === label).length, 0);
    expect([count('PER'), count('LOC'), count('ORG')]).toEqual([219, 372, 210]);
  });

  it('MSRA with CRLF line ends reads the same', () => {
    const content = fixture(MSRA);
    expect(documents(parseConll(content.replace(/\n/g, '\r\n'), MSRA))).toEqual(documents(parseConll(content, MSRA)));
  });

  it("doccano's example.conll: English WORD tokens, joined by one space, spans over words", () => {
    expect(documents(parseConll(fixture(DOCCANO_CONLL), DOCCANO_CONLL))).toEqual([
      { title: `${DOCCANO_CONLL} #1`, text: 'JAPAN GET', spans: [{ start: 0, end: 5, label: 'LOC', text: 'JAPAN' }] },
      { title: `${DOCCANO_CONLL} #2`, text: 'Nadim Ladki', spans: [{ start: 0, end: 11, label: 'PER', text: 'Nadim Ladki' }] },
    ]);
  });

  it("spaCy's token-per-line IOB example is word CoNLL too", () => {
    const docs = documents(parseConll(fixture(SPACY_IOB), SPACY_IOB));
    expect(docs).toHaveLength(1);
    const d = docs[0]!;
    expect(d.text.startsWith('When Sebastian Thrun started working on self - driving cars at Google in 2007 ,')).toBe(true);
    expect(d.spans.map((s) => [s.label, s.text])).toEqual([
      ['PERSON', 'Sebastian Thrun'],
      ['ORG', 'Google'],
      ['DATE', '2007'],
      ['NORP', 'American'],
      ['PERSON', 'Thrun'],
      ['ORG', 'Recode'],
      ['DATE', 'earlier this week'],
    ]);
    for (const s of d.spans) expect(cpSlice(d.text, s.start, s.end)).toBe(s.text);
  });
});

describe('CoNLL export', () => {
  it('writes -DOCSTART-, one code point a line, and a blank line for every "\\n"', () => {
    const out = writeConll([doc('a', '𠀀利\n安', [[0, 2, 'ORG']]), doc('b', '')]);
    expect(out.report).toEqual([]);
    const expected = '-DOCSTART-\tO\n\n𠀀\tB-ORG\n利\tI-ORG\n\n安\tO\n\n' + '-DOCSTART-\tO\n\n\n';
    expect(out.files.map((f) => ({ name: f.name, content: f.content }))).toEqual([{ name: 'dataset.conll', content: expected }]);
    // The file is written as UTF-8 bytes; its text is those bytes decoded.
    expect(fileBytes(out.files[0]!)).toEqual(new TextEncoder().encode(expected));
    const empty = writeConll([], { baseName: 'train' }).files;
    expect(empty.map((f) => [f.name, f.content, fileBytes(f).length])).toEqual([['train.conll', '', 0]]);
  });

  it('BIO for Chinese on the seed: 1980亩以上 is B-METRIC then six I-METRIC', () => {
    const m = cpFind(SEED, '1980亩以上');
    expect(m).toEqual({ start: 212, end: 219 });
    const content = only(writeConll([doc('seed', SEED, [[m.start, m.end, 'METRIC']])]).files);
    const lines = content.split('\n');
    const at = lines.indexOf('1\tB-METRIC');
    expect(lines.slice(at - 2, at + 8)).toEqual([
      '整\tO',
      '治\tO',
      '1\tB-METRIC',
      '9\tI-METRIC',
      '8\tI-METRIC',
      '0\tI-METRIC',
      '亩\tI-METRIC',
      '以\tI-METRIC',
      '上\tI-METRIC',
      '。\tO',
    ]);
    // No line holds half a surrogate pair, and the seed's 8 lines are 8 sentences.
    expect(lines.filter((l) => l !== '').every((l) => !/[\ud800-\udfff]/.test(l) || /[\ud800-\udbff][\udc00-\udfff]/.test(l))).toBe(true);
    expect(content.split('\n\n').length - 1).toBe(1 + SEED.split('\n').length);
  });

  it('BIOES and BMES', () => {
    const d = doc('a', '利安隆和众卡', [[0, 3, 'ORG'], [3, 4, 'C'], [4, 6, 'ORG']]);
    const tags = (scheme: 'bioes' | 'bmes') =>
      only(writeConll([d], { scheme }).files)
        .split('\n')
        .filter((l) => l.includes('\t') && !l.startsWith('-DOCSTART-'))
        .map((l) => l.split('\t')[1]);
    expect(tags('bioes')).toEqual(['B-ORG', 'I-ORG', 'E-ORG', 'S-C', 'B-ORG', 'E-ORG']);
    expect(tags('bmes')).toEqual(['B-ORG', 'M-ORG', 'E-ORG', 'S-C', 'B-ORG', 'E-ORG']);
  });

  it('escapes white space, control characters and lone surrogates as <U+XXXX>, and reads them back', () => {
    const text = 'a b\t\u3000c\r\n\u00a0\u2028\ufeff\ud800x';
    const content = only(writeConll([doc('w', text, [[0, 3, 'X']])]).files);
    expect(content.split('\n').slice(2, 7)).toEqual(['a\tB-X', '<U+0020>\tI-X', 'b\tI-X', '<U+0009>\tO', '<U+3000>\tO']);
    expect(content).toContain('<U+000D>\tO\n\n<U+00A0>\tO\n<U+2028>\tO\n<U+FEFF>\tO\n<U+D800>\tO\nx\tO\n');
    expect(documents(parseConll(content, 'w.conll'))).toEqual([{ title: 'w.conll #1', text, spans: [{ start: 0, end: 3, label: 'X', text: 'a b' }] }]);
    expect(escapeChar('𠀀')).toBe('𠀀');
    expect(unescapeToken('<U+1F600>')).toBe('😀');
    expect(unescapeToken('<U+110000>')).toBeNull();
  });

  it('CRLF text: "\\r" is a character, written escaped at the end of its sentence', () => {
    const text = '利安隆\r\n二期\r\n';
    const out = writeConll([doc('c', text, [[0, 3, 'ORG']])]);
    expect(only(out.files)).toBe('-DOCSTART-\tO\n\n利\tB-ORG\n安\tI-ORG\n隆\tI-ORG\n<U+000D>\tO\n\n二\tO\n期\tO\n<U+000D>\tO\n\n\n');
    expect(documents(parseConll(only(out.files), 'c.conll'))[0]!.text).toBe(text);
  });

  it('nesting: outer (default) and inner keep one level, every dropped span reported', () => {
    const t = cpFind(SEED, '力争全年整治1980亩以上');
    const m = cpFind(SEED, '1980亩以上');
    const d = doc('seed', SEED, [[t.start, t.end, 'TARGET'], [m.start, m.end, 'METRIC']], '报告');
    const outer = writeConll([d]);
    expect(outer.report).toEqual(['"报告": dropped METRIC [212,219) 「1980亩以上」 inside TARGET [206,219)']);
    const back = documents(parseConll(only(outer.files), 'o.conll'))[0]!;
    expect(back.text).toBe(SEED);
    expect(asSpans(back)).toEqual([[206, 219, 'TARGET', '力争全年整治1980亩以上']]);

    const inner = writeConll([d], { nested: 'inner' });
    expect(inner.report).toEqual(['"报告": dropped TARGET [206,219) 「力争全年整治1980亩以上」 containing METRIC [212,219)']);
    expect(asSpans(documents(parseConll(only(inner.files), 'i.conll'))[0]!)).toEqual([[212, 219, 'METRIC', '1980亩以上']]);
  });

  it('nesting: split writes one file per label with every document', () => {
    const t = cpFind(SEED, '力争全年整治1980亩以上');
    const m = cpFind(SEED, '1980亩以上');
    const docs = [doc('seed', SEED, [[t.start, t.end, 'TARGET'], [m.start, m.end, 'METRIC']], '报告'), doc('x', '无标注')];
    const out = writeConll(docs, { nested: 'split', baseName: 'train' });
    expect(out.report).toEqual([]);
    expect(out.files.map((f) => f.name)).toEqual(['train.METRIC.conll', 'train.TARGET.conll']);
    const metric = documents(parseConll(out.files[0]!.content, 'm'));
    expect(metric.map((x) => x.text)).toEqual([SEED, '无标注']);
    expect(asSpans(metric[0]!)).toEqual([[212, 219, 'METRIC', '1980亩以上']]);
    expect(asSpans(documents(parseConll(out.files[1]!.content, 't'))[0]!)).toEqual([[206, 219, 'TARGET', '力争全年整治1980亩以上']]);
    // Within one label, nesting is flattened outer, and reported with the label's file.
    const same = writeConll([doc('n', '甲乙丙', [[0, 3, 'A'], [1, 2, 'A']], 'n')], { nested: 'split' });
    expect(same.report).toEqual(['A file: "n": dropped A [1,2) 「乙」 inside A [0,3)']);
    // No spans at all: one file, all O.
    expect(writeConll([doc('z', '甲')], { nested: 'split' }).files.map((f) => f.name)).toEqual(['dataset.conll']);
  });

  it('a span holding a "\\n" is dropped and reported (it would be cut at the sentence break)', () => {
    const out = writeConll([doc('a', '甲乙\n丙丁', [[1, 4, 'X'], [3, 5, 'Y']], '跨行')]);
    expect(out.report).toEqual(['"跨行": dropped X [1,4) 「乙\n丙」: contains a line break, which ends a CoNLL sentence']);
    // Y survives: X, dropped first, pushes nothing out.
    expect(asSpans(documents(parseConll(only(out.files), 'a'))[0]!)).toEqual([[3, 5, 'Y', '丙丁']]);
  });

  it('a label with white space is written with _ and reported', () => {
    const out = writeConll([doc('a', '甲乙', [[0, 2, 'MY LABEL']])]);
    expect(only(out.files)).toContain('甲\tB-MY_LABEL\n');
    expect(out.report).toEqual(['label "MY LABEL" written as "MY_LABEL": a tag cannot contain white space']);
  });

  it('refuses (ExportError) a span that no longer matches its text, before writing anything', () => {
    const d = doc('a', '利安隆', [[0, 3, 'ORG']]);
    d.spans[0]!.text = '利安';
    expect(() => writeConll([d])).toThrow(ExportError);
  });

  it('is registered with its facts', () => {
    expect([conll.id, conll.extension, conll.nesting, typeof conll.read]).toEqual(['conll', 'conll', false, 'function']);
  });
});

describe('CoNLL import', () => {
  it('several bad lines: every error with its line, nothing returned', () => {
    const content = [
      '中\tB-ORG', // 1
      '国', // 2 no tag
      '人\tX-PER', // 3 unknown tag shape
      '\tO', // 4 no character
      '', // 5
      '<U+110000>\tO', // 6 not a code point
      '民\tB-', // 7 tag without label
      '好\t', // 8 empty tag
    ].join('\n');
    const bad = errors(parseConll(content, 'bad.conll'));
    expect(bad.map((e) => e.line)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(bad.every((e) => e.file === 'bad.conll')).toBe(true);
    expect(formatErrorMessage(bad[0]!)).toBe('bad.conll:2: "国" has no tag (a line is "character<TAB>TAG")');
    expect(bad[1]!.message).toBe('unknown tag "X-PER": a tag is O, or B/I/M/E/L/S/U, "-" and a label');
    expect(bad[2]!.message).toBe('no character before the tag "O"');
    // readConll joins files: errors of all of them, no documents.
    const r = readConll([
      { name: 'ok.conll', content: '甲\tO\n' },
      { name: 'bad.conll', content },
    ]);
    expect(errors(r.result)).toHaveLength(6);
  });

  it('reads space-separated and four-column CoNLL 2003 lines, with -DOCSTART- documents', () => {
    const content = ['-DOCSTART- -X- -X- O', '', 'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', '', 'Peter NNP B-NP B-PER', 'Blackburn NNP I-NP I-PER', ''].join('\n');
    expect(documents(parseConll(content, 'c03'))).toEqual([
      {
        title: 'c03 #1',
        text: 'EU rejects\nPeter Blackburn',
        spans: [
          { start: 0, end: 2, label: 'ORG', text: 'EU' },
          { start: 11, end: 26, label: 'PER', text: 'Peter Blackburn' },
        ],
      },
    ]);
    expect(documents(parseConll('中 B-LOC\n国 I-LOC\n', 'sp'))[0]).toEqual({
      title: 'sp #1',
      text: '中国',
      spans: [{ start: 0, end: 2, label: 'LOC', text: '中国' }],
    });
  });

  it('a TAB-separated white-space token is that character; a trailing space after a token is not', () => {
    expect(documents(parseConll('甲\tO\n\u3000\tO\n \tO\n乙 \tO\n', 'ws'))[0]!.text).toBe('甲\u3000 乙');
  });

  it('tolerates I- without B- (IOB1), suffixed labels and BILUO, with notes for the oddities', () => {
    const r = readConll([{ name: 'iob1', content: '张\tI-PER.NAM\n三\tI-PER.NAM\n在\tO\n京\tI-LOC\n' }]);
    expect(documents(r.result)[0]!.spans).toEqual([
      { start: 0, end: 2, label: 'PER.NAM', text: '张三' },
      { start: 3, end: 4, label: 'LOC', text: '京' },
    ]);
    expect(r.notes).toEqual([
      'iob1:1: I-PER.NAM without B-PER.NAM before it: a PER.NAM span begins here',
      'iob1:4: I-LOC without B-LOC before it: a LOC span begins here',
    ]);
    // The Format's read carries them as the result's notes.
    expect(conll.read!([{ name: 'iob1', content: '张\tI-PER\n' }]).notes).toEqual(['iob1:1: I-PER without B-PER before it: a PER span begins here']);
    expect(conll.read!([{ name: 'clean', content: '张\tB-PER\n' }])).not.toHaveProperty('notes');
    const biluo = readConll([{ name: 'biluo', content: '张\tB-PER\n三\tL-PER\n在\tO\n京\tU-LOC\n' }]);
    expect(asSpans(documents(biluo.result)[0]!)).toEqual([
      [0, 2, 'PER', '张三'],
      [3, 4, 'LOC', '京'],
    ]);
    expect(biluo.notes).toEqual([]);
    // A BIOES file (S- seen) with a span not closed by E-: read, and noted.
    const loose = readConll([{ name: 'loose', content: '张\tB-PER\n三\tI-PER\n在\tO\n京\tS-LOC\n' }]);
    expect(asSpans(documents(loose.result)[0]!)).toEqual([
      [0, 2, 'PER', '张三'],
      [3, 4, 'LOC', '京'],
    ]);
    expect(loose.notes).toEqual(['loose:2: PER span [0,2) does not end with E-PER']);
  });

  it('detects the scheme per file: BMES', () => {
    const r = readConll([{ name: 'bmes', content: '利\tB-ORG\n安\tM-ORG\n隆\tE-ORG\n和\tS-C\n' }]);
    expect(asSpans(documents(r.result)[0]!)).toEqual([
      [0, 3, 'ORG', '利安隆'],
      [3, 4, 'C', '和'],
    ]);
    expect(r.notes).toEqual([]);
  });

  it('one grapheme of several code points does not make a character file a word file', () => {
    expect(documents(parseConll('好\tO\n👍🏽\tS-E\n', 'g'))[0]).toEqual({ title: 'g #1', text: '好👍🏽', spans: [{ start: 1, end: 3, label: 'E', text: '👍🏽' }] });
  });

  it('a byte-order mark, an empty file, blank lines of spaces', () => {
    expect(documents(parseConll('\ufeff甲\tO\n  \n乙\tO', 'b')).map((d) => d.text)).toEqual(['甲', '乙']);
    expect(documents(parseConll('', 'e'))).toEqual([]);
    expect(documents(parseConll('\n\n', 'e'))).toEqual([]);
  });

  it('-DOCSTART- grammar: empty paragraphs and documents survive; tokens before the first marker are a document', () => {
    const docs = [doc('1', '\n甲\n\n乙\n'), doc('2', ''), doc('3', '\n')];
    const back = documents(parseConll(only(writeConll(docs).files), 'g'));
    expect(back.map((d) => d.text)).toEqual(['\n甲\n\n乙\n', '', '\n']);
    expect(documents(parseConll('甲\tO\n\n-DOCSTART-\tO\n\n乙\tO\n\n丙\tO\n', 'm')).map((d) => d.text)).toEqual(['甲', '乙\n丙']);
  });
});

describe('CoNLL round trip (property)', () => {
  const PIECES = ['政', '标', '利', 'a', ' ', '。', '\u3000', '𠀀', '😀', '👍🏽', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u200d', '\u2028', '\ud800', '\udc00', '<', 'U+0020>'];
  const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));
  const docArb = (index: number) =>
    textArb.chain((text) => {
      const n = Array.from(text).length;
      const spanArb =
        n === 0
          ? fc.constant([] as [number, number, string][])
          : fc.array(
              fc
                .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom('TARGET', 'METRIC', '机构', 'PER.NAM'))
                .map(([a, len, l]): [number, number, string] => [a, Math.min(n, a + len), l]),
              { maxLength: 6 },
            );
      return spanArb.map((spans) => doc(`d${index}`, text, spans));
    });
  const docsArb = fc.integer({ min: 0, max: 3 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

  for (const scheme of ['bio', 'bioes', 'bmes'] as const) {
    for (const nested of ['outer', 'inner'] as const) {
      it(`${scheme}, ${nested}: texts come back exactly, spans as flattened, every loss reported`, () => {
        fc.assert(
          fc.property(docsArb, fc.boolean(), (docs, crlfFile) => {
            const out = writeConll(docs, { scheme, nested });
            let content = only(out.files);
            if (crlfFile) content = content.replace(/\n/g, '\r\n');
            const r = readConll([{ name: 'rt.conll', content }]);
            const back = documents(r.result);
            expect(r.notes).toEqual([]);
            expect(back.map((d) => d.text)).toEqual(docs.map((d) => d.text));
            let reported = 0;
            docs.forEach((d, k) => {
              const lines = d.spans.filter((s) => !s.text.includes('\n'));
              reported += d.spans.length - lines.length;
              const { kept, dropped } = flatten(lines, nested);
              reported += dropped.length;
              expect(back[k]!.spans).toEqual(kept.map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text })));
            });
            expect(out.report).toHaveLength(reported);
          }),
          { numRuns: 150 },
        );
      });
    }
  }
});
