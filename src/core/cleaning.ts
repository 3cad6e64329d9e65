/**
 * Cleaning offered before annotating (a document's text never changes once it has spans), with the list of
 * changes for a preview. Real inputs are reports saved from government sites and PDFs: CRLF line ends, a
 * hard line break every ~40 characters in the middle of clauses, scrape and page furniture.
 *
 * The rules always run in the order crlf → boilerplate → join-lines, whatever the order of `rules`:
 * furniture is removed before joining so a sentence cut by a page number ("…中小\n- 3 -\n微企业…") is
 * joined again. Joining and removal then repeat until nothing changes (a joined "第3" + "页" is furniture
 * too), which makes cleanText idempotent: cleaning its result again changes nothing.
 */
import { CLOSERS, SENTENCE_END, matchHeading } from './structure.ts';

export type CleaningRule = 'crlf' | 'join-lines' | 'boilerplate';

/** Every rule, in the order they are applied. */
export const CLEANING_RULES: readonly CleaningRule[] = ['crlf', 'boilerplate', 'join-lines'];

export interface CleaningChange {
  rule: CleaningRule;
  /** 1-based line in the ORIGINAL text (lines end at "\r\n", "\r" or "\n" when crlf is on, at "\n" otherwise). */
  line: number;
  /**
   * crlf: the line with its old terminator; boilerplate: the removed line; join-lines: the joined lines,
   * separated by "\n", of which `line` is the first.
   */
  before: string;
  /** '' when the line is removed. */
  after: string;
  /** boilerplate only: the BOILERPLATE entry that matched, or 'blank' for an empty line removed with it. */
  pattern?: string;
}

export interface CleaningResult {
  text: string;
  /** Sorted by line, then by rule order. */
  changes: CleaningChange[];
  /** crlf: line ends converted; boilerplate: lines removed; join-lines: line breaks removed. */
  counts: Record<CleaningRule, number>;
}

export interface BoilerplatePattern {
  name: string;
  /** Tested against a whole line, trimmed; must match the entire line (anchor it). */
  pattern: RegExp;
}

const OPEN = '[【\\[［〔(（]?';
const CLOSE = '[】\\]］〕)）]?';
const TOOLS =
  '(?:我要打印|打印本页|打印此页|打印本文|打印|关闭窗口|关闭本页|关闭|返回顶部|返回首页|返回列表|返回|收藏本页|加入收藏|收藏|纠错|' +
  `(?:字体|字号)\\s*[:：]?\\s*${OPEN}\\s*大\\s*${CLOSE}\\s*${OPEN}\\s*中\\s*${CLOSE}\\s*${OPEN}\\s*小\\s*${CLOSE})`;
const PAGE = '第\\s*\\d+\\s*(?:[/／]\\s*\\d+\\s*)?页(?:\\s*[,，/／、]?\\s*共\\s*\\d+\\s*页)?';
const PAGER_ITEM = '(?:首页|尾页|末页|上一页|下一页|上一篇|下一篇|前一页|后一页|\\d{1,4}|[<>«»‹›]+|[.…]+)';
const NO_SENTENCE_END = '[^。！？；;!?]*';
const META_KEYS = {
  source: '来源|信息来源|文章来源|稿件来源|文字来源|出处',
  editor: '责任编辑|责编|编辑|审核|校对|初审|复审|终审|作者|撰稿|供稿|摄影',
  published: '发布时间|发布日期|发表时间|更新时间|发布机构|索引号',
  views: '浏览次数|浏览量|阅读次数|阅读量|阅读数|点击数|点击量|点击次数|点击率|访问量|访问次数',
};
const ALL_KEYS = Object.values(META_KEYS).join('|');

/** A short line (< 40 code points) that starts with one of `keys` and a colon and has no sentence end. */
function metaLine(keys: string): RegExp {
  return new RegExp(`^(?=.{0,39}$)${OPEN}\\s*(?:${keys})\\s*[:：]${NO_SENTENCE_END}$`, 'u');
}

