import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/suggest/gazetteer.ts';
import { slice } from './helpers.ts';

const view = (g: Gazetteer, text: string) => g.match(text).map((s) => [s.text, s.start, s.end, s.label]);

function gaz(entries: [string, string][], source?: string): Gazetteer {
  const g = new Gazetteer(source);
  for (const [t, l] of entries) g.add(t, l);
  return g;
}

/** Leftmost-longest non-overlapping occurrences per label, by brute force over code points. */
function naive(entries: [string, string][], text: string): [string, number, number, string][] {
  const chars = Array.from(text);
  const out: [string, number, number, string][] = [];
  const alnum = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9]$/.test(c);
  for (const label of [...new Set(entries.map((e) => e[1]))].sort()) {
    const terms = entries.filter((e) => e[1] === label).map((e) => Array.from(e[0]));
    let i = 0;
    while (i < chars.length) {
      let best = 0;
      for (const t of terms) {
        if (t.length <= best || i + t.length > chars.length) continue;
        if (!t.every((c, k) => chars[i + k] === c)) continue;
        if (alnum(t[0]) && alnum(chars[i - 1])) continue;
        if (alnum(t[t.length - 1]) && alnum(chars[i + t.length])) continue;
        best = t.length;
      }
      if (best > 0) {
        out.push([chars.slice(i, i + best).join(''), i, i + best, label]);
        i += best;
      } else i++;
    }
  }
  return out.sort((a, b) => a[1] - b[1] || b[2] - a[2] || (a[3] < b[3] ? -1 : 1));
}

describe('Gazetteer', () => {
  it('adds, replaces, removes and lists terms', () => {
    const g = gaz([['科创中心', 'PROJECT'], ['杭电', 'ORG']]);
    expect(g.size).toBe(2);
    g.add('杭电', 'PROJECT');
    expect(g.entries()).toEqual([['科创中心', 'PROJECT'], ['杭电', 'PROJECT']]);
    g.remove('科创中心');
    g.add('', 'ORG');
    expect(g.size).toBe(1);
    expect(view(g, '建成投用科创中心,加快杭电落地')).toEqual([['杭电', 11, 13, 'PROJECT']]);
  });

  it('takes the leftmost, then the longest, of overlapping terms of a label', () => {
    const g = gaz([['科创', 'PROJECT'], ['科创中心', 'PROJECT'], ['中心', 'PROJECT'], ['ab', 'X'], ['bcd', 'X']]);
    expect(view(g, '建成投用科创中心')).toEqual([['科创中心', 4, 8, 'PROJECT']]);
    expect(view(g, 'ab abcd')).toEqual([['ab', 0, 2, 'X']]); // 'ab' inside 'abcd' is not a word of its own
    // Leftmost wins over longer: 利安 starts first, so 安隆二期 (overlapping it) is dropped.
    const h = gaz([['利安', 'X'], ['安隆二期', 'X'], ['二期', 'X']]);
    expect(view(h, '推动利安隆二期')).toEqual([['利安', 2, 4, 'X'], ['二期', 5, 7, 'X']]);
  });

  it('matches terms of different labels independently', () => {
    const g = gaz([['两山合作社', 'ORG'], ['两山', 'PROJECT']]);
    expect(view(g, '推进"两山合作社"改革')).toEqual([['两山合作社', 3, 8, 'ORG'], ['两山', 3, 5, 'PROJECT']]);
  });

  it('finds terms that are suffixes of one another (failure and output links)', () => {
    const g = gaz([['研究院', 'ORG'], ['常山研究院', 'ORG'], ['理工常山', 'ORG']]);
    expect(view(g, '浙理工常山研究院')).toEqual([['理工常山', 1, 5, 'ORG'], ['研究院', 5, 8, 'ORG']]);
    expect(view(g, '浙大常山研究院')).toEqual([['常山研究院', 2, 7, 'ORG']]);
  });

  it('counts code points: an astral character is one position', () => {
    const g = gaz([['利安隆', 'PROJECT'], ['𠀀利', 'ORG'], ['𪚥', 'X']]);
    const text = '𠀀利安隆二期,𪚥𪚥';
    expect(view(g, text)).toEqual([['𠀀利', 0, 2, 'ORG'], ['利安隆', 1, 4, 'PROJECT'], ['𪚥', 7, 8, 'X'], ['𪚥', 8, 9, 'X']]);
    for (const s of g.match(text)) expect(slice(text, s.start, s.end)).toBe(s.text);
  });

  it('does not match Latin terms inside longer Latin words', () => {
    const g = gaz([['GDP', 'METRIC'], ['5G', 'PROJECT']]);
    expect(view(g, 'GDPR与GDP,15G和5G基站')).toEqual([['GDP', 5, 8, 'METRIC'], ['5G', 13, 15, 'PROJECT']]);
  });

  it('names its rule after its source', () => {
    expect(gaz([['杭电', 'ORG']]).match('杭电')[0]!.rule).toBe('gazetteer');
    expect(gaz([['杭电', 'ORG']], 'learned').match('杭电')[0]!.rule).toBe('learned');
  });

  it('matches 5,000 terms over a long text in one pass, as brute force would', () => {
    const han = '常山衢州杭电浙大园区中心工程行动项目科创产业平台基地小镇水库公路专用线新材料智能电器'.split('');
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const entries = new Map<string, string>();
    while (entries.size < 5000) {
      const len = 2 + rand(5);
      let t = '';
      for (let i = 0; i < len; i++) t += han[rand(han.length)];
      entries.set(t, ['ORG', 'PROJECT', 'METRIC'][rand(3)]!);
    }
    const list = [...entries.entries()];
    const g = gaz(list);
    expect(g.size).toBe(5000);
    let text = '';
    for (let i = 0; i < 3000; i++) text += han[rand(han.length)]! + (rand(9) === 0 ? ',' : '');
    const got = view(g, text);
    expect(got).toEqual(naive(list, text));
    expect(got.length).toBeGreaterThan(100);
    // The same automaton over 60 times the text finds 60 times the matches (speed is in npm run eval).
    expect(g.match((text + '\n').repeat(60)).length).toBe(got.length * 60);
  });

  it('agrees with brute force on random terms and texts (including astral characters)', () => {
    const ch = fc.constantFrom('利', '安', '隆', '二', '期', '𠀀', 'a', 'b', '1', ',');
    const word = fc.array(ch, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.constantFrom('ORG', 'PROJECT')), { maxLength: 12 }), fc.array(ch, { maxLength: 40 }), (pairs, chars) => {
        const entries = [...new Map(pairs).entries()];
        const text = chars.join('');
        expect(view(gaz(entries), text)).toEqual(naive(entries, text));
      }),
      { numRuns: 300 },
    );
  });
});
