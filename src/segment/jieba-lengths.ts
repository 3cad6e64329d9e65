/**
 * jieba's `cut` (default mode, HMM on) answering with each word's length in code points instead of the
 * word itself, on jieba-wasm's own .wasm file.
 *
 * Why: the segmenter only needs where words end. jieba-wasm's JS glue turns every word into a JS string
 * (a TextDecoder call and an externref each): about a fifth of the time on report text, where a word is
 * two or three characters. This glue instantiates the same .wasm with its own imports, in which the one
 * import that makes strings (`__wbindgen_string_new`, called once per word, in order, while `cut` runs)
 * counts the code points of the word's UTF-8 bytes and records that number instead. Everything else is
 * wasm-bindgen's calling convention, as jieba-wasm's generated glue does it (pkg/web/jieba_rs_wasm.js).
 *
 * That convention is jieba-wasm's (2.4.x), not a published API: lengthsJieba() checks that the module
 * has exactly the imports and exports this file knows, and returns null otherwise — the worker then uses
 * jieba-wasm's own glue, so an update can make segmentation slower, never wrong. Lengths add up to the
 * piece or segmentBoundaries ignores them; tests/segment/jieba-lengths.test.ts compares both glues.
 * Only `cut` and `add_word` are used on this instance (`tokenize` and `tag` would need real strings).
 */

export interface LengthsJieba {
  /** Code-point lengths of the words of `text`, in order (a lone surrogate is one, as U+FFFD). */
  cut(text: string): number[];
  /** jieba's add_word with its default frequency and no tag. */
  addWord(word: string): void;
}

