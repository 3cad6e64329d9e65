import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans, overlaps, type Span } from '../../src/core/spans.ts';
import { parseSpacy, serializeSpacy, spacy } from '../../src/formats/spacy.ts';
import { ExportError, formatErrorMessage, type DatasetDocument, type ExportDocument, type FormatError, type ParseResult } from '../../src/formats/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'spacy');
const TOKEN_JSON = 'ner-token-per-line.json';
const SENT_JSON = 'ner-sent-per-line.json';
const TOKEN_IOB = 'ner-token-per-line.iob';
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

let spanSeq = 0;
function span(docId: string, text: string, start: number, end: number, label: string): Span {
  return { id: `s${++spanSeq}`, docId, start, end, label, text: cpSlice(text, start, end) };
}

const plain = (spans: readonly { start: number; end: number; label: string; text: string }[]) =>
  spans.map(({ start, end, label, text }) => ({ start, end, label, text }));

/** 1-based line of the first line containing `needle`, searching from line `after` + 1. */
const lineOf = (content: string, needle: string, after = 0) => content.split('\n').findIndex((l, i) => i >= after && l.includes(needle)) + 1;

describe('spaCy fixtures (spaCy extra/example_data/ner_example_data)', () => {
  const THRUN = [
    ['PERSON', 'Sebastian Thrun'],
    ['ORG', 'Google'],
    ['DATE', '2007'],
    ['NORP', 'American'],
    ['PERSON', 'Thrun'],
    ['ORG', 'Recode'],
    ['DATE', 'earlier this week'],
  ];
  type V2 = { id: number; paragraphs: { sentences: { tokens: { orth: string; ner: string }[] }[] }[] }[];

  it('v2 JSON, token per line: one document of one paragraph, words joined by single spaces, BILUO entities', () => {
    const content = fixture(TOKEN_JSON);
    const docs = documents(parseSpacy(content, TOKEN_JSON));
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    const words = (JSON.parse(content) as V2)[0]!.paragraphs[0]!.sentences.flatMap((s) => s.tokens.map((t) => t.orth));
    expect(words).toHaveLength(66);
    expect(doc!.text).toBe(words.join(' '));
    expect(doc!.id).toBe('0');
    expect(doc!.spans.map((s) => [s.label, s.text])).toEqual(THRUN);
    expect(doc!.spans[0]).toEqual({ start: 5, end: 20, label: 'PERSON', text: 'Sebastian Thrun' });
    expect(doc!.spans[6]).toEqual({ start: 315, end: 332, label: 'DATE', text: 'earlier this week' });
    for (const s of doc!.spans) expect(cpSlice(doc!.text, s.start, s.end)).toBe(s.text);
  });

  it('all three fixtures (two v2 JSON files and the IOB file) give the same text and spans', () => {
    const [a, b, c] = [TOKEN_JSON, SENT_JSON, TOKEN_IOB].map((name) => documents(parseSpacy(fixture(name), name)));
    expect(b!.map((d) => [d.text, d.spans])).toEqual(a!.map((d) => [d.text, d.spans]));
    expect(c!.map((d) => [d.text, d.spans])).toEqual(a!.map((d) => [d.text, d.spans]));
    expect(c![0]!.title).toBe(`${TOKEN_IOB} #1`);
    expect(c![0]!.id).toBeUndefined();
  });

  it('the IOB fixture really is token-per-line `word<TAB>TAG` with IOB2 tags (spaCy\'s "ner" converter input)', () => {
    const lines = fixture(TOKEN_IOB).trimEnd().split('\n');
    expect(lines.every((l) => /^\S+\t(O|[BI]-\S+)$/.test(l))).toBe(true);
  });

  it('a broken BILUO sequence in the v2 JSON is reported at the token, on its line', () => {
    const content = fixture(TOKEN_JSON).replace('"ner":"L-PERSON"', '"ner":"I-PERSON"');
    const bad = errors(parseSpacy(content, TOKEN_JSON));
    expect(bad).toEqual([
      {
        file: TOKEN_JSON,
        line: lineOf(content, '"orth":"started"') + 2,
        field: 'paragraphs[0].sentences[0].tokens[3].ner',
        message: 'must be I-PERSON or L-PERSON (B-PERSON is open), not "O"',
      },
    ]);
  });

  it('a bad tag in the IOB fixture is reported on its line', () => {
    const content = fixture(TOKEN_IOB).replace('Thrun\tI-PERSON', 'Thrun\tL-PERSON').replace('Recode\tB-ORG', 'Recode');
    const bad = errors(parseSpacy(content, TOKEN_IOB));
    expect(bad).toEqual([
      { file: TOKEN_IOB, line: 3, field: 'tag', message: 'must be O, B-LABEL or I-LABEL, not "L-PERSON"' },
      { file: TOKEN_IOB, line: lineOf(content, 'Recode'), message: 'a token line needs the word and its tag, separated by white space' },
    ]);
  });
});

