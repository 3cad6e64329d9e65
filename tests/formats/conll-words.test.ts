import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Span } from '../../src/core/spans.ts';
import { parseTag } from '../../src/core/tagging.ts';
import { conllWords, writeConllWords } from '../../src/formats/conll-words.ts';
import { parseConll } from '../../src/formats/conll.ts';
import { ExportError, type ExportDocument, type ExportOptions } from '../../src/formats/types.ts';
import { NodeSegmenter } from '../../src/segment/node-segmenter.ts';

const SEED = readFileSync(join(import.meta.dirname, '..', '..', 'seeds', 'changshan-2023-work-report-p11.txt'), 'utf8');

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
function doc(id: string, text: string, spans: [number, number, string][] = [], title = `doc ${id}`): ExportDocument {
  return {
    id,
    title,
    text,
    spans: spans.map(([start, end, label]): Span => ({ id: `s${++seq}`, docId: id, start, end, label, text: cpSlice(text, start, end) })),
  };
}

/** The `word<TAB>TAG` lines of a file, without -DOCSTART- lines; blank lines as ''. */
const bodyLines = (content: string) => content.split('\n').filter((l) => !l.startsWith('-DOCSTART-'));

let seedWords: Uint32Array;
beforeAll(async () => {
  seedWords = await new NodeSegmenter().segment(SEED);
});

const seedOpts = (extra: ExportOptions = {}): ExportOptions => ({ words: new Map([['seed', seedWords]]), ...extra });

