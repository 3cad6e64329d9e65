/**
 * Offsets in Zhengbiao are code points, end exclusive (the annotation scheme, docs/guide.md), because that is what the
 * datasets people train on count (Python's len) and what jieba-wasm returns. JavaScript strings and the
 * DOM count UTF-16 units; the two differ for every character outside the BMP (𠀀, emoji). Conversion
 * happens only at the DOM and jieba boundaries, through the functions here.
 */

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * Converts between code-point and UTF-16 offsets of one text in O(log n) per call. Building it scans the
 * text once; texts without astral characters (nearly all Chinese prose) convert as the identity.
 */
export class OffsetMap {
  readonly text: string;
  /** Code-point length of the text. */
  readonly length: number;
  /** UTF-16 index of each astral character's high surrogate, ascending. */
  readonly #astralUnits: number[] = [];
  /** Code-point index of each astral character, ascending. */
  readonly #astralPoints: number[] = [];

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.#astralPoints.push(i - this.#astralUnits.length);
        this.#astralUnits.push(i);
        i++;
      }
    }
    this.length = text.length - this.#astralUnits.length;
  }

  get isIdentity(): boolean {
    return this.#astralUnits.length === 0;
  }

  /** UTF-16 offset of code-point offset `cp` (clamped to the text). */
  toUtf16(cp: number): number {
    const p = Math.max(0, Math.min(cp, this.length));
    return p + countBelow(this.#astralPoints, p);
  }

  /**
   * Code-point offset of UTF-16 offset `unit`. An offset between the two halves of a surrogate pair
   * falls back to the start of that character.
   */
  toCodePoint(unit: number): number {
    const u = Math.max(0, Math.min(unit, this.text.length));
    return u - countBelow(this.#astralUnits, u);
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Number of entries of the ascending array `sorted` that are < value. */
function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function toUtf16(text: string, cp: number): number {
  return new OffsetMap(text).toUtf16(cp);
}

export function toCodePoints(text: string, unit: number): number {
  return new OffsetMap(text).toCodePoint(unit);
}

export function sliceCodePoints(text: string, start: number, end: number): string {
  return new OffsetMap(text).slice(start, end);
}