/**
 * Lines removed by the boilerplate rule: web-scrape and page furniture. Extend by pushing entries. Each
 * pattern must match the WHOLE trimmed line, so a real sentence that merely contains 来源 or 打印本页
 * stays; the prefix patterns also refuse lines holding a sentence end (。！？；).
 */
export const BOILERPLATE: BoilerplatePattern[] = [
  // 上一篇：… / 下一篇:2023年政府工作报告-15篇 (the seed's last line)
  {
    name: 'prev-next',
    pattern: new RegExp(`^${OPEN}\\s*(?:上一篇|下一篇|上一页|下一页|上一条|下一条|上篇|下篇)\\s*${CLOSE}\\s*(?:[:：].*)?$`, 'u'),
  },
  // A bare number on its own line: a page number.
  { name: 'bare-number', pattern: /^[0-9０-９]{1,4}$/u },
  // 首页 上一页 1 2 3 下一页 尾页
  {
    name: 'pager',
    pattern: new RegExp(`^(?=.*(?:页|篇|\\d))${PAGER_ITEM}(?:[\\s|｜]+${PAGER_ITEM})*$`, 'u'),
  },
  // 打印本页 关闭窗口, 【字体：大 中 小】【打印】【关闭】
  { name: 'toolbar', pattern: new RegExp(`^(?:${OPEN}\\s*${TOOLS}\\s*${CLOSE}[\\s|｜/·•]*)+$`, 'u') },
  // 分享到：微信 微博 QQ空间
  {
    name: 'share',
    pattern: new RegExp(`^(?=.{0,39}$)${OPEN}\\s*分享(?:到|至)?\\s*${CLOSE}(?:\\s*[:：]${NO_SENTENCE_END})?$`, 'u'),
  },
  { name: 'qr-code', pattern: /^(?=.{0,39}$)(?:扫一扫|微信扫一扫|扫描二维码|手机扫码)[^。！？；]*$/u },
  // 当前位置：首页 > 政务公开 > …, 首页 > 信息公开
  {
    name: 'breadcrumb',
    pattern: new RegExp(
      '^(?=.{0,100}$)(?:(?:当前位置|您的位置|您现在的位置|你的位置|所在位置)\\s*[:：]|(?:首页|主页|网站首页)\\s*[>＞»/])' +
        `${NO_SENTENCE_END}$`,
      'u',
    ),
  },
  { name: 'source', pattern: metaLine(META_KEYS.source) },
  { name: 'editor', pattern: metaLine(META_KEYS.editor) },
  { name: 'published', pattern: metaLine(META_KEYS.published) },
  // 浏览次数：1234, 点击数 56
  {
    name: 'views',
    pattern: new RegExp(`^(?=.{0,39}$)${OPEN}\\s*(?:${META_KEYS.views})\\s*(?:[:：]|\\d)${NO_SENTENCE_END}$`, 'u'),
  },
  // 发布时间：2023-01-12 10:00:00 来源：县政府办公室 浏览次数：1234 (longer than 40, two keys or more)
  {
    name: 'meta-line',
    pattern: new RegExp(
      `^(?=.{0,119}$)(?=.*(?:${ALL_KEYS})\\s*[:：].*(?:${ALL_KEYS})\\s*[:：])` +
        `${OPEN}\\s*(?:${ALL_KEYS})\\s*[:：]${NO_SENTENCE_END}$`,
      'u',
    ),
  },
  // 第 3 页, 第3页 共10页, 共10页 第3页, - 3 -, —3—, 3/118, Page 3 of 10
  {
    name: 'page-number',
    pattern: new RegExp(
      `^${OPEN}\\s*(?:${PAGE}|共\\s*\\d+\\s*页\\s*[,，/／、]?\\s*第\\s*\\d+\\s*页|[-－—–]+\\s*\\d+\\s*[-－—–]+|` +
        `\\d+\\s*[/／]\\s*\\d+|page\\s*\\d+(?:\\s*(?:of|/)\\s*\\d+)?)\\s*${CLOSE}$`,
      'iu',
    ),
  },
  // A scraped page title stamped with its page number: 2023年政府工作报告-20篇(第11/118页) (the seed's first line)
  { name: 'page-title', pattern: new RegExp(`^(?=.{0,45}$)${NO_SENTENCE_END}[(（]\\s*${PAGE}\\s*[)）]$`, 'u') },
];