describe('spaCy import: JSON lines', () => {
  it('counts code points: 利安隆 after 𠀀 is [1, 4]; the UTF-16 offsets [2, 5] are refused', () => {
    expect(documents(parseSpacy('{"text": "𠀀利安隆", "entities": [[1, 4, "ORG"]]}\n', 'a.jsonl'))).toEqual([
      { title: 'a.jsonl #1', text: '𠀀利安隆', spans: [{ start: 1, end: 4, label: 'ORG', text: '利安隆' }] },
    ]);
    expect(errors(parseSpacy('{"text": "𠀀利安隆", "entities": [[2, 5, "ORG"]]}', 'a.jsonl'))).toEqual([
      { file: 'a.jsonl', line: 1, field: 'entities[0][1]', message: 'span [2, 5) goes beyond the text, which is 4 code points long' },
    ]);
  });

  it('reads id and title when present, records without entities, BOM, CRLF and blank lines', () => {
    const content = ['\uFEFF{"text": "甲", "entities": []}', '', '{"id": 3, "title": "标题", "text": "乙丙", "entities": [[0, 2, "X"]], "meta": {}}', '{"text": "丁"}'].join('\r\n');
    expect(documents(parseSpacy(content, 'f.jsonl'))).toEqual([
      { title: 'f.jsonl #1', text: '甲', spans: [] },
      { id: '3', title: '标题', text: '乙丙', spans: [{ start: 0, end: 2, label: 'X', text: '乙丙' }] },
      { title: 'f.jsonl #4', text: '丁', spans: [] },
    ]);
    expect(documents(parseSpacy('', 'e.jsonl'))).toEqual([]);
  });

  it('reports several bad lines with their line numbers and fields, and returns no documents', () => {
    const content = [
      '{"text": "好的", "entities": [[0, 1, "A"]]}', // 1 ok
      '{"text": "abc", "entities": [[2, 2, "A"], [0, 9, "B"]]}', // 2
      'not json', // 3
      '{"text": "abc", "entities": [[0, 1]]}', // 4
      '{"entities": []}', // 5
      '{"text": "abc", "entities": [["0", 1, "A"], [0, 1, ""]]}', // 6
    ].join('\n');
    const bad = errors(parseSpacy(content, 'bad.jsonl'));
    expect(bad.map((e) => [e.line, e.field, e.message])).toEqual([
      [2, 'entities[0][1]', 'end 2 is not after start 2 (end is exclusive)'],
      [2, 'entities[1][1]', 'span [0, 9) goes beyond the text, which is 3 code points long'],
      [3, undefined, expect.stringMatching(/^not valid JSON/)],
      [4, 'entities[0]', 'must be [start, end, "LABEL"], not a list'],
      [5, 'text', 'missing; must be the document text (string)'],
      [6, 'entities[0][0]', 'must be a whole number of code points, not the string "0"'],
      [6, 'entities[1][2]', 'label name is empty'],
    ]);
  });
});

