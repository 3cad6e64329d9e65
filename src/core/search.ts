/** Finding text in documents: plain or regular-expression queries, results in code points with context. */
import { OffsetMap } from './offsets.ts';

export interface Query {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface Match {
  start: number;
  end: number;
  /** Up to `context` characters before and after the match, on the same line. */
  before: string;
  match: string;
  after: string;
}

/** A RegExp for the query, or an error message when the pattern is not a valid regular expression. */
export function compileQuery(q: Query): RegExp | string {
  if (q.text === '') return 'empty query';
  const source = q.regex ? q.text : q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, `gu${q.caseSensitive ? '' : 'i'}`);
  } catch (e) {
    return (e as Error).message;
  }
}

/** Every non-empty, non-overlapping match of `re` in `text`, at most `limit`. */
export function findMatches(text: string, re: RegExp, limit = 10_000, context = 20, offsets = new OffsetMap(text)): Match[] {
  const out: Match[] = [];
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (const m of text.matchAll(global)) {
    if (m[0] === '' || m.index === undefined) continue;
    const u0 = m.index;
    const u1 = u0 + m[0].length;
    const lineStart = text.lastIndexOf('\n', u0 - 1) + 1;
    const nl = text.indexOf('\n', u1);
    const lineEnd = nl < 0 ? text.length : nl;
    out.push({
      start: offsets.toCodePoint(u0),
      end: offsets.toCodePoint(u1),
      before: Array.from(text.slice(lineStart, u0)).slice(-context).join(''),
      match: m[0],
      after: Array.from(text.slice(u1, lineEnd)).slice(0, context).join(''),
    });
    if (out.length >= limit) break;
  }
  return out;
}
