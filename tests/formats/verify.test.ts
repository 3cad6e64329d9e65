import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/core/spans.ts';
import { serializeDoccano, ExportError, exportProblems, verifyForExport, type ExportDocument } from '../../src/formats/index.ts';

function s(id: string, start: number, end: number, label: string, text: string, docId = 'd1'): Span {
  return { id, docId, start, end, label, text };
}

function thrownBy(fn: () => unknown): ExportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ExportError);
    return e as ExportError;
  }
  throw new Error('expected an ExportError');
}

describe('verifyForExport', () => {
  const text = '𠀀利安隆二期尽快落地';
  const good: ExportDocument = {
    id: 'd1',
    title: '报告',
    text,
    spans: [s('a', 1, 6, 'PROJECT', '利安隆二期'), s('b', 0, 1, 'X', '𠀀'), s('c', 8, 10, 'Y', '落地')],
  };

  it('accepts spans whose stored text equals the text between their code-point offsets', () => {
    expect(() => verifyForExport([good])).not.toThrow();
    expect(exportProblems([good])).toEqual([]);
    expect(() => verifyForExport([])).not.toThrow();
  });

  it('refuses a span whose text does not match, naming document and span', () => {
    // UTF-16 offsets [2, 7) for 利安隆二期 would be one code point too far on.
    const bad: ExportDocument = { ...good, spans: [good.spans[0]!, s('z', 2, 7, 'PROJECT', '利安隆二期')] };
    const err = thrownBy(() => verifyForExport([bad]));
    expect(err.problems).toEqual([
      {
        docId: 'd1',
        docTitle: '报告',
        spanId: 'z',
        label: 'PROJECT',
        start: 2,
        end: 7,
        reason: 'text differs',
        expected: '利安隆二期',
        actual: '安隆二期尽',
      },
    ]);
    expect(err.message).toContain('"报告"');
    expect(err.message).toContain('id d1');
    expect(err.message).toContain('PROJECT [2, 7)');
    expect(err.message).toContain('expected "利安隆二期", actual "安隆二期尽"');
    expect(err.message).toMatch(/^Export refused: 1 span /);
  });

  it('lists every bad span of every document, including unusable offsets', () => {
    const other: ExportDocument = {
      id: 'd2',
      title: 'second',
      text: 'abc',
      spans: [s('p', 0, 4, 'A', 'abc', 'd2'), s('q', 2, 2, 'A', '', 'd2'), s('r', -1, 1, 'A', 'a', 'd2'), s('t', 0, 1.5, 'A', 'a', 'd2'), s('u', 0, 1, '', 'a', 'd2')],
    };
    const bad: ExportDocument = { ...good, spans: [...good.spans, s('w', 8, 10, 'Y', '落 地')] };
    const err = thrownBy(() => serializeDoccano([bad, other]));
    expect(err.problems.map((p) => [p.docId, p.spanId, p.reason, p.actual])).toEqual([
      ['d1', 'w', 'text differs', '落地'],
      ['d2', 'p', 'offsets outside the text (length 3)', ''],
      ['d2', 'q', 'end is not after start', ''],
      ['d2', 'r', 'offsets outside the text (length 3)', ''],
      ['d2', 't', 'offsets are not whole numbers', ''],
      ['d2', 'u', 'label is empty', 'a'],
    ]);
    expect(err.message).toMatch(/^Export refused: 6 spans /);
    expect(err.message.split('\n')).toHaveLength(7);
    expect(err.message).toContain('document "second" (id d2): span A [0, 4) (id p)');
  });
});