/** Name of the BOILERPLATE entry the line matches, or undefined. */
export function boilerplateMatch(line: string): string | undefined {
  const t = line.trim();
  if (t === '') return undefined;
  for (const { name, pattern } of BOILERPLATE) {
    pattern.lastIndex = 0;
    if (pattern.test(t)) return name;
  }
  return undefined;
}

/** Line ends that close a paragraph for join-lines: the sentence ends plus the colon of 各位代表：. */
const LINE_END: ReadonlySet<string> = new Set([...SENTENCE_END, '：', ':']);

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Ends in sentence punctuation, possibly followed by closing quotes/brackets and spaces: 。 。” ？）. */
function endsSentence(line: string): boolean {
  const chars = Array.from(line.trimEnd());
  let i = chars.length - 1;
  while (i >= 0 && (CLOSERS.has(chars[i]!) || chars[i] === '"' || chars[i] === "'")) i--;
  return i >= 0 && LINE_END.has(chars[i]!);
}

/**
 * A heading alone on its line (一、总体要求). A heading followed by body text on the same line
 * ("(一)打赢工业强县大会战。深化落实…", as in the seed) is a paragraph, and may have been hard-wrapped.
 */
function isBareHeading(line: string): boolean {
  const m = matchHeading(line);
  if (!m) return false;
  const rest = Array.from(line.trimEnd()).slice(m.end);
  let i = rest.length - 1;
  while (i >= 0 && (LINE_END.has(rest[i]!) || CLOSERS.has(rest[i]!) || rest[i] === '"')) i--;
  return !rest.slice(0, i + 1).some((ch) => SENTENCE_END.has(ch));
}

/** Indented lines start a paragraph (the 　　 of Chinese typesetting): nothing is joined onto them. */
const INDENT = /^(?:[\u3000\t]| {2}|\u00a0{2})/;

/** `line` may take the next line onto its end. */
function joinsNext(line: string): boolean {
  return !isBlank(line) && !endsSentence(line) && !isBareHeading(line);
}

