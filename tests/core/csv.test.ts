import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, formatCsv, guardFormula, plainNumber, type CsvCell } from '../../src/core/index.ts';
import { RUNS, trickyText } from './arbitraries.ts';
import { parseCsv } from '../csv-reader.ts';


describe('plainNumber', () => {
  it('never writes an exponent and keeps the shortest digits', () => {
    expect(plainNumber(4500000000)).toBe('4500000000');
    expect(plainNumber(4.5e9)).toBe('4500000000');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e22)).toBe('15000000000000000000000');
    expect(plainNumber(0.035)).toBe('0.035');
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-1.25e-8)).toBe('-0.0000000125');
    expect(plainNumber(-5)).toBe('-5');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(NaN)).toBe('');
    expect(plainNumber(Infinity)).toBe('');
  });

  it('reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = plainNumber(n);
        expect(s).not.toMatch(/e/i);
        expect(Number(s)).toBe(n === 0 ? 0 : n);
      }),
      RUNS,
    );
  });
});

describe('csvField', () => {
  it('quotes fields with comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('利安隆二期')).toBe('利安隆二期');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('"十链百企共生"专项行动')).toBe('"""十链百企共生""专项行动"');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField('一\r二')).toBe('"一\r二"');
    expect(csvField('')).toBe('');
  });

  it('guards text that a spreadsheet would run as a formula, but not numbers', () => {
    for (const f of ['=1+1', '+86', '-5', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(f)).toBe(`'${f}`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(4500000000)).toBe('4500000000');
    // Only the first character counts.
    expect(csvField('增长-5%')).toBe('增长-5%');
    expect(csvField("'quoted")).toBe("'quoted");
  });
});

describe('formatCsv', () => {
  it('writes a BOM, a header and CRLF after every record', () => {
    expect(formatCsv(['a', 'b'], [['x', 1], ['y,z', -2]])).toBe('\uFEFFa,b\r\nx,1\r\n"y,z",-2\r\n');
    expect(formatCsv(['only'], [])).toBe('\uFEFFonly\r\n');
  });

  it('parses back to the same cells (text formula-guarded, numbers plain)', () => {
    const text = fc.oneof(
      trickyText(8),
      fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", '中', ' ', '；'), maxLength: 8 }),
    );
    const cell: fc.Arbitrary<CsvCell> = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const record = fc.array(cell, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), fc.array(record, { maxLength: 6 }), (header, rows) => {
        const expected = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? plainNumber(c) : guardFormula(c))));
        expect(parseCsv(formatCsv(header, rows))).toEqual(expected);
        for (const r of rows) {
          for (const c of r) if (typeof c === 'number') expect(Number(plainNumber(c))).toBe(c === 0 ? 0 : c);
        }
      }),
      RUNS,
    );
  });
});
