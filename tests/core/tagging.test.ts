import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectScheme, parseTag, spansToTags, tagNames, tagsToSpans, TAG_SCHEMES, type TaggedSpan } from '../../src/core/tagging.ts';
import { RUNS } from './arbitraries.ts';

/** Tags of `text` (code points, as Array.from sees them) beside their characters, for readable checks. */
const pairs = (text: string, tags: readonly string[]) => Array.from(text).map((ch, i) => `${ch} ${tags[i]}`);

describe('spansToTags', () => {
  it('BIO for Chinese: METRIC 1980亩以上 is one B-METRIC and six I-METRIC, per code point', () => {
    const text = '整治1980亩以上。';
    expect(pairs(text, spansToTags(10, [{ start: 2, end: 9, label: 'METRIC' }], 'bio'))).toEqual([
      '整 O',
      '治 O',
      '1 B-METRIC',
      '9 I-METRIC',
      '8 I-METRIC',
      '0 I-METRIC',
      '亩 I-METRIC',
      '以 I-METRIC',
      '上 I-METRIC',
      '。 O',
    ]);
  });

  it('an astral character is one position: 𠀀 gets one tag, never two', () => {
    const text = '𠀀利安隆😀';
    const tags = spansToTags(5, [{ start: 0, end: 4, label: 'ORG' }, { start: 4, end: 5, label: 'E' }], 'bio');
    expect(pairs(text, tags)).toEqual(['𠀀 B-ORG', '利 I-ORG', '安 I-ORG', '隆 I-ORG', '😀 B-E']);
  });

  it('BIOES and BMES: S- for one position, E- at the end, M- inside for BMES', () => {
    const spans: TaggedSpan[] = [
      { start: 0, end: 1, label: 'A' },
      { start: 2, end: 5, label: 'B' },
      { start: 5, end: 7, label: 'B' },
    ];
    expect(spansToTags(8, spans, 'bioes')).toEqual(['S-A', 'O', 'B-B', 'I-B', 'E-B', 'B-B', 'E-B', 'O']);
    expect(spansToTags(8, spans, 'bmes')).toEqual(['S-A', 'O', 'B-B', 'M-B', 'E-B', 'B-B', 'E-B', 'O']);
    expect(spansToTags(8, spans, 'bio')).toEqual(['B-A', 'O', 'B-B', 'I-B', 'I-B', 'B-B', 'I-B', 'O']);
  });

  it('a space inside a span is tagged inside like any character', () => {
    expect(spansToTags(3, [{ start: 0, end: 3, label: 'X' }], 'bio')).toEqual(['B-X', 'I-X', 'I-X']);
  });

  it('throws for overlapping spans (flatten first) and spans outside the positions', () => {
    expect(() => spansToTags(10, [{ start: 0, end: 5, label: 'A' }, { start: 4, end: 6, label: 'B' }], 'bio')).toThrow(
      /A \[0,5\) and B \[4,6\) overlap/,
    );
    expect(() => spansToTags(3, [{ start: 2, end: 4, label: 'A' }], 'bio')).toThrow(/does not fit/);
    expect(() => spansToTags(3, [{ start: 2, end: 2, label: 'A' }], 'bio')).toThrow(/does not fit/);
    expect(() => spansToTags(3, [{ start: 0, end: 1, label: '' }], 'bio')).toThrow(/empty label/);
    expect(spansToTags(0, [], 'bio')).toEqual([]);
  });
});