describe('spaCy import: v2 JSON', () => {
  const v2 = (paragraphs: unknown[], id: unknown = 7) => JSON.stringify([{ id, paragraphs }], null, 2);
  const tok = (orth: string, ner = 'O', extra: Record<string, unknown> = {}) => ({ orth, ner, ...extra });

  it('aligns tokens to `raw` (extra white space skipped, code points), one document per paragraph', () => {
    const content = v2([
      { raw: '𠀀利安隆  二期。', sentences: [{ tokens: [tok('𠀀', 'U-X'), tok('利安隆', 'B-ORG'), tok('二期', 'L-ORG'), tok('。')] }] },
      { sentences: [{ tokens: [tok('常山', 'U-GPE', { space: '' }), tok('县', 'O', { space: ' ' })] }, { tokens: [tok('好', 'O', { whitespace: false })] }] },
      { sentences: [{ tokens: [tok('a', 'B-X', { space: true }), tok('b', 'I-X'), tok('c', 'L-X', { space: '\n' }), tok('d', '-'), { orth: 'e' }] }] },
    ]);
    expect(documents(parseSpacy(content, 'raw.json'))).toEqual([
      {
        id: '7#1',
        title: '7#1',
        text: '𠀀利安隆  二期。',
        spans: [
          { start: 0, end: 1, label: 'X', text: '𠀀' },
          { start: 1, end: 8, label: 'ORG', text: '利安隆  二期' },
        ],
      },
      { id: '7#2', title: '7#2', text: '常山县 好', spans: [{ start: 0, end: 2, label: 'GPE', text: '常山' }] },
      { id: '7#3', title: '7#3', text: 'a b c\nd e', spans: [{ start: 0, end: 5, label: 'X', text: 'a b c' }] },
    ]);
  });

  it('reads one doc object, and docs without id (titled by file and line)', () => {
    const one = JSON.stringify({ paragraphs: [{ sentences: [{ tokens: [tok('甲', 'U-A')] }] }] }, null, 2);
    expect(documents(parseSpacy(one, 'one.json'))).toEqual([{ title: 'one.json #3', text: '甲', spans: [{ start: 0, end: 1, label: 'A', text: '甲' }] }]);
    expect(documents(parseSpacy(JSON.stringify({ id: 1, paragraphs: [] }), 'x.json'))).toEqual([]);
  });

  it('reports every broken BILUO sequence, shape problem and misaligned token, each on its line', () => {
    const content = v2([
      { sentences: [{ tokens: [tok('a', 'I-X'), tok('b', 'B-X'), tok('c', 'L-Y'), tok('d', 'U')] }] }, // I without B; B-X then L-Y; 'U' bad
      { sentences: [{ tokens: [tok('e', 'B-X')] }, { tokens: [tok('f', 'I-X')] }] }, // not closed at the end
      { raw: 'g h', sentences: [{ tokens: [tok('g'), tok('x')] }] }, // x is not in raw
      { sentences: [{ tokens: [{ orth: '' }, { ner: 'O' }, { orth: 'k', space: 'x' }] }] },
      { sentences: 'none' },
    ]);
    const bad = errors(parseSpacy(content, 'v2.json'));
    const at = (needle: string, after = 0) => lineOf(content, needle, after);
    expect(bad.map((e) => [e.line, e.field, e.message])).toEqual([
      [at('"I-X"'), 'paragraphs[0].sentences[0].tokens[0].ner', 'I-X without B-X before it'],
      [at('"L-Y"'), 'paragraphs[0].sentences[0].tokens[2].ner', 'must be I-X or L-X (B-X is open), not "L-Y"'],
      [at('"U"'), 'paragraphs[0].sentences[0].tokens[3].ner', '"U" is not a BILUO tag (O, or B-, I-, L-, U- and the label)'],
      [at('"I-X"', at('"f"')), 'paragraphs[1].sentences[1].tokens[0].ner', 'B-X is not closed by L-X before the paragraph ends'],
      [at('"x"'), 'paragraphs[2].sentences[0].tokens[1].orth', 'token "x" does not come next in "raw" (at code point 1)'],
      [at('"orth": ""'), 'paragraphs[3].sentences[0].tokens[0].orth', 'token text is empty'],
      [at('"ner": "O"', at('"orth": ""')) - 1, 'paragraphs[3].sentences[0].tokens[1].orth', 'missing; must be the token text (string)'],
      [at('"space": "x"'), 'paragraphs[3].sentences[0].tokens[2].space', 'must be white space'],
      [at('"none"'), 'paragraphs[4].sentences', 'must be a list of sentences, not the string "none"'],
    ]);
  });

  it('a syntax error in a v2 JSON file is reported once, on its line', () => {
    const content = fixture(TOKEN_JSON).replace('"orth":"Google",', '"orth":"Google",,');
    const bad = errors(parseSpacy(content, TOKEN_JSON));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.line).toBe(lineOf(content, 'Google",,'));
    expect(bad[0]!.message).toMatch(/^not valid JSON/);
  });
});

