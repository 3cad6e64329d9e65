import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans, type Span } from '../../src/core/spans.ts';
import { parseDoccano, serializeDoccano, formatErrorMessage, type ExportDocument } from '../../src/formats/index.ts';

// Characters that break naive offset handling: astral (Extension B, emoji, a flag pair), CRLF and
// lone CR/LF, combining marks, zero-width joiner, U+2028, quotes and backslashes, a lone surrogate.
const PIECES = ['政', '标', '利', '安', '隆', 'a', ' ', '。', '“', '"', '\\', '𠀀', '𪚥', '😀', '👍🏽', '🇨🇳', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u0301', '\u200d', '\u2028', '\ud800', '\udc00', '%'];

const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const labelArb = fc.constantFrom('TARGET', 'METRIC', 'ORG', 'PROJECT', '机构', 'X"Y');

/** Oracle independent of src/core: code points as Array.from sees them. */
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

const docArb = (index: number) =>
  textArb.chain((text) => {
    const n = Array.from(text).length;
    const spanArb = fc
      .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), labelArb)
      .map(([a, len, label]) => [a, Math.min(n, a + len), label] as const);
    return fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${index}-${s}`),
      title: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
      text: fc.constant(text),
      // Random spans overlap and nest freely, and a nested pair is planted half the time.
      spans: fc.array(spanArb, { maxLength: 8 }),
      nest: fc.boolean(),
    }).map(({ id, title, spans, nest }): ExportDocument => {
      const raw = [...spans];
      if (nest && n >= 3) raw.push([0, n, 'TARGET'], [1, n - 1, 'METRIC']);
      return {
        id,
        title,
        text,
        spans: raw.map(([start, end, label], k): Span => ({ id: `s${k}`, docId: id, start, end, label, text: cpSlice(text, start, end) })),
      };
    });
  });

const docsArb = fc.integer({ min: 0, max: 4 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

describe('doccano round trip (property)', () => {
  it('serialize → parse gives back every document and span exactly', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const out = serializeDoccano(docs);
        expect(out.split('\n')).toHaveLength(docs.length + 1); // one line per document, U+2028 and CR escaped or kept inside strings
        const r = parseDoccano(out, 'rt.jsonl');
        if (!r.ok) throw new Error(r.errors.map(formatErrorMessage).join('\n'));
        expect(r.documents).toEqual(
          docs.map((d) => ({
            id: d.id,
            title: d.title,
            text: d.text,
            spans: [...d.spans].sort(compareSpans).map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text })),
          })),
        );
        // The offsets in the file are code points: the oracle slice of every written entry is its span text.
        out.trimEnd().split('\n').forEach((line, k) => {
          if (line === '') return;
          const rec = JSON.parse(line) as { text: string; label: [number, number, string][] };
          const want = [...docs[k]!.spans].sort(compareSpans).map((s) => s.text);
          expect(rec.label.map(([a, b]) => cpSlice(rec.text, a, b))).toEqual(want);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('import of any valid label list gives each span the code-point slice of its offsets', () => {
    fc.assert(
      fc.property(docArb(0), fc.boolean(), fc.boolean(), (doc, crlf, entities) => {
        const label = doc.spans.map((s) => [s.start, s.end, s.label]);
        const rec = entities
          ? { text: doc.text, entities: doc.spans.map((s, i) => ({ id: i, start_offset: s.start, end_offset: s.end, label: s.label })), relations: [] }
          : { text: doc.text, label };
        const content = `\n${JSON.stringify(rec)}${crlf ? '\r\n' : '\n'}\n`;
        const r = parseDoccano(content, 'p.jsonl');
        if (!r.ok) throw new Error(r.errors.map(formatErrorMessage).join('\n'));
        expect(r.documents).toEqual([
          { title: 'p.jsonl #2', text: doc.text, spans: doc.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: cpSlice(doc.text, s.start, s.end) })) },
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