describe('conll-words export with jieba words of the seed report', () => {
  it('tags WORDS: 整治 | 1980 | 亩 | 以上, METRIC 1980亩以上 is B- then two I-', () => {
    const m = cpFind(SEED, '1980亩以上');
    const out = writeConllWords([doc('seed', SEED, [[m.start, m.end, 'METRIC']], '报告')], seedOpts());
    expect(out.report).toEqual([]);
    expect(out.files.map((f) => f.name)).toEqual(['dataset.conll']);
    const lines = bodyLines(out.files[0]!.content);
    const at = lines.indexOf('1980\tB-METRIC');
    expect(lines.slice(at - 3, at + 4)).toEqual(['力争\tO', '全年\tO', '整治\tO', '1980\tB-METRIC', '亩\tI-METRIC', '以上\tI-METRIC', '。\tO']);
    // The words of each paragraph, joined, are the paragraph (the seed has no white space).
    const paragraphs = out.files[0]!.content.split('\n\n').slice(1, -1).map((p) => p.split('\n').map((l) => l.split('\t')[0]).join(''));
    expect(paragraphs).toEqual(SEED.split('\n'));
  });

  it('BIOES over words, and nesting flattened with report lines', () => {
    const t = cpFind(SEED, '力争全年整治1980亩以上');
    const m = cpFind(SEED, '1980亩以上');
    const d = doc('seed', SEED, [[t.start, t.end, 'TARGET'], [m.start, m.end, 'METRIC']], '报告');
    const outer = writeConllWords([d], seedOpts({ scheme: 'bioes' }));
    expect(outer.report).toEqual(['"报告": dropped METRIC [212,219) 「1980亩以上」 inside TARGET [206,219)']);
    const lines = bodyLines(outer.files[0]!.content);
    const at = lines.indexOf('力争\tB-TARGET');
    expect(lines.slice(at, at + 7)).toEqual(['力争\tB-TARGET', '全年\tI-TARGET', '整治\tI-TARGET', '1980\tI-TARGET', '亩\tI-TARGET', '以上\tE-TARGET', '。\tO']);

    const inner = writeConllWords([d], seedOpts({ nested: 'inner', scheme: 'bmes' }));
    expect(inner.report).toEqual(['"报告": dropped TARGET [206,219) 「力争全年整治1980亩以上」 containing METRIC [212,219)']);
    expect(bodyLines(inner.files[0]!.content)).toContain('以上\tE-METRIC');

    const split = writeConllWords([d], seedOpts({ nested: 'split', baseName: 'dev' }));
    expect(split.files.map((f) => f.name)).toEqual(['dev.METRIC.conll', 'dev.TARGET.conll']);
    expect(split.report).toEqual([]);
  });

  it('drops (never stretches) a span that does not start or end on a word boundary, and says which word it cuts', () => {
    const m = cpFind(SEED, '980亩以上');
    const lal = cpFind(SEED, '利安隆二期');
    const d = doc(
      'seed',
      SEED,
      [
        [m.start, m.end, 'METRIC'], // starts inside 1980
        [lal.start, lal.start + 2, 'ORG'], // 利安 of 利安隆
        [lal.start + 1, lal.start + 2, 'X'], // 安, inside 利安隆
        [lal.start + 1, lal.start + 4, 'Y'], // 安隆二: inside 利安隆 … inside 二期
        [lal.start, lal.end, 'PROJECT'], // 利安隆二期: on boundaries, kept
      ],
      '报告',
    );
    const out = writeConllWords([d], seedOpts());
    // In document order (compareSpans).
    expect(out.report).toEqual([
      '"报告": dropped METRIC [213,219) 「980亩以上」: does not start on a word boundary (word 「1980」)',
      '"报告": dropped ORG [396,398) 「利安」: does not end on a word boundary (word 「利安隆」)',
      '"报告": dropped Y [397,400) 「安隆二」: does not start or end on a word boundary (words 「利安隆」 and 「二期」)',
      '"报告": dropped X [397,398) 「安」: does not start or end on a word boundary (word 「利安隆」)',
    ]);
    const lines = bodyLines(out.files[0]!.content);
    expect(lines).toContain('利安隆\tB-PROJECT');
    expect(lines).toContain('二期\tI-PROJECT');
    expect(lines).toContain('1980\tO');
  });

  it('throws a clear Error naming the document when its words are missing or do not fit', () => {
    const d = doc('x', '利安隆二期', [], '无词');
    expect(() => writeConllWords([d])).toThrow('conll-words: no word boundaries for document "无词" (id x): segment it before exporting');
    expect(() => writeConllWords([d], seedOpts())).toThrow(/document "无词" \(id x\)/);
    expect(() => writeConllWords([d], { words: new Map([['x', Uint32Array.from([0, 3, 4])]]) })).toThrow(
      /word boundaries of document "无词" \(id x\) do not fit its text of 5 code points/,
    );
    expect(() => writeConllWords([d], { words: new Map([['x', Uint32Array.from([0, 3, 3, 5])]]) })).toThrow(/do not fit/);
  });

  it('refuses (ExportError) a span that no longer matches its text', () => {
    const d = doc('seed', SEED, [[0, 4, 'X']]);
    d.spans[0]!.text = 'nope';
    expect(() => writeConllWords([d], seedOpts())).toThrow(ExportError);
  });

  it('is export only', () => {
    expect([conllWords.id, conllWords.extension, conllWords.nesting, conllWords.read]).toEqual(['conll-words', 'conll', false, undefined]);
  });
});

