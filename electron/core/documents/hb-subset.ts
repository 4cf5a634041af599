import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Font subsetting with HarfBuzz's own subsetter (harfbuzzjs, WebAssembly, shipped in its npm
 * package): the subset of a font that holds only the characters given. fontkit's subsetter,
 * which pdf-lib uses, writes a broken file for Droid Sans Fallback: pdftotext still read the
 * text back, but poppler and pdf.js drew most Japanese and Chinese characters blank
 * (test/unit/pdf-fonts.test.ts now renders the page and looks).
 */
interface HarfBuzzSubset {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_set_add(set: number, codePoint: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
/** Hinting instructions are for screens at small pixel sizes; printers and PDF viewers do without. */
const HB_SUBSET_FLAGS_NO_HINTING = 1;

// Node's WebAssembly (the project's type library has no DOM, where its types live).
const wasmRuntime = (
  globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }> } }
).WebAssembly;

let loading: Promise<HarfBuzzSubset> | null = null;
function harfbuzz(): Promise<HarfBuzzSubset> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const { instance } = await wasmRuntime.instantiate(wasm, {});
    return instance.exports as unknown as HarfBuzzSubset;
  })();
  return loading;
}

/** The font with only these code points (and what HarfBuzz keeps with them: .notdef, composites). */
export async function subsetFont(font: Uint8Array, codePoints: Iterable<number>): Promise<Uint8Array> {
  const hb = await harfbuzz();
  const pointer = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, pointer);
  const blob = hb.hb_blob_create(pointer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (!input) throw new Error('HarfBuzz could not start a font subset.');
    hb.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    const set = hb.hb_subset_input_unicode_set(input);
    for (const codePoint of codePoints) hb.hb_set_add(set, codePoint);
    const subset = hb.hb_subset_or_fail(face, input);
    if (!subset) throw new Error('HarfBuzz could not subset the font.');
    const result = hb.hb_face_reference_blob(subset);
    const data = hb.hb_blob_get_data(result, 0);
    // A fresh view: the WebAssembly memory may have grown (and moved) while subsetting.
    const bytes = new Uint8Array(hb.memory.buffer).slice(data, data + hb.hb_blob_get_length(result));
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    return bytes;
  } finally {
    if (input) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(pointer);
  }
}
