import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TITLE_MAX, matchHeading, outline, sentences, sliceCodePoints, splitParagraphs } from '../../src/core/index.ts';
import type { Heading } from '../../src/core/index.ts';
import { RUNS, TRICKY_PIECES } from './arbitraries.ts';

const SEED = readFileSync(new URL('../../seeds/changshan-2023-work-report-p11.txt', import.meta.url), 'utf8');
const SEED_LINES = SEED.split('\n');

/** The heading text its offsets claim: the title, before any cut with "…". */
function claimed(text: string, h: Heading): string {
  return sliceCodePoints(text, h.start, h.end);
}

function expectTitleMatchesSlice(text: string, h: Heading): void {
  const whole = claimed(text, h);
  if (Array.from(whole).length <= TITLE_MAX) expect(h.title).toBe(whole);
  else {
    expect(Array.from(h.title)).toHaveLength(TITLE_MAX);
    expect(h.title.endsWith('…')).toBe(true);
    expect(whole.startsWith(h.title.slice(0, -1))).toBe(true);
  }
  expect(whole.startsWith(h.marker)).toBe(true);
}

describe('outline on the seed', () => {
  it('finds the "--" sections and the half-width (一) subsections, titles ending at the first 。', () => {
    const hs = outline(SEED);
    expect(hs.map((h) => [h.level, h.marker, h.title, h.paragraph])).toEqual([
      [1, '--', '--聚焦发展引擎升级,全力打赢三场大会战', 1],
      [2, '(一)', '(一)打赢工业强县大会战', 2],
      [2, '(二)', '(二)打赢项目攻坚大会战', 3],
      [2, '(三)', '(三)打赢消费扩容大会战', 4],
      [1, '--', '--聚焦发展动能聚合,全力打好三套组合拳', 5],
      [2, '(一)', '(一)打好改革创新组合拳', 6],
    ]);
    const paragraphs = splitParagraphs(SEED);
    for (const h of hs) {
      expectTitleMatchesSlice(SEED, h);
      expect(h.start).toBe(paragraphs[h.paragraph]!.start);
    }
  });

  it('does not take the page header, the 下一篇 line, or numbers inside the text for headings', () => {
    expect(matchHeading(SEED_LINES[0]!)).toBeNull(); // 2023年政府工作报告-20篇(第11/118页)
    expect(matchHeading(SEED_LINES[7]!)).toBeNull();
    // Every marker-like string of the seed that is not at a line start stays out of the outline.
    expect(SEED).toContain('(含小升规)');
    expect(outline(SEED).every((h) => h.marker === '--' || /^\([一二三]\)$/.test(h.marker))).toBe(true);
  });
});

describe('outline', () => {
  const REPORT = [
    '第一部分 2022年工作回顾',
    '一、总体要求',
    '　　（一）稳住经济大盘。全年地区生产总值增长6%。',
    '(二)扩大有效投资',
    '1. 加快平台"腾拓"。实施新都片区全域工业土地综合整治。',
    '2、推进项目"引落"',
    '（1）深入开展"十链百企共生"专项行动',
    '(2)推动利安隆二期尽快落地',
    '１．全角数字也算',
    '十二、其他',
    '二十一、附则',
    '第三章 附则',
    '第十二章',
  ].join('\n');

  it('finds every marker kind with its level and marker text', () => {
    expect(outline(REPORT).map((h) => [h.level, h.marker, h.title])).toEqual([
      [1, '第一部分', '第一部分 2022年工作回顾'],
      [1, '一、', '一、总体要求'],
      [2, '（一）', '（一）稳住经济大盘'],
      [2, '(二)', '(二)扩大有效投资'],
      [3, '1.', '1. 加快平台"腾拓"'],
      [3, '2、', '2、推进项目"引落"'],
      [3, '（1）', '（1）深入开展"十链百企共生"专项行动'],
      [3, '(2)', '(2)推动利安隆二期尽快落地'],
      [3, '１．', '１．全角数字也算'],
      [1, '十二、', '十二、其他'],
      [1, '二十一、', '二十一、附则'],
      [1, '第三章', '第三章 附则'],
      [1, '第十二章', '第十二章'],
    ]);
    for (const h of outline(REPORT)) expectTitleMatchesSlice(REPORT, h);
  });

  it('skips indentation before the marker', () => {
    const h = outline('　　（一）稳住经济大盘。')[0]!;
    expect([h.start, h.end, h.title]).toEqual([2, 11, '（一）稳住经济大盘']);
  });

  it('does not take years, decimals, percentages or mid-line markers for headings', () => {
    const NOT_HEADINGS = [
      '2023年全县生产总值增长6%。',
      '1.5%的增长来自工业。',
      '3.5%以上的占比。',
      '12.5亿元投向基础设施。',
      '2023、2024两年',
      '1.',
      '1. ',
      '(1)',
      '1、',
      '---',
      '- 3 -',
      '一一、重复',
      '百、不是',
      '推进(一)类项目。',
      '力争数字经济核心产业增加值增长15%、占GDP比重达3.5%以上。',
    ];
    for (const line of NOT_HEADINGS) {
      expect(matchHeading(line), line).toBeNull();
      expect(outline(line), line).toEqual([]);
    }
  });

  it('counts offsets in code points after astral characters and CRLF line ends', () => {
    const text = '𠀀𪚥。\r\n一、𠀀发展。正文\r\n\r\n(二)打赢';
    const hs = outline(text);
    expect(hs.map((h) => [h.start, h.end, h.paragraph, h.title])).toEqual([
      [5, 10, 1, '一、𠀀发展'],
      [17, 22, 3, '(二)打赢'],
    ]);
    for (const h of hs) expectTitleMatchesSlice(text, h);
  });

  it('cuts a long title to TITLE_MAX code points with …, while start/end cover the whole heading', () => {
    const long = '一、' + '深入实施营商环境一号改革工程'.repeat(4);
    const [h] = outline(long + '。后文');
    expect(h!.end - h!.start).toBe(Array.from(long).length);
    expect(Array.from(h!.title)).toHaveLength(TITLE_MAX);
    expect(h!.title.endsWith('…')).toBe(true);
    expectTitleMatchesSlice(long + '。后文', h!);
  });

  const HEADINGISH = ['一、', '(一)', '（二）', '1.', '1、', '(1)', '第一章', '--', '2023年', '1.5%', '　　', '标题', '。', '”'];
  const mixed = fc
    .array(fc.oneof(fc.constantFrom(...TRICKY_PIECES), fc.constantFrom(...HEADINGISH)), { maxLength: 40 })
    .map((ps) => ps.join(''));

  it('property: heading offsets slice to the claimed title, at a line start', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const paragraphs = splitParagraphs(text);
        let last = -1;
        for (const h of outline(text)) {
          expect(h.start).toBeGreaterThan(last);
          last = h.start;
          expect(h.end).toBeGreaterThanOrEqual(h.start);
          expectTitleMatchesSlice(text, h);
          const p = paragraphs[h.paragraph]!;
          expect(h.start).toBeGreaterThanOrEqual(p.start);
          expect(h.end).toBeLessThanOrEqual(p.end);
          // Only indentation between the line start (after \n or \r) and the marker.
          const before = Array.from(text).slice(0, h.start);
          let k = before.length - 1;
          while (k >= 0 && /^[ \t\u3000\u00a0]$/.test(before[k]!)) k--;
          expect(k < 0 || before[k] === '\n' || before[k] === '\r').toBe(true);
          expect(claimed(text, h)).not.toMatch(/[\r\n]/);
        }
      }),
      RUNS,
    );
  });
});