describe('conll-words layout', () => {
  // Words given by hand: 𠀀利 | ␠ | 安隆 | \r | \n | 二期 | \u3000 | 😀
  const text = '𠀀利 安隆\r\n二期\u3000😀';
  const words = Uint32Array.from([0, 2, 3, 5, 6, 7, 9, 10, 11]);

  it('skips words of white space only, breaks sentences at "\\n", escapes inside words, code points throughout', () => {
    const out = writeConllWords([doc('a', text, [[0, 5, 'ORG'], [10, 11, 'E']]), doc('b', '')], {
      words: new Map([
        ['a', words],
        ['b', Uint32Array.from([0])],
      ]),
    });
    expect(out.report).toEqual([]);
    expect(out.files[0]!.content).toBe(
      '-DOCSTART-\tO\n\n𠀀利\tB-ORG\n安隆\tI-ORG\n\n二期\tO\n😀\tB-E\n\n' + '-DOCSTART-\tO\n\n\n',
    );
  });

  it('a "\\n" always breaks a word, and a span holding one or only white space is dropped and reported', () => {
    const out = writeConllWords([doc('a', '甲乙\n丙 丁', [[1, 4, 'X'], [4, 5, 'W'], [3, 6, 'Y']], '跨行')], {
      words: new Map([['a', Uint32Array.from([0, 4, 5, 6])]]), // "甲乙\n丙" as one word: the \n cuts it anyway
    });
    expect(out.report).toEqual([
      '"跨行": dropped X [1,4) 「乙\n丙」: contains a line break, which ends a CoNLL sentence',
      '"跨行": dropped W [4,5) 「 」: holds only white space, which is not written',
    ]);
    expect(bodyLines(out.files[0]!.content)).toEqual(['', '甲乙\tO', '', '丙\tB-Y', '丁\tI-Y', '', '']);
  });
});

describe('conll-words (property)', () => {
  const PIECES = ['政', '标', '利', 'a', ' ', '。', '\u3000', '𠀀', '😀', '\r\n', '\n', '\t', '\ud800'];
  const caseArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).chain((parts) => {
    const text = parts.join('');
    const n = Array.from(text).length;
    return fc
      .record({
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, n - 1) }), { maxLength: n }),
        spans:
          n === 0
            ? fc.constant<[number, number, string][]>([])
            : fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom<string>('A', 'B')), { maxLength: 6 }),
        scheme: fc.constantFrom('bio' as const, 'bioes' as const, 'bmes' as const),
        nested: fc.constantFrom('outer' as const, 'inner' as const),
      })
      .map(({ cuts, spans, scheme, nested }) => ({
        text,
        words: Uint32Array.from([...new Set([0, ...cuts.filter((c) => c < n), n])].sort((a, b) => a - b)),
        spans: spans.map(([a, len, l]): [number, number, string] => [a, Math.min(n, a + len), l]),
        scheme,
        nested,
      }));
  });

  it('writes every non-blank word of each paragraph in order, one tag each, and accounts for every span', () => {
    fc.assert(
      fc.property(caseArb, ({ text, words, spans, scheme, nested }) => {
        const d = doc('p', text, spans);
        const out = writeConllWords([d], { words: new Map([['p', words]]), scheme, nested });
        const content = out.files[0]!.content;
        const body = content.split('\n').slice(2, -1); // after "-DOCSTART-", ""; before the file's end
        // Paragraphs: the written words of each line of the text, white-space-only words left out.
        const got: string[][] = [[]];
        for (const l of body) {
          if (l === '') got.push([]);
          else got[got.length - 1]!.push(l.split('\t')[0]!);
        }
        got.pop(); // the blank line after the last paragraph opens nothing
        const cps = Array.from(text);
        const want: string[][] = [[]];
        const cuts = new Set([...words, ...cps.flatMap((c, i) => (c === '\n' ? [i, i + 1] : []))]);
        const sorted = [...cuts].sort((a, b) => a - b);
        for (let k = 0; k + 1 < sorted.length; k++) {
          const w = cps.slice(sorted[k]!, sorted[k + 1]!).join('');
          if (w === '\n') want.push([]);
          else if (!/^\s+$/u.test(w)) want[want.length - 1]!.push(w.replace(/[\s\ud800]/gu, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`));
        }
        expect(got).toEqual(want);
        // Every tag is a tag; the number of spans written plus those reported is the number given.
        const tags = body.filter((l) => l !== '').map((l) => l.split('\t')[1]!);
        expect(tags.every((t) => parseTag(t) !== null)).toBe(true);
        const written = tags.filter((t) => t.startsWith('B-') || t.startsWith('S-')).length;
        expect(written + out.report.length).toBe(spans.length);
        // Read back as (word) CoNLL, the file is well-formed: no errors.
        expect(parseConll(content, 'w').ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
