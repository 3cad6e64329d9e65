/**
 * Files written as UTF-8 bytes directly. A CoNLL export of a thousand documents is tens of megabytes of
 * short lines: built as one string and then encoded for the download, the string and its encoding took
 * longer than reading the whole project; written as bytes, the same file takes a tenth of that.
 */
import type { DataFile } from './types.ts';

const encoder = new TextEncoder();

/** A growing buffer of UTF-8 bytes. */
export class Utf8Writer {
  #buf: Uint8Array;
  #n = 0;

  constructor(capacity = 1 << 16) {
    this.#buf = new Uint8Array(Math.max(16, capacity));
  }

  #reserve(k: number): void {
    if (this.#n + k <= this.#buf.length) return;
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#n + k));
    grown.set(this.#buf.subarray(0, this.#n));
    this.#buf = grown;
  }

  /** One code point; not a surrogate (those are the caller's to escape). */
  codePoint(cp: number): void {
    this.#reserve(4);
    const b = this.#buf;
    let n = this.#n;
    if (cp < 0x80) {
      b[n++] = cp;
    } else if (cp < 0x800) {
      b[n++] = 0xc0 | (cp >> 6);
      b[n++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      b[n++] = 0xe0 | (cp >> 12);
      b[n++] = 0x80 | ((cp >> 6) & 0x3f);
      b[n++] = 0x80 | (cp & 0x3f);
    } else {
      b[n++] = 0xf0 | (cp >> 18);
      b[n++] = 0x80 | ((cp >> 12) & 0x3f);
      b[n++] = 0x80 | ((cp >> 6) & 0x3f);
      b[n++] = 0x80 | (cp & 0x3f);
    }
    this.#n = n;
  }

  /** Bytes already encoded (a tag's line end, say, encoded once and written a million times). */
  raw(bytes: Uint8Array): void {
    const k = bytes.length;
    this.#reserve(k);
    // A loop beats set() for the few bytes of a line end, which is most of what comes here.
    if (k <= 16) {
      const b = this.#buf;
      let n = this.#n;
      for (let i = 0; i < k; i++) b[n++] = bytes[i]!;
      this.#n = n;
    } else {
      this.#buf.set(bytes, this.#n);
      this.#n += k;
    }
  }

  text(s: string): void {
    this.#reserve(s.length * 3);
    this.#n += encoder.encodeInto(s, this.#buf.subarray(this.#n)).written;
  }

  /**
   * What was written; the writer starts empty again. The buffer itself is handed over when it is mostly
   * full (a large file is not copied once more), a copy of the written part otherwise.
   */
  result(): Uint8Array {
    const n = this.#n;
    const out = n * 4 >= this.#buf.length * 3 ? this.#buf.subarray(0, n) : this.#buf.slice(0, n);
    this.#buf = new Uint8Array(16);
    this.#n = 0;
    return out;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** A file written as bytes: its text is decoded only when something asks for it (tests, stdout). */
export function utf8File(name: string, bytes: Uint8Array): DataFile {
  let text: string | undefined;
  return {
    name,
    bytes,
    get content() {
      return (text ??= new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
    },
  };
}

/** A file's bytes as saved: the writer's own when it wrote bytes, its text encoded otherwise. */
export function fileBytes(f: DataFile): Uint8Array {
  return f.bytes ?? encoder.encode(f.content);
}
