import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOILERPLATE, CLEANING_RULES, boilerplateMatch, cleanText, describeChanges } from '../../src/core/index.ts';
import type { CleaningRule } from '../../src/core/index.ts';
import { RUNS, TRICKY_PIECES } from './arbitraries.ts';

const SEED = readFileSync(new URL('../../seeds/changshan-2023-work-report-p11.txt', import.meta.url), 'utf8');
const SEED_LINES = SEED.split('\n');
/**
 * The seed is itself a scrape: its first line is the sharing site's page title stamped with the page
 * number, "2023年政府工作报告-20篇(第11/118页)", its last line "下一篇:2023年政府工作报告-15篇". The body
 * is the six report paragraphs between them.
 */
const SEED_BODY = SEED_LINES.slice(1, -1).join('\n');
const ALL: CleaningRule[] = ['crlf', 'boilerplate', 'join-lines'];

/** Hard-wraps every line of `text` every `width` code points, as a PDF export does. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const chars = Array.from(line);
      const pieces: string[] = [];
      for (let i = 0; i < chars.length || i === 0; i += width) pieces.push(chars.slice(i, i + width).join(''));
      return pieces.join('\n');
    })
    .join('\n');
}

function clean(text: string, rules: readonly CleaningRule[] = ALL): string {
  return cleanText(text, rules).text;
}

describe('join-lines on the hard-wrapped seed (the acceptance check)', () => {
  const WRAPPED = wrap(SEED, 40);

  it('gives back the original paragraphs exactly', () => {
    expect(WRAPPED.split('\n').length).toBeGreaterThan(70);
    const r = cleanText(WRAPPED, ['join-lines']);
    expect(r.text).toBe(SEED);
    expect(r.counts).toEqual({ crlf: 0, boilerplate: 0, 'join-lines': WRAPPED.split('\n').length - SEED_LINES.length });
  });

  it('reports one change per rebuilt paragraph, at its first original line, with the pieces as before', () => {
    const r = cleanText(WRAPPED, ['join-lines']);
    const wrappedLines = WRAPPED.split('\n');
    // Paragraphs longer than 40 code points: all but the page title and the 下一篇 line.
    expect(r.changes).toHaveLength(6);
    let line = 1;
    for (const p of SEED_LINES) {
      const pieces = wrap(p, 40).split('\n');
      if (pieces.length > 1) {
        const change = r.changes.find((c) => c.line === line)!;
        expect(change).toMatchObject({ rule: 'join-lines', before: pieces.join('\n'), after: p });
        expect(wrappedLines[line - 1]).toBe(pieces[0]);
      }
      line += pieces.length;
    }
  });

  it('with CRLF line ends, crlf + join-lines also gives back the seed', () => {
    const crlf = WRAPPED.replace(/\n/g, '\r\n');
    const r = cleanText(crlf, ['crlf', 'join-lines']);
    expect(r.text).toBe(SEED);
    expect(r.counts.crlf).toBe(WRAPPED.split('\n').length - 1);
    expect(describeChanges(r)).toBe(`合并断行 ${r.counts['join-lines']} · CRLF ${r.counts.crlf}`);
  });

  it('at any width, never changes a character and never merges two paragraphs', () => {
    // Widths other than 40 may cut right after a 。 or before "(一)"; those breaks are left, nothing worse.
    // (Width 2 is degenerate: "--" alone on a line is no heading, so the page title takes it.)
    for (let width = 3; width <= 100; width++) {
      const out = clean(wrap(SEED, width), ['join-lines']).split('\n');
      let k = 0;
      for (const paragraph of SEED_LINES) {
        let rebuilt = '';
        while (rebuilt.length < paragraph.length) rebuilt += out[k++];
        expect(rebuilt, `width ${width}`).toBe(paragraph);
      }
      expect(k).toBe(out.length);
    }
  });
});

describe('crlf', () => {
  it('turns CRLF and lone CR into LF, one change per line end', () => {
    const r = cleanText('甲。\r\n乙。\r丙。\n丁。', ['crlf']);
    expect(r.text).toBe('甲。\n乙。\n丙。\n丁。');
    expect(r.changes).toEqual([
      { rule: 'crlf', line: 1, before: '甲。\r\n', after: '甲。\n' },
      { rule: 'crlf', line: 2, before: '乙。\r', after: '乙。\n' },
    ]);
    expect(r.counts.crlf).toBe(2);
    expect(clean(SEED.replace(/\n/g, '\r\n'), ['crlf'])).toBe(SEED);
  });

  it('leaves CRs alone when off (only a join drops one, with the trailing space of the line)', () => {
    expect(clean('甲。\r\n乙。', ['join-lines', 'boilerplate'])).toBe('甲。\r\n乙。');
    expect(clean('甲乙\r\n丙丁。', ['join-lines'])).toBe('甲乙丙丁。');
  });
});

describe('join-lines', () => {
  const join = (t: string) => clean(t, ['join-lines']);

  it('joins a line that does not end a sentence with the next, CJK without a space', () => {
    expect(join('深化落实工业强县工作体系,加速\n推进"五链融合"。')).toBe('深化落实工业强县工作体系,加速推进"五链融合"。');
    expect(join('力争全年整治19\n80亩以上。')).toBe('力争全年整治1980亩以上。');
    expect(join('占GDP比重达3.\n5%以上。')).toBe('占GDP比重达3.5%以上。');
    expect(join('占GDP\n比重。')).toBe('占GDP比重。');
    expect(join('甲乙   \n丙丁。')).toBe('甲乙丙丁。');
  });

  it('puts one space between Latin words', () => {
    expect(join('The government will  \ncontinue to\nexpand demand.')).toBe(
      'The government will continue to expand demand.',
    );
    expect(join('certified to ISO\n9001 in 2023.')).toBe('certified to ISO 9001 in 2023.');
    expect(join('R&D spending\n(3.5%).')).toBe('R&D spending(3.5%).');
  });

  it('never joins a line ending a sentence, even before a closing quote or bracket', () => {
    for (const end of ['。', '！', '？', '；', '!', '?', ';', '。”', '。」', '？）', '。"', '。）”', '：', ':']) {
      expect(join(`全力打赢三场大会战${end}\n精准把握后疫情时代。`), end).toBe(`全力打赢三场大会战${end}\n精准把握后疫情时代。`);
    }
    expect(join('各位代表：\n现在，我代表县人民政府向大会报告工作。')).toBe('各位代表：\n现在，我代表县人民政府向大会报告工作。');
  });

  it('never joins across an empty line, onto a heading or an indented line', () => {
    for (const text of [
      '全力打赢三场\n\n大会战。',
      '全力打赢三场\n   \n大会战。',
      '2023年主要工作\n一、总体要求',
      '2023年主要工作\n(一)打赢工业强县大会战。',
      '2023年主要工作\n1. 加快平台"腾拓"。',
      '政府工作报告\n　　各位代表：',
      '政府工作报告\n  各位代表：',
    ]) {
      expect(join(text), text).toBe(text);
    }
  });

  it('never joins a heading alone on its line to the next', () => {
    expect(join('一、总体要求\n今年经济社会发展的总体要求是')).toBe('一、总体要求\n今年经济社会发展的总体要求是');
    expect(join('(一)打赢工业强县大会战\n深化落实工业强县。')).toBe('(一)打赢工业强县大会战\n深化落实工业强县。');
    // A heading followed by body text on the same line (as in the seed) is a paragraph that may be wrapped.
    expect(join('(一)打赢工业强县大会战。深化落实\n工业强县。')).toBe('(一)打赢工业强县大会战。深化落实工业强县。');
  });

  it('keeps 2023年 and 1.5% lines joinable: they are not headings', () => {
    expect(join('全县生产总值\n2023年增长6%。')).toBe('全县生产总值2023年增长6%。');
    expect(join('增长\n1.5%。')).toBe('增长1.5%。');
  });
});

describe('boilerplate', () => {
  it('removes exactly the page title and the 下一篇 line of the seed', () => {
    const r = cleanText(SEED, ['boilerplate']);
    expect(r.text).toBe(SEED_BODY);
    expect(r.changes).toEqual([
      { rule: 'boilerplate', line: 1, before: SEED_LINES[0], after: '', pattern: 'page-title' },
      { rule: 'boilerplate', line: 8, before: SEED_LINES[7], after: '', pattern: 'prev-next' },
    ]);
    expect(describeChanges(r)).toBe('删除 2 行');
  });

  it('removes the furniture of a scraped page around the seed, with the blank lines at the edges', () => {
    const page = [
      '当前位置：首页 > 政务公开 > 政府工作报告',
      '',
      '发布时间：2023-01-12 来源：常山县人民政府办公室',
      '发布时间：2023-01-12 10:30:00 来源：常山县人民政府办公室 浏览次数：12345',
      '【字体：大 中 小】【打印本页】【关闭窗口】',
      '浏览次数：1234',
      '',
      SEED,
      '',
      '打印本页 关闭窗口',
      '分享到：微信 微博 QQ空间',
      '扫一扫在手机打开当前页',
      '责任编辑：张三',
      '上一篇：2022年政府工作报告',
      '首页 上一页 1 2 3 下一页 尾页',
      '',
    ].join('\n');
    const r = cleanText(page, ['boilerplate']);
    expect(r.text).toBe(SEED_BODY);
    expect(r.counts.boilerplate).toBe(page.split('\n').length - 6);
    // The same page saved on Windows, and with every rule on.
    expect(clean(page.replace(/\n/g, '\r\n'))).toBe(SEED_BODY);
  });

  it('cleans a PDF export: CRLF, hard wraps, page numbers in mid-sentence with blank lines around', () => {
    const lines = wrap(SEED, 40).split('\n');
    const out: string[] = [];
    lines.forEach((line, i) => {
      out.push(line);
      if (i % 15 === 14) {
        const page = (i + 1) / 15;
        out.push('', i % 2 === 0 ? `- ${page} -` : `第${page}页 共6页`, '');
      }
    });
    const pdf = out.join('\r\n');
    const r = cleanText(pdf, ALL);
    expect(r.text).toBe(SEED_BODY);
    expect(r.changes.filter((c) => c.rule === 'boilerplate' && c.pattern !== 'blank')).toHaveLength(2 + 5);
    // Lines are numbered in the original text.
    const original = pdf.split('\r\n');
    for (const c of r.changes.filter((c) => c.rule === 'boilerplate')) expect(original[c.line - 1]).toBe(c.before);
  });

  it('keeps one blank line where furniture stood between paragraphs', () => {
    expect(clean('甲乙。\n\n- 3 -\n\n丙丁。', ['boilerplate'])).toBe('甲乙。\n\n丙丁。');
    expect(clean('甲乙。\n- 3 -\n丙丁。', ['boilerplate'])).toBe('甲乙。\n丙丁。');
    expect(clean('甲乙\n\n- 3 -\n\n丙丁。', ALL)).toBe('甲乙丙丁。');
  });

  it('removes furniture that only a join reveals', () => {
    const r = cleanText('正文。\n第3\n页\n\n正文。', ALL);
    expect(r.text).toBe('正文。\n\n正文。');
    expect(r.changes).toEqual([
      { rule: 'boilerplate', line: 2, before: '第3', after: '', pattern: 'page-number' },
      { rule: 'boilerplate', line: 3, before: '页', after: '', pattern: 'page-number' },
    ]);
  });

  it('matches each kind of furniture line', () => {
    const CASES: [string, string][] = [
      ['上一篇：2022年政府工作报告', 'prev-next'],
      ['下一篇:2023年政府工作报告-15篇', 'prev-next'],
      ['【下一篇】', 'prev-next'],
      ['上一页 下一页', 'pager'],
      ['打印本页', 'toolbar'],
      ['关闭窗口', 'toolbar'],
      ['【打印本页】 【关闭窗口】', 'toolbar'],
      ['【字体：大 中 小】', 'toolbar'],
      ['字号：[大] [中] [小] 打印 关闭', 'toolbar'],
      ['分享到：', 'share'],
      ['分享到', 'share'],
      ['来源：常山县人民政府办公室', 'source'],
      ['信息来源: 新华社', 'source'],
      ['责任编辑：张三', 'editor'],
      ['【责任编辑：李四】', 'editor'],
      ['发布日期：2023-01-12', 'published'],
      ['浏览次数：1234', 'views'],
      ['点击数：56', 'views'],
      ['第 3 页', 'page-number'],
      ['第3页 共10页', 'page-number'],
      ['第3页/共10页', 'page-number'],
      ['共10页 第3页', 'page-number'],
      ['- 3 -', 'page-number'],
      ['—3—', 'page-number'],
      ['－ 12 －', 'page-number'],
      ['3/118', 'page-number'],
      ['Page 3 of 10', 'page-number'],
      ['2023年政府工作报告-20篇(第11/118页)', 'page-title'],
      ['3', 'bare-number'],
      ['1 2 3 … 10 下一页', 'pager'],
      ['１２', 'bare-number'],
    ];
    for (const [line, name] of CASES) {
      expect(boilerplateMatch(line), line).toBe(name);
      expect(boilerplateMatch(`  ${line}\u3000`), line).toBe(name);
    }
    expect(new Set(BOILERPLATE.map((b) => b.name)).size).toBe(BOILERPLATE.length);
  });

  it('keeps real sentences that mention the same words', () => {
    const SENTENCES = [
      '资金来源：一是争取上级补助，二是发行专项债券。',
      '来源：县统计局，全年地区生产总值增长6.5%。',
      '来源：县统计局全年地区生产总值增长百分之六点五，高于全市平均水平，也高于全省平均水平', // 40+ code points
      '数据来源于县统计局。',
      '请打印本页并签字后交回。',
      '详见报告第3页。',
      '点击数同比增长20%,网上兑现率100%。',
      '下一篇章已经开启。',
      '分享到了发展红利。',
      '责任编辑要把好导向关。',
      '第3页的表格列出了全部项目。',
      '2023年',
      '1.5%',
      '12345',
      '3/118个项目已完工。',
      '- 3 - 号文件',
      '首页改版上线,打造政务服务新窗口。',
      '浏览次数最多的政策是惠企政策"一窗兑现"。',
      SEED_LINES[3]!,
    ];
    for (const s of SENTENCES) expect(boilerplateMatch(s), s).toBeUndefined();
    const text = [SEED_LINES[1], ...SENTENCES, SEED_LINES[2]].join('\n');
    expect(clean(text, ['boilerplate'])).toBe(text);
  });
});

describe('cleanText', () => {
  it('changes nothing without rules, and does not care about the order of the rules', () => {
    const messy = wrap(SEED, 40).replace(/\n/g, '\r\n') + '\r\n打印本页';
    const none = { crlf: 0, boilerplate: 0, 'join-lines': 0 };
    expect(cleanText(messy, [])).toEqual({ text: messy, changes: [], counts: none });
    expect(cleanText(messy, ['join-lines', 'boilerplate', 'crlf'])).toEqual(cleanText(messy, CLEANING_RULES));
    expect(describeChanges(cleanText(SEED_BODY, ALL))).toBe('无改动');
  });

  it('sorts changes by original line', () => {
    const r = cleanText(wrap(SEED, 40).replace(/\n/g, '\r\n'), ALL);
    const keys = r.changes.map((c) => c.line * 3 + CLEANING_RULES.indexOf(c.rule));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  const PIECES = [
    ...TRICKY_PIECES,
    '一、',
    '(一)',
    '1. ',
    '第3',
    '页',
    '- 3 -',
    '来源：',
    '新华社',
    '打印本页',
    '下一篇:',
    '--',
    '。',
    '”',
    '：',
    'GDP',
    '19',
    '80',
    '  ',
    '　　',
    'abc',
    '\n',
    '\n',
    '\r\n',
  ];
  /** Short lines (so that whole lines of furniture come up often) with mixed line ends. */
  const LINE_PIECES = [
    ...['一、', '(一)', '第3', '页', '- 3 -', '来源：', '新华社', '打印本页', '下一篇:', '(第3页)', '分享到'],
    ...['。', '”', '：', 'GDP', '19', ' ', '　　', '𠀀', '甲乙'],
  ];
  const messyLines = fc
    .array(
      fc.tuple(
        fc.array(fc.constantFrom(...LINE_PIECES), { maxLength: 3 }).map((ps) => ps.join('')),
        fc.constantFrom('\n', '\n', '\r\n', '\r'),
      ),
      { maxLength: 12 },
    )
    .map((ls) => ls.map(([line, end]) => line + end).join(''));
  const messyPieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((ps) => ps.join(''));
  const messyText = fc.oneof(messyPieces, messyLines);
  const ruleSet = fc.subarray<CleaningRule>(['crlf', 'boilerplate', 'join-lines']);

  it('property: idempotent — cleaning the result again changes nothing', () => {
    fc.assert(
      fc.property(messyText, ruleSet, (text, rules) => {
        const once = cleanText(text, rules);
        const twice = cleanText(once.text, rules);
        expect(twice.text).toBe(once.text);
        expect(twice.changes).toEqual([]);
      }),
      RUNS,
    );
  });

  it('property: no CR survives crlf; crlf alone only converts line ends', () => {
    fc.assert(
      fc.property(messyText, ruleSet, (text, rules) => {
        const out = cleanText(text, [...rules, 'crlf']).text;
        expect(out).not.toContain('\r');
        expect(clean(text, ['crlf'])).toBe(text.replace(/\r\n?/g, '\n'));
      }),
      RUNS,
    );
  });

  it('property: counts add up, and cleaning only removes characters (join-lines only whitespace)', () => {
    const visible = (s: string) => Array.from(s.replace(/\s/gu, ''));
    fc.assert(
      fc.property(messyText, ruleSet, (text, rules) => {
        const r = cleanText(text, rules);
        const source = rules.includes('crlf') ? text.replace(/\r\n?/g, '\n') : text;
        const outLines = r.text === '' && r.counts.boilerplate > 0 ? 0 : r.text.split('\n').length;
        expect(outLines).toBe(source.split('\n').length - r.counts.boilerplate - r.counts['join-lines']);
        expect(r.changes.filter((c) => c.rule === 'boilerplate')).toHaveLength(r.counts.boilerplate);
        // The visible characters of the result are a subsequence of those of the input.
        const input = visible(text);
        let k = 0;
        for (const ch of visible(r.text)) {
          while (k < input.length && input[k] !== ch) k++;
          expect(k).toBeLessThan(input.length);
          k++;
        }
        if (!rules.includes('boilerplate')) expect(visible(r.text)).toEqual(input);
        const sourceLines = source.split('\n');
        for (const c of r.changes) {
          if (c.rule === 'boilerplate') expect(sourceLines[c.line - 1]).toBe(c.before);
          if (c.rule === 'join-lines') expect(c.before.startsWith(sourceLines[c.line - 1]!)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