/** `line` may be joined onto the line before it. */
function joinable(line: string): boolean {
  return !isBlank(line) && !INDENT.test(line) && matchHeading(line) === null;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The two lines as one. A space goes between them only when both sides are Latin words: the characters
 * at the break are letters/digits (not digit and digit: a number cut in two), and neither word touching
 * the break holds a CJK character. English text gets its space back; a number the wrap cut inside
 * Chinese text (力争全年整治19|80亩) does not get one.
 */
function joinTwo(left: string, right: string): string {
  const l = left.trimEnd();
  const r = right.trimStart();
  const lWord = /\S*$/.exec(l)?.[0] ?? '';
  const rWord = /^\S*/.exec(r)?.[0] ?? '';
  const alnum = /[A-Za-z0-9]$/.test(l) && /^[A-Za-z0-9]/.test(r);
  const digits = /[0-9]$/.test(l) && /^[0-9]/.test(r);
  const space = alnum && !digits && !CJK.test(lWord) && !CJK.test(rWord);
  return l + (space ? ' ' : '') + r;
}

interface Item {
  content: string;
  /** 0-based indices of the original lines it is made of. */
  lines: number[];
}

interface Removed {
  item: Item;
  pattern: string;
}

/**
 * Drops the items that are furniture, with the blank lines around them: all of them at the start or end
 * of the text; elsewhere one blank line stays if there was one and the text before ends a paragraph
 * (when it does not, the furniture interrupted a sentence, which join-lines can then mend). Returns null
 * when nothing is furniture.
 */
function dropBoilerplate(items: readonly Item[], removed: Removed[]): Item[] | null {
  const match = items.map((it) => boilerplateMatch(it.content));
  if (match.every((m) => m === undefined)) return null;
  const out: Item[] = [];
  let i = 0;
  while (i < items.length) {
    if (match[i] === undefined && !isBlank(items[i]!.content)) {
      out.push(items[i++]!);
      continue;
    }
    let j = i;
    while (j < items.length && (match[j] !== undefined || isBlank(items[j]!.content))) j++;
    const run = items.slice(i, j);
    if (!match.slice(i, j).some((m) => m !== undefined)) {
      out.push(...run);
    } else {
      const prev = out[out.length - 1];
      let keepBlank = i > 0 && j < items.length && prev !== undefined && !joinsNext(prev.content);
      for (let k = i; k < j; k++) {
        const m = match[k];
        if (m === undefined && keepBlank) {
          out.push(items[k]!);
          keepBlank = false;
        } else {
          removed.push({ item: items[k]!, pattern: m ?? 'blank' });
        }
      }
    }
    i = j;
  }
  return out;
}

/** Joins every line onto the one before it where allowed. Returns null when nothing is joined. */
function joinLines(items: readonly Item[]): Item[] | null {
  const out: Item[] = [];
  let changed = false;
  for (const it of items) {
    const prev = out[out.length - 1];
    if (prev && joinsNext(prev.content) && joinable(it.content)) {
      out[out.length - 1] = { content: joinTwo(prev.content, it.content), lines: [...prev.lines, ...it.lines] };
      changed = true;
    } else {
      out.push(it);
    }
  }
  return changed ? out : null;
}

const RULE_ORDER: Record<CleaningRule, number> = { crlf: 0, boilerplate: 1, 'join-lines': 2 };

/** Cleans `text` with the chosen rules. Pure, deterministic and idempotent. */
export function cleanText(text: string, rules: readonly CleaningRule[]): CleaningResult {
  const on = new Set(rules);
  const changes: CleaningChange[] = [];
  const counts: Record<CleaningRule, number> = { crlf: 0, 'join-lines': 0, boilerplate: 0 };

  let source = text;
  if (on.has('crlf')) {
    let unit = 0;
    let line = 1;
    for (const m of text.matchAll(/\r\n|\r|\n/g)) {
      if (m[0] !== '\n') {
        const content = text.slice(unit, m.index);
        changes.push({ rule: 'crlf', line, before: content + m[0], after: content + '\n' });
        counts.crlf++;
      }
      unit = m.index + m[0].length;
      line++;
    }
    source = text.replace(/\r\n?/g, '\n');
  }

  const lines = source.split('\n');
  let items: Item[] = lines.map((content, i) => ({ content, lines: [i] }));
  const removed: Removed[] = [];
  const boilerplate = on.has('boilerplate');
  const join = on.has('join-lines');
  if (boilerplate) items = dropBoilerplate(items, removed) ?? items;
  for (let changed = join; changed; ) {
    changed = false;
    const joined = join ? joinLines(items) : null;
    if (joined) {
      items = joined;
      changed = true;
    }
    const dropped = boilerplate ? dropBoilerplate(items, removed) : null;
    if (dropped) {
      items = dropped;
      changed = true;
    }
  }

  for (const { item, pattern } of removed) {
    for (const i of item.lines) {
      changes.push({ rule: 'boilerplate', line: i + 1, before: lines[i]!, after: '', pattern });
      counts.boilerplate++;
    }
  }
  for (const item of items) {
    if (item.lines.length < 2) continue;
    changes.push({
      rule: 'join-lines',
      line: item.lines[0]! + 1,
      before: item.lines.map((i) => lines[i]!).join('\n'),
      after: item.content,
    });
    counts['join-lines'] += item.lines.length - 1;
  }
  changes.sort((a, b) => a.line - b.line || RULE_ORDER[a.rule] - RULE_ORDER[b.rule]);
  return { text: items.map((it) => it.content).join('\n'), changes, counts };
}

/** A one-line summary for the preview: "合并断行 12 · 删除 3 行 · CRLF 40", or "无改动". */
export function describeChanges(result: CleaningResult): string {
  const { counts } = result;
  const parts: string[] = [];
  if (counts['join-lines'] > 0) parts.push(`合并断行 ${counts['join-lines']}`);
  if (counts.boilerplate > 0) parts.push(`删除 ${counts.boilerplate} 行`);
  if (counts.crlf > 0) parts.push(`CRLF ${counts.crlf}`);
  return parts.length > 0 ? parts.join(' · ') : '无改动';
}