describe('spaCy import: IOB text', () => {
  it('sentence per line (spaCy\'s "iob" converter): word|TAG and word|POS|TAG, IOB1 and IOB2, a document per line', () => {
    const content = [
      'I|O like|O London|I-GPE and|O New|B-GPE York|I-GPE City|I-GPE .|O',
      '',
      'I|PRP|O like|VBP|O London|NNP|B-GPE and|CC|O New|NNP|B-GPE York|NNP|I-GPE City|NNP|I-GPE .|.|O',
      '𠀀|O 利安隆|B-ORG 二期|I-ORG',
    ].join('\n');
    const docs = documents(parseSpacy(content, 'sents.iob'));
    const want = [
      { start: 7, end: 13, label: 'GPE', text: 'London' },
      { start: 18, end: 31, label: 'GPE', text: 'New York City' },
    ];
    expect(docs).toEqual([
      { title: 'sents.iob #1', text: 'I like London and New York City .', spans: want },
      { title: 'sents.iob #3', text: 'I like London and New York City .', spans: want },
      { title: 'sents.iob #4', text: '𠀀 利安隆 二期', spans: [{ start: 2, end: 8, label: 'ORG', text: '利安隆 二期' }] },
    ]);
  });

  it('token per line (spaCy\'s "ner" converter): -DOCSTART- separates documents, blank lines sentences; entities end with their sentence', () => {
    const content = ['-DOCSTART- -X- O O', '', 'I PRP O', 'like VBP O', 'London NNP I-GPE', '', 'New B-GPE', 'York I-GPE', '', 'City I-GPE', '-DOCSTART- -X- O O', 'Peter B-PER', 'Blackburn I-PER', ''].join('\r\n');
    expect(documents(parseSpacy(content, 'docs.conll'))).toEqual([
      {
        title: 'docs.conll #3',
        text: 'I like London New York City',
        spans: [
          { start: 7, end: 13, label: 'GPE', text: 'London' },
          { start: 14, end: 22, label: 'GPE', text: 'New York' },
          { start: 23, end: 27, label: 'GPE', text: 'City' },
        ],
      },
      { title: 'docs.conll #12', text: 'Peter Blackburn', spans: [{ start: 0, end: 15, label: 'PER', text: 'Peter Blackburn' }] },
    ]);
    // Without -DOCSTART-, every sentence is a document.
    expect(documents(parseSpacy('a B-X\nb I-X\n\nc O\nd B-Y\n', 'sents.iob')).map((d) => [d.title, d.text, d.spans.map((s) => s.text)])).toEqual([
      ['sents.iob #1', 'a b', ['a b']],
      ['sents.iob #4', 'c d', ['d']],
    ]);
  });

  it('reports bad tokens and tags with their lines; refuses text that is no spaCy format at all', () => {
    const sent = ['a|O b|E-X', 'c|O', 'd|x|y|O e|O'].join('\n');
    expect(errors(parseSpacy(sent, 's.iob')).map((e) => [e.line, e.field, e.message])).toEqual([
      [1, 'tokens[1]', 'must be O, B-LABEL or I-LABEL, not "E-X"'],
      [3, 'tokens[0]', 'must be word|TAG or word|POS|TAG, not "d|x|y|O"'],
    ]);
    const bad = errors(parseSpacy('just some words\nand more', 'plain.txt'));
    expect(bad).toHaveLength(1);
    expect(bad[0]!).toMatchObject({ file: 'plain.txt', line: 1 });
    expect(bad[0]!.message).toMatch(/^not spaCy JSON lines, spaCy JSON or IOB/);
  });
});