interface Exports {
  memory: WebAssembly.Memory;
  cut(ptr: number, len: number, hmm: number): [number, number];
  add_word(ptr: number, len: number, freq: number, tagPtr: number, tagLen: number): number;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_realloc(ptr: number, oldSize: number, newSize: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __externref_drop_slice(ptr: number, len: number): void;
  __wbindgen_export_2: WebAssembly.Table;
  __wbindgen_start(): void;
}

const EXPORTS: Record<string, string> = {
  memory: 'memory',
  cut: 'function',
  add_word: 'function',
  __wbindgen_malloc: 'function',
  __wbindgen_realloc: 'function',
  __wbindgen_free: 'function',
  __externref_drop_slice: 'function',
  __wbindgen_export_2: 'table',
  __wbindgen_start: 'function',
};

/** The imports the glue provides, by name; `__wbg_…` names carry a hash suffix, matched by prefix. */
const IMPORTS = [
  '__wbindgen_string_new',
  '__wbindgen_number_new',
  '__wbindgen_bigint_from_u64',
  '__wbindgen_debug_string',
  '__wbindgen_throw',
  '__wbindgen_init_externref_table',
  '__wbg_set_',
  '__wbg_new_',
];
const importKey = (name: string): string | undefined => IMPORTS.find((k) => (k.endsWith('_') ? name.startsWith(k) && /^[0-9a-f]+$/.test(name.slice(k.length)) : name === k));

/** Option<u32>::None as wasm-bindgen passes it (an f64 outside the u32 range). */
const NO_FREQ = 0x100000001;
/** `hmm: true` as wasm-bindgen passes an Option<bool>. */
const HMM = 1;

/** The lengths glue over `module`, or null when the module is not the jieba-wasm build it knows. */
export function lengthsJieba(module: WebAssembly.Module): LengthsJieba | null {
  const imports = WebAssembly.Module.imports(module);
  const exported = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind as string]));
  if (Object.entries(EXPORTS).some(([name, kind]) => exported.get(name) !== kind)) return null;
  const namespaces = new Set(imports.map((i) => i.module));
  if (namespaces.size !== 1 || imports.some((i) => i.kind !== 'function' || importKey(i.name) === undefined)) return null;

  let ex: Exports;
  let bytes = new Uint8Array(0);
  const memory = (): Uint8Array => (bytes.buffer === ex.memory.buffer ? bytes : (bytes = new Uint8Array(ex.memory.buffer)));
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let lengths: number[] = [];

  /** Copies `text` into wasm memory as UTF-8, as an owned Rust String: [ptr, byte length]. */
  const pass = (text: string): [number, number] => {
    let size = text.length;
    let ptr = ex.__wbindgen_malloc(size, 1) >>> 0;
    let mem = memory();
    let offset = 0;
    for (; offset < size; offset++) {
      const code = text.charCodeAt(offset);
      if (code > 0x7f) break;
      mem[ptr + offset] = code;
    }
    if (offset !== size) {
      const rest = offset === 0 ? text : text.slice(offset);
      ptr = ex.__wbindgen_realloc(ptr, size, (size = offset + rest.length * 3), 1) >>> 0;
      mem = memory();
      offset += encoder.encodeInto(rest, mem.subarray(ptr + offset, ptr + size)).written;
      ptr = ex.__wbindgen_realloc(ptr, size, offset, 1) >>> 0;
    }
    return [ptr, offset];
  };

  const provided: Record<string, (...args: never[]) => unknown> = {
    __wbindgen_string_new: (ptr: number, len: number) => {
      const mem = memory();
      let n = 0;
      for (let i = ptr >>> 0, end = i + len; i < end; i++) if ((mem[i]! & 0xc0) !== 0x80) n++;
      lengths.push(n);
      return n;
    },
    __wbindgen_number_new: (x: number) => x,
    __wbindgen_bigint_from_u64: (x: bigint) => BigInt.asUintN(64, x),
    __wbindgen_debug_string: (ret: number, value: unknown) => {
      const [ptr, len] = pass(String(value));
      const view = new DataView(ex.memory.buffer);
      view.setInt32(ret + 4, len, true);
      view.setInt32(ret, ptr, true);
    },
    __wbindgen_throw: (ptr: number, len: number) => {
      throw new Error(decoder.decode(memory().subarray(ptr >>> 0, (ptr >>> 0) + len)));
    },
    __wbindgen_init_externref_table: () => {
      const table = ex.__wbindgen_export_2;
      const offset = table.grow(4);
      table.set(0, undefined);
      table.set(offset + 0, undefined);
      table.set(offset + 1, null);
      table.set(offset + 2, true);
      table.set(offset + 3, false);
    },
    __wbg_set_: (target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown) => {
      target[key] = value;
    },
    __wbg_new_: () => ({}),
  };
  const namespace: Record<string, unknown> = {};
  for (const i of imports) namespace[i.name] = provided[importKey(i.name)!];
  const instance = new WebAssembly.Instance(module, { [[...namespaces][0]!]: namespace } as WebAssembly.Imports);
  ex = instance.exports as unknown as Exports;
  if (ex.cut.length !== 3 || ex.add_word.length !== 5) return null;
  ex.__wbindgen_start();

  const jieba: LengthsJieba = {
    cut(text: string): number[] {
      const [ptr, len] = pass(text);
      lengths = [];
      const [words, count] = ex.cut(ptr, len, HMM);
      ex.__externref_drop_slice(words, count);
      ex.__wbindgen_free(words, count * 4, 4);
      const out = lengths;
      lengths = [];
      if (out.length !== count) throw new Error(`jieba cut: ${count} words but ${out.length} lengths`);
      return out;
    },
    addWord(word: string): void {
      const [ptr, len] = pass(word);
      ex.add_word(ptr, len, NO_FREQ, 0, 0);
    },
  };
  // A last check that `cut` makes one string per word, in order: the lengths must add up.
  try {
    const probe = jieba.cut(PROBE);
    return probe.length > 1 && probe.reduce((a, b) => a + b, 0) === [...PROBE].length ? jieba : null;
  } catch {
    return null;
  }
}

const PROBE = '2023年政府工作报告：推动利安隆二期𠀀落地。';