describe('sentences', () => {
  function texts(text: string): string[] {
    return sentences(text).map((s) => sliceCodePoints(text, s.start, s.end));
  }

  it('splits the seed into sentences that rebuild each line', () => {
    const ss = texts(SEED);
    expect(ss[0]).toBe('2023年政府工作报告-20篇(第11/118页)');
    expect(ss[1]).toBe('--聚焦发展引擎升级,全力打赢三场大会战。');
    expect(ss[3]).toBe('(一)打赢工业强县大会战。');
    expect(ss).toContain('加快平台"腾拓"。');
    // 18.5 and 3.5% do not cut: only 。！？；!?; end a sentence.
    const decimals = ss.find((x) => x.includes('18.5万元'))!;
    expect(decimals.startsWith('持续深化"亩均论英雄"改革')).toBe(true);
    expect(decimals.endsWith('占GDP比重达3.5%以上。')).toBe(true);
    expect(ss.at(-1)).toBe('下一篇:2023年政府工作报告-15篇');
    // Every sentence but the two scrape lines ends in 。 (decimal points like 18.5 do not cut).
    expect(ss.slice(1, -1).every((s) => s.endsWith('。'))).toBe(true);
    expect(ss.join('')).toBe(SEED.replace(/\n/g, ''));
  });

  it('keeps closing quotes and brackets with the sentence, and runs of ends together', () => {
    expect(texts('他说：“好。”然后走了。')).toEqual(['他说：“好。”', '然后走了。']);
    expect(texts('（见附件。）真的吗？！是的!对;好')).toEqual(['（见附件。）', '真的吗？！', '是的!', '对;', '好']);
    expect(texts('他说:"好。"然后走了。')).toEqual(['他说:"好。"', '然后走了。']);
    // An ASCII quote after 。 that opens a new quotation starts the next sentence.
    expect(texts('全力打赢大会战。"十四五"期间再创佳绩。')).toEqual(['全力打赢大会战。', '"十四五"期间再创佳绩。']);
    expect(texts('First one! Second one? Third')).toEqual(['First one! ', 'Second one? ', 'Third']);
  });

  it('cuts at line ends (LF, CRLF, lone CR) and makes no empty sentences', () => {
    expect(texts('甲乙\n丙丁。戊\r\n\r\n己\r庚')).toEqual(['甲乙', '丙丁。', '戊', '己', '庚']);
    expect(sentences('')).toEqual([]);
    expect(sentences('\n\r\n\r')).toEqual([]);
    expect(sentences('𠀀。𠀀')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
    ]);
  });

  it('property: sentences tile the text minus its line terminators, in code points', () => {
    const ENDS = ['。', '！', '？', '；', '!', '?', ';', '”', '"', '）', ' '];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...TRICKY_PIECES), fc.constantFrom(...ENDS)), { maxLength: 50 })
      .map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const chars = Array.from(t);
        const covered: number[] = new Array<number>(chars.length).fill(0);
        let last = 0;
        for (const s of sentences(t)) {
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.start).toBeGreaterThanOrEqual(last);
          last = s.end;
          for (let i = s.start; i < s.end; i++) covered[i]!++;
          expect(sliceCodePoints(t, s.start, s.end)).toBe(chars.slice(s.start, s.end).join(''));
        }
        chars.forEach((ch, i) => expect(covered[i]).toBe(ch === '\n' || ch === '\r' ? 0 : 1));
      }),
      RUNS,
    );
  });
});