describe('spaCy export', () => {
  it('writes one JSON line per document, {text, entities} only, in document order, code points', () => {
    const text = '𠀀利安隆二期';
    const doc: ExportDocument = { id: 'a', title: 't', text, spans: [span('a', text, 4, 6, 'NUM'), span('a', text, 1, 4, 'ORG')] };
    const r = serializeSpacy([doc, { id: 'b', title: 'e', text: 'x\r\ny', spans: [] }]);
    expect(r.report).toEqual([]);
    expect(r.files).toHaveLength(1);
    expect(r.files[0]!.name).toBe('dataset.jsonl');
    const lines = r.files[0]!.content.split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual({ text, entities: [[1, 4, 'ORG'], [4, 6, 'NUM']] });
    expect(Object.keys(JSON.parse(lines[0]!) as object)).toEqual(['text', 'entities']);
    expect(JSON.parse(lines[1]!)).toEqual({ text: 'x\r\ny', entities: [] });
    expect(documents(parseSpacy(r.files[0]!.content, 'out.jsonl'))[0]!.spans).toEqual([
      { start: 1, end: 4, label: 'ORG', text: '利安隆' },
      { start: 4, end: 6, label: 'NUM', text: '二期' },
    ]);
  });

  // 力争全年整治1980亩以上，新增600亩以上
  // TARGET [0,13) ⊃ METRIC [6,13) ⊃ NUM [6,10); A [14,18) crosses B [16,20); C and D on the same range [19,22).
  function nested(): ExportDocument {
    const text = '力争全年整治1980亩以上，新增600亩以上';
    const id = 'n';
    return {
      id,
      title: '报告',
      text,
      spans: [
        span(id, text, 6, 13, 'METRIC'),
        span(id, text, 0, 13, 'TARGET'),
        span(id, text, 6, 10, 'NUM'),
        span(id, text, 14, 18, 'A'),
        span(id, text, 16, 20, 'B'),
        span(id, text, 19, 22, 'D'),
        span(id, text, 19, 22, 'C'),
      ],
    };
  }
  const entities = (content: string) => content.trimEnd().split('\n').map((l) => (JSON.parse(l) as { entities: unknown[] }).entities);

  it('nested: outer (the default) keeps the outermost spans and reports each dropped one', () => {
    for (const options of [{}, { nested: 'outer' as const }]) {
      const r = serializeSpacy([nested()], options);
      expect(entities(r.files[0]!.content)).toEqual([[[0, 13, 'TARGET'], [14, 18, 'A'], [19, 22, 'C']]]);
      expect(r.report).toEqual([
        '"报告": dropped METRIC [6,13) 「1980亩以上」 inside TARGET [0,13)',
        '"报告": dropped NUM [6,10) 「1980」 inside TARGET [0,13)',
        '"报告": dropped B [16,20) 「600亩」 crossing A [14,18)',
        '"报告": dropped D [19,22) 「亩以上」 same range as C [19,22)',
      ]);
    }
  });

  it('nested: inner keeps the innermost spans and reports each dropped one', () => {
    const r = spacy.write([nested()], { nested: 'inner', baseName: 'dev' });
    expect(r.files.map((f) => f.name)).toEqual(['dev.jsonl']);
    expect(entities(r.files[0]!.content)).toEqual([[[6, 10, 'NUM'], [14, 18, 'A'], [19, 22, 'C']]]);
    expect(r.report).toEqual([
      '"报告": dropped TARGET [0,13) 「力争全年整治1980亩以上」 containing NUM [6,10)',
      '"报告": dropped METRIC [6,13) 「1980亩以上」 containing NUM [6,10)',
      '"报告": dropped B [16,20) 「600亩」 crossing A [14,18)',
      '"报告": dropped D [19,22) 「亩以上」 same range as C [19,22)',
    ]);
  });

  it('nested: split writes one file per label with every document; same-label overlaps are flattened and reported', () => {
    const doc = nested();
    doc.spans.push(span('n', doc.text, 7, 9, 'NUM'));
    const other: ExportDocument = { id: 'o', title: '其他', text: '甲乙', spans: [span('o', '甲乙', 0, 1, 'A/B'), span('o', '甲乙', 1, 2, 'A_B')] };
    const r = serializeSpacy([doc, other], { nested: 'split', baseName: 'train' });
    expect(r.files.map((f) => f.name)).toEqual([
      'train.A.jsonl',
      'train.A_B.jsonl', // label A/B
      'train.A_B~2.jsonl', // label A_B
      'train.B.jsonl',
      'train.C.jsonl',
      'train.D.jsonl',
      'train.METRIC.jsonl',
      'train.NUM.jsonl',
      'train.TARGET.jsonl',
    ]);
    const file = (name: string) => entities(r.files.find((f) => f.name === name)!.content);
    expect(file('train.NUM.jsonl')).toEqual([[[6, 10, 'NUM']], []]);
    expect(file('train.TARGET.jsonl')).toEqual([[[0, 13, 'TARGET']], []]);
    expect(file('train.A_B.jsonl')).toEqual([[], [[0, 1, 'A/B']]]);
    expect(file('train.A_B~2.jsonl')).toEqual([[], [[1, 2, 'A_B']]]);
    expect(r.report).toEqual(['train.NUM.jsonl: "报告": dropped NUM [7,9) 「98」 inside NUM [6,10)']);
    // No spans at all: one file.
    const none = serializeSpacy([{ id: 'x', title: 'x', text: 'abc', spans: [] }], { nested: 'split', baseName: 'train' });
    expect(none.files.map((f) => [f.name, f.content])).toEqual([['train.jsonl', '{"text":"abc","entities":[]}\n']]);
  });

  it('refuses to write anything when a span no longer matches its text', () => {
    const doc = nested();
    doc.spans[0] = { ...doc.spans[0]!, text: '1981亩以上' };
    expect(() => serializeSpacy([doc])).toThrow(ExportError);
    expect(() => spacy.write([doc], { nested: 'split' })).toThrow(/1981亩以上/);
  });

  it('the Format: id, extension, no nesting, reads what it writes', () => {
    expect([spacy.id, spacy.extension, spacy.nesting]).toEqual(['spacy', 'jsonl', false]);
    const r = spacy.write([nested()]);
    expect(documents(spacy.read!(r.files))[0]!.spans.map((s) => s.label)).toEqual(['TARGET', 'A', 'C']);
  });
});

