/**
 * Reading JSON and JSON lines from files people bring, so that every error can name its line: the
 * value of each path and the line it stands on, found by scanning the source (V8's JSON.parse often
 * gives no position). Shared by the JSON-based formats.
 */
import type { FormatError } from './types.ts';

// ---------------------------------------------------------------------------------------------------
// Shared JSON helpers

export type JsonPath = readonly (string | number)[];

/** `label[2][1]`, `entities[0].end_offset`; '' for the record itself. */
export function fieldPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}


/** A value in an error message: `42`, `a list`, `the string "abc"`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}` : 'a non-finite number';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** zod error text: "missing; must be X" or "must be X, not Y". */
export const missingOr = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `missing; must be ${what}` : `must be ${what}, not ${describeValue(iss.input)}`;

/** A zod issue path without symbol keys (JSON has none). */
/** The error at `path` inside a record: the field is named unless the error is about the whole record. */
export function fieldError(file: string, line: number, path: JsonPath, message: string): FormatError {
  return { file, line, ...(path.length > 0 ? { field: fieldPath(path) } : {}), message };
}

export function issuePath(path: readonly PropertyKey[]): (string | number)[] {
  return path.filter((p): p is string | number => typeof p !== 'symbol');
}

export function stripBom(content: string): string {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Each non-blank line of a JSON lines file, parsed; a line that is not JSON becomes an error. CRLF is fine. */
export function readJsonLines(content: string, file: string, errors: FormatError[]): { value: unknown; line: number }[] {
  const out: { value: unknown; line: number }[] = [];
  content.split('\n').forEach((text, k) => {
    if (text.trim() === '') return;
    try {
      out.push({ value: JSON.parse(text) as unknown, line: k + 1 });
    } catch (e) {
      errors.push({ file, line: k + 1, message: `not valid JSON: ${errorText(e)}` });
    }
  });
  return out;
}

/** A whole-file JSON value with the line of any path in it, or the line of its syntax error. */
export type LocatedJson =
  | { ok: true; value: unknown; lineOf: (path: JsonPath) => number }
  | { ok: false; line: number; message: string };

/**
 * JSON.parse, plus lines: `lineOf(path)` is the line where the value at `path` (or, when there is no
 * such value, at its deepest existing prefix) starts. Nothing is located until first asked: a file
 * without errors costs one JSON.parse (and a light scan if titles need record lines). A deep path is
 * located by scanning only the top-level value it lies in, so errors in a large task list stay cheap.
 * A syntax error is located by a scan of the text (V8's messages do not always give a position).
 */
export function parseLocatedJson(src: string): LocatedJson {
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    return { ok: false, line: scanJson(src).errorLine ?? 1, message: `not valid JSON: ${errorText(e)}` };
  }
  let top: Map<string, JsonValueAt> | undefined;
  const inner = new Map<string, Map<string, JsonValueAt>>();
  return {
    ok: true,
    value,
    lineOf: (path) => {
      top ??= scanJson(src, 1).values;
      const head = top.get(fieldPath(path.slice(0, 1)));
      if (path.length > 1 && head !== undefined && head.end >= 0) {
        const key = fieldPath(path.slice(0, 1));
        let values = inner.get(key);
        if (!values) inner.set(key, (values = scanJson(src.slice(head.start, head.end)).values));
        for (let n = path.length; n > 1; n--) {
          const v = values.get(fieldPath(path.slice(1, n)));
          if (v !== undefined) return head.line + v.line - 1;
        }
      }
      return head?.line ?? top.get('')?.line ?? 1;
    },
  };
}

/** Where a value of a JSON text is: its first line, and its UTF-16 extent (`end` -1 until closed). */
interface JsonValueAt {
  line: number;
  start: number;
  end: number;
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Walks a JSON text without recursion, recording where each value down to `maxDepth` is (keyed by
 * fieldPath of its path from the root), and the line of the first syntax error, if any. Valid JSON
 * strings hold no raw line breaks, so only white space between tokens moves the line.
 */
function scanJson(src: string, maxDepth = Infinity): { values: Map<string, JsonValueAt>; errorLine: number | null } {
  const values = new Map<string, JsonValueAt>();
  let i = 0;
  let line = 1;
  const ws = () => {
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) break;
    }
  };
  /** The string starting at `i` (a '"'), or null when it is malformed. */
  const str = (): string | null => {
    let j = i + 1;
    while (j < src.length) {
      const c = src.charCodeAt(j);
      if (c === 34) {
        const s = JSON.parse(src.slice(i, j + 1)) as string;
        i = j + 1;
        return s;
      }
      if (c < 0x20) return null;
      if (c === 92) {
        const n = src[j + 1];
        if (n !== undefined && '"\\/bfnrt'.includes(n)) j += 2;
        else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(j + 2, j + 6))) j += 6;
        else return null;
      } else j++;
    }
    return null;
  };
  const scalar = (): boolean => {
    for (const word of ['true', 'false', 'null']) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    JSON_NUMBER.lastIndex = i;
    if (!JSON_NUMBER.test(src)) return false;
    i = JSON_NUMBER.lastIndex;
    return true;
  };
  // `path` is null below maxDepth: nothing there is recorded.
  const stack: { close: '}' | ']'; path: (string | number)[] | null; at: JsonValueAt | null; count: number }[] = [];
  const child = (parent: (string | number)[] | null, seg: string | number) =>
    parent !== null && parent.length < maxDepth ? [...parent, seg] : null;
  /** Reads the value at `i` (pushing a frame for a container); false on a syntax error. */
  const value = (path: (string | number)[] | null): boolean => {
    ws();
    let at: JsonValueAt | null = null;
    if (path !== null) values.set(fieldPath(path), (at = { line, start: i, end: -1 }));
    const c = src[i];
    if (c === '{' || c === '[') {
      i++;
      stack.push({ close: c === '{' ? '}' : ']', path, at, count: 0 });
      return true;
    }
    const ok = c === '"' ? str() !== null : scalar();
    if (ok && at !== null) at.end = i;
    return ok;
  };
  const failed = () => ({ values, errorLine: line });

  if (!value([])) return failed();
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    ws();
    if (src[i] === top.close) {
      i++;
      if (top.at !== null) top.at.end = i;
      stack.pop();
      continue;
    }
    if (top.count > 0) {
      if (src[i] !== ',') return failed();
      i++;
      ws();
    }
    if (top.close === '}') {
      if (src[i] !== '"') return failed();
      const key = str();
      if (key === null) return failed();
      ws();
      if (src[i] !== ':') return failed();
      i++;
      if (!value(child(top.path, key))) return failed();
    } else if (!value(child(top.path, top.count))) return failed();
    top.count++;
  }
  ws();
  return { values, errorLine: i < src.length ? line : null };
}