describe('tagsToSpans', () => {
  it('reads BIO, BIOES and BMES', () => {
    expect(tagsToSpans(['B-A', 'I-A', 'O', 'B-B', 'B-B', 'I-B'])).toEqual({
      spans: [
        { start: 0, end: 2, label: 'A' },
        { start: 3, end: 4, label: 'B' },
        { start: 4, end: 6, label: 'B' },
      ],
      problems: [],
    });
    expect(tagsToSpans(['S-A', 'B-B', 'I-B', 'E-B', 'O'], 'bioes').spans).toEqual([
      { start: 0, end: 1, label: 'A' },
      { start: 1, end: 4, label: 'B' },
    ]);
    expect(tagsToSpans(['B-B', 'M-B', 'E-B', 'S-A']).spans).toEqual([
      { start: 0, end: 3, label: 'B' },
      { start: 3, end: 4, label: 'A' },
    ]);
  });

  it('reads BILUO (L- ends, U- single) as BIOES without problems', () => {
    expect(tagsToSpans(['U-PER', 'B-LOC', 'I-LOC', 'L-LOC', 'O'])).toEqual({
      spans: [
        { start: 0, end: 1, label: 'PER' },
        { start: 1, end: 4, label: 'LOC' },
      ],
      problems: [],
    });
  });

  it('keeps suffixed labels whole: B-PER.NAM is PER.NAM, B-ORG-X is ORG-X', () => {
    expect(tagsToSpans(['B-PER.NAM', 'I-PER.NAM', 'B-ORG-X']).spans).toEqual([
      { start: 0, end: 2, label: 'PER.NAM' },
      { start: 2, end: 3, label: 'ORG-X' },
    ]);
  });

  it('I- without B- begins a span (IOB1 files), reported as a problem', () => {
    const r = tagsToSpans(['O', 'I-PER', 'I-PER', 'B-PER', 'O']);
    expect(r.spans).toEqual([
      { start: 1, end: 3, label: 'PER' },
      { start: 3, end: 4, label: 'PER' },
    ]);
    expect(r.problems).toEqual([{ index: 1, message: 'I-PER without B-PER before it: a PER span begins here' }]);
  });

  it('a label change mid-span ends the open span and begins a new one', () => {
    const r = tagsToSpans(['B-PER', 'I-PER', 'I-LOC', 'O']);
    expect(r.spans).toEqual([
      { start: 0, end: 2, label: 'PER' },
      { start: 2, end: 3, label: 'LOC' },
    ]);
    expect(r.problems).toEqual([{ index: 2, message: 'I-LOC follows a PER span: that span ends and a LOC span begins here' }]);
  });

  it('E- without its B-, and BIOES spans not closed by E-, are read and reported', () => {
    const r = tagsToSpans(['E-A', 'B-B', 'I-B', 'O', 'B-C', 'O'], 'bioes');
    expect(r.spans).toEqual([
      { start: 0, end: 1, label: 'A' },
      { start: 1, end: 3, label: 'B' },
      { start: 4, end: 5, label: 'C' },
    ]);
    expect(r.problems.map((p) => p.index)).toEqual([0, 2, 4]);
    expect(r.problems[1]!.message).toBe('B span [1,3) does not end with E-B');
    expect(r.problems[2]!.message).toBe('C span [4,5) of one position is tagged B-, not S-');
  });

  it('tags foreign to the scheme and things that are not tags are reported; non-tags read as O', () => {
    const r = tagsToSpans(['B-A', 'E-A', 'X-PER', 'B-', 'I-B'], 'bio');
    expect(r.spans).toEqual([
      { start: 0, end: 2, label: 'A' },
      { start: 4, end: 5, label: 'B' },
    ]);
    expect(r.problems.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(r.problems[0]!.message).toBe('E-A is not a BIO tag; read anyway');
    expect(r.problems[1]!.message).toMatch(/^"X-PER" is not a tag/);
  });

  it('a span open at the end is closed there', () => {
    expect(tagsToSpans(['O', 'B-A', 'I-A']).spans).toEqual([{ start: 1, end: 3, label: 'A' }]);
    expect(tagsToSpans([])).toEqual({ spans: [], problems: [] });
  });
});

describe('detectScheme, parseTag, tagNames', () => {
  it('M- means BMES even with S-/E-; S-/E-/L-/U- mean BIOES; else BIO', () => {
    expect(detectScheme(['B-A', 'M-A', 'E-A', 'S-B'])).toBe('bmes');
    expect(detectScheme(['B-A', 'I-A', 'E-A'])).toBe('bioes');
    expect(detectScheme(['S-A'])).toBe('bioes');
    expect(detectScheme(['U-A'])).toBe('bioes');
    expect(detectScheme(['B-A', 'I-A', 'O'])).toBe('bio');
    expect(detectScheme([])).toBe('bio');
    expect(detectScheme(['O', 'ES'])).toBe('bio');
  });

  it('parses tags', () => {
    expect(parseTag('O')).toEqual({ prefix: 'O' });
    expect(parseTag('B-PER.NAM')).toEqual({ prefix: 'B', label: 'PER.NAM' });
    expect(parseTag('X-PER')).toBeNull();
    expect(parseTag('B-')).toBeNull();
    expect(parseTag('o')).toBeNull();
    expect(parseTag('')).toBeNull();
  });

  it('lists every tag of a scheme', () => {
    expect(tagNames(['A', 'B'], 'bio')).toEqual(['O', 'B-A', 'I-A', 'B-B', 'I-B']);
    expect(tagNames(['A'], 'bioes')).toEqual(['O', 'B-A', 'I-A', 'E-A', 'S-A']);
    expect(tagNames(['A'], 'bmes')).toEqual(['O', 'B-A', 'M-A', 'E-A', 'S-A']);
  });
});

describe('round trip (property)', () => {
  /** Non-overlapping spans over a random length: cut [0, length) into pieces, label some. */
  const layoutArb = fc.integer({ min: 0, max: 60 }).chain((length) =>
    fc
      .array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.option(fc.constantFrom('A', 'B', 'PER.NAM', 'ORG-X', '机构'), { nil: null })), {
        maxLength: 30,
      })
      .map((pieces) => {
        const spans: TaggedSpan[] = [];
        let at = 0;
        for (const [len, label] of pieces) {
          const end = Math.min(length, at + len);
          if (end <= at) break;
          if (label !== null) spans.push({ start: at, end, label });
          at = end;
        }
        return { length, spans };
      }),
  );

  for (const scheme of TAG_SCHEMES) {
    it(`${scheme}: tagsToSpans(spansToTags(...)) gives the spans back, with no problems`, () => {
      fc.assert(
        fc.property(layoutArb, ({ length, spans }) => {
          const tags = spansToTags(length, spans, scheme);
          expect(tags).toHaveLength(length);
          expect(tagsToSpans(tags, scheme)).toEqual({ spans, problems: [] });
          // Detection agrees whenever the tags show their scheme.
          const detected = tagsToSpans(tags);
          expect(detected.spans).toEqual(spans);
        }),
        RUNS,
      );
    });
  }
});