// Characters that break naive offset handling: astral (Extension B, emoji, a flag pair), CRLF and
// lone CR/LF, combining marks, zero-width joiner, U+2028, quotes and backslashes, a lone surrogate.
const PIECES = ['政', '标', '利', '安', '隆', 'a', ' ', '。', '“', '"', '\\', '𠀀', '𪚥', '😀', '👍🏽', '🇨🇳', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u0301', '\u200d', '\u2028', '\ud800', '%'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const labelArb = fc.constantFrom('TARGET', 'METRIC', 'ORG', '机构', 'X"Y');

/** A document with random spans; with `disjoint`, only spans that overlap none before them are kept. */
const docArb = (index: number, disjoint: boolean) =>
  textArb.chain((text) => {
    const n = Array.from(text).length;
    const spanArb = fc
      .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), labelArb)
      .map(([a, len, label]) => [a, Math.min(n, a + len), label] as const);
    return fc.array(spanArb, { maxLength: 8 }).map((raw): ExportDocument => {
      const id = `d${index}`;
      const spans: Span[] = [];
      raw.forEach(([start, end, label], k) => {
        const s: Span = { id: `s${k}`, docId: id, start, end, label, text: cpSlice(text, start, end) };
        if (!disjoint || !spans.some((o) => overlaps(o, s))) spans.push(s);
      });
      return { id, title: `t${index}`, text, spans };
    });
  });
const docsArb = (disjoint: boolean) => fc.integer({ min: 0, max: 4 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i, disjoint))));

describe('spaCy round trip (property)', () => {
  it('serialize → parse gives back every text and span when spans do not overlap, with an empty report', () => {
    fc.assert(
      fc.property(docsArb(true), (docs) => {
        const r = serializeSpacy(docs);
        expect(r.report).toEqual([]);
        const content = r.files[0]!.content;
        expect(content.split('\n')).toHaveLength(docs.length + 1);
        const back = documents(parseSpacy(content, 'rt.jsonl'));
        expect(back.map((d) => [d.text, d.spans])).toEqual(docs.map((d) => [d.text, plain([...d.spans].sort(compareSpans))]));
        // The offsets in the file are code points: the oracle slice of every entity is its span text.
        content.trimEnd().split('\n').forEach((line, k) => {
          if (line === '') return;
          const rec = JSON.parse(line) as { text: string; entities: [number, number, string][] };
          expect(rec.entities.map(([a, b]) => cpSlice(rec.text, a, b))).toEqual([...docs[k]!.spans].sort(compareSpans).map((s) => s.text));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('with any spans, outer and inner write disjoint entities and report every other span once', () => {
    fc.assert(
      fc.property(docsArb(false), fc.constantFrom('outer' as const, 'inner' as const), (docs, nested) => {
        const r = serializeSpacy(docs, { nested });
        const back = documents(parseSpacy(r.files[0]!.content, 'rt.jsonl'));
        let written = 0;
        back.forEach((d) => {
          written += d.spans.length;
          d.spans.forEach((s, i) => d.spans.slice(i + 1).forEach((o) => expect(overlaps(s, o)).toBe(false)));
        });
        expect(written + r.report.length).toBe(docs.reduce((n, d) => n + d.spans.length, 0));
      }),
      { numRuns: 200 },
    );
  });
});
