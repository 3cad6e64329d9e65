import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/suggest/gazetteer.ts';
import { suggest, withoutExisting } from '../../src/suggest/index.ts';
import type { Suggestion } from '../../src/suggest/types.ts';
import { SEED, slice } from './helpers.ts';

const view = (s: readonly Suggestion[]) => s.map((x) => `${x.label}:${x.text}`);

/** Is every overlap in the list a METRIC inside a TARGET? */
function schemeOk(list: readonly Suggestion[]): boolean {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (!(a.start < b.end && b.start < a.end)) continue;
      const metricIn = (m: Suggestion, t: Suggestion) => m.label === 'METRIC' && t.label === 'TARGET' && t.start <= m.start && m.end <= t.end;
      if (!metricIn(a, b) && !metricIn(b, a)) return false;
    }
  }
  return true;
}

describe('suggest', () => {
  it('nests METRICs inside TARGETs and sorts by start, outer first', () => {
    const s = suggest('实施新都片区全域工业土地综合整治,力争全年整治1980亩以上。');
    // (the PROJECT is GOLD P5's located works project)
    expect(s.map((x) => [x.label, x.text, x.start, x.end])).toEqual([
      ['PROJECT', '新都片区全域工业土地综合整治', 2, 16],
      ['TARGET', '力争全年整治1980亩以上', 17, 30],
      ['METRIC', '1980亩以上', 23, 30],
    ]);
  });

  it('keeps no PROJECT or ORG inside a TARGET (the longer clause wins)', () => {
    const s = suggest('培育省级"百县千碗"体验店1家以上,推动柚香谷创建3A景区。');
    expect(view(s)).toEqual(['TARGET:培育省级"百县千碗"体验店1家以上', 'METRIC:1家以上', 'TARGET:推动柚香谷创建3A景区']);
  });

  it('obeys the scheme on the seed and on random pieces of it', () => {
    const all = suggest(SEED);
    expect(schemeOk(all)).toBe(true);
    for (const s of all) expect(slice(SEED, s.start, s.end)).toBe(s.text);
    const chars = Array.from(SEED);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: chars.length }), fc.integer({ min: 0, max: 400 }), fc.constantFrom('', '𠀀', '𠀀\n'), (from, len, prefix) => {
        const text = prefix + chars.slice(from, from + len).join('');
        const got = suggest(text);
        expect(schemeOk(got)).toBe(true);
        for (let i = 1; i < got.length; i++) {
          const a = got[i - 1]!;
          const b = got[i]!;
          expect(a.start < b.start || (a.start === b.start && a.end >= b.end)).toBe(true);
        }
        for (const s of got) expect(slice(text, s.start, s.end)).toBe(s.text);
      }),
      { numRuns: 150 },
    );
  });

  it('suggests only the labels asked for', () => {
    const text = '力争全年整治1980亩以上,推动利安隆二期尽快落地。';
    expect(view(suggest(text, { labels: ['METRIC'] }))).toEqual(['METRIC:1980亩以上']);
    expect(view(suggest(text, { labels: ['TARGET', 'PROJECT'] }))).toEqual(['TARGET:力争全年整治1980亩以上', 'PROJECT:利安隆二期']);
  });

  it('puts gazetteer terms first, over longer rule suggestions', () => {
    const g = new Gazetteer();
    g.add('柚香谷', 'PROJECT');
    g.add('万华智能', 'ORG');
    const s = suggest('推动柚香谷创建3A景区。推动万华智能、君晟电器全面开工。', { gazetteer: g });
    expect(s.map((x) => `${x.label}:${x.text}:${x.rule}`)).toEqual([
      'PROJECT:柚香谷:gazetteer',
      'ORG:万华智能:gazetteer',
      'PROJECT:君晟电器:project:stage',
    ]);
  });

  it('stays linear on adversarial texts (no catastrophic backtracking)', () => {
    const inputs = [
      '一二三四五六七八九十'.repeat(20_000),
      '1234567890'.repeat(20_000),
      '"浙大研究院"园区、'.repeat(20_000),
      '推进科创中心建设新增企业15家以上'.repeat(12_000),
      '开工落地竣工投产'.repeat(20_000),
      '('.repeat(100_000) + ')'.repeat(100_000),
      '甲乙园、丙丁园等一批项目、'.repeat(15_000),
    ];
    // No catastrophic backtracking: each finishes (within the test timeout) and yields valid spans.
    for (const text of inputs) {
      for (const s of suggest(text)) expect(s.end).toBeGreaterThan(s.start);
    }
  });

  it('gives gazetteer terms in code points after astral characters', () => {
    const g = new Gazetteer();
    g.add('云创蔚来', 'PROJECT');
    expect(suggest('𠀀𠀀,云创蔚来', { gazetteer: g })).toMatchObject([{ start: 3, end: 7, text: '云创蔚来' }]);
  });
});

describe('withoutExisting', () => {
  const text = '力争全年整治1980亩以上,推动利安隆二期尽快落地。';
  const all = suggest(text);

  it('drops exact duplicates of the user’s spans', () => {
    const out = withoutExisting(all, [{ start: 0, end: 13, label: 'TARGET' }]);
    expect(view(out)).toEqual(['METRIC:1980亩以上', 'PROJECT:利安隆二期']);
  });

  it('keeps what nests with a user span, drops what overlaps it otherwise', () => {
    // A METRIC suggestion inside the user's TARGET stays; a TARGET suggestion around the user's METRIC too.
    expect(view(withoutExisting(all, [{ start: 0, end: 13, label: 'TARGET' }, { start: 16, end: 21, label: 'ORG' }]))).toEqual(['METRIC:1980亩以上']);
    expect(view(withoutExisting(all, [{ start: 6, end: 13, label: 'METRIC' }]))).toEqual(['TARGET:力争全年整治1980亩以上', 'PROJECT:利安隆二期']);
    // A user's PROJECT crossing the target pushes the TARGET and its METRIC out? Only what it overlaps.
    expect(view(withoutExisting(all, [{ start: 10, end: 15, label: 'PROJECT' }]))).toEqual(['PROJECT:利安隆二期']);
    // The same range with another label is an overlap, not a duplicate.
    expect(view(withoutExisting(all, [{ start: 6, end: 13, label: 'ORG' }]))).toEqual(['PROJECT:利安隆二期']);
  });

  it('drops the label+text pairs the user rejected, wherever they are', () => {
    const twice = suggest('推动利安隆二期尽快落地。力争利安隆二期年内投产。');
    expect(view(twice)).toEqual(['PROJECT:利安隆二期', 'PROJECT:利安隆二期']);
    expect(withoutExisting(twice, [], new Set(['PROJECT|利安隆二期']))).toEqual([]);
    expect(withoutExisting(twice, [], new Set(['ORG|利安隆二期']))).toHaveLength(2);
  });

  it('checks many spans quickly', () => {
    const long = suggest(SEED.repeat(20));
    const spans = long.filter((_, i) => i % 3 === 0).map((s) => ({ start: s.start, end: s.end, label: s.label }));
    const out = withoutExisting(long, spans);
    expect(out.length).toBeLessThan(long.length);
    expect(out.length).toBeGreaterThan(0);
  });
});
