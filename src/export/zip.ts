/**
 * The zip of a research export, written as its files' texts are made: each entry's text is
 * encoded piece by piece, deflated, and put into fflate's streaming Zip, whose output comes out as
 * parts (a Blob is made from them without joining them). Nothing holds a whole file.
 *
 * The deflating is the platform's own where it has one: CompressionStream('deflate-raw') is zlib
 * in native code. In Chromium's export worker it deflated the 91 MB of a 10,000-questionnaire
 * export with every format in 1.2 s, where fflate's level 1 took 2.5–3.2 s, and its files are
 * smaller (5.5 against 7.6 MB; zlib's default level). Where there is none, fflate deflates at level
 * 1. fflate still writes the zip's headers and directory; the CRC-32 of each file is summed here.
 */
import { Deflate, Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import type { ExportFile } from './types';

/**
 * One file of the zip: its path and its text, made piece by piece (a line, a row) only when read,
 * so a file is written into the zip as its rows are made and never held whole.
 */
export interface ZipSource {
  path: string;
  text: () => Iterable<string>;
}

/** 1980-01-01, the earliest time a zip entry can hold: every entry carries it, so not even the export's own date is in the file. */
export const ZIP_EPOCH = new Date(1980, 0, 1, 12);

/** Text is encoded and deflated in pieces of about this many characters. */
const CHUNK = 1 << 16;

/** Raw DEFLATE of one file's bytes; the compressed bytes go to the `emit` it was made with. */
interface Deflater {
  /** Resolves once `bytes` has been taken in: the caller may then write into the same buffer again. */
  push(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  finish(): Promise<void>;
}

type MakeDeflater = (emit: (bytes: Uint8Array<ArrayBuffer>) => void) => Deflater;

/** The platform's zlib (browsers, Node), or null where CompressionStream has no 'deflate-raw'. */
function platformDeflater(emit: (bytes: Uint8Array<ArrayBuffer>) => void): Deflater | null {
  let stream: CompressionStream;
  try {
    stream = new CompressionStream('deflate-raw');
  } catch {
    return null;
  }
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      emit(value);
    }
  })();
  // A write resolves when the stream's transform has run on the chunk: zlib has copied it into its window by then.
  return { push: (bytes) => writer.write(bytes), finish: async () => Promise.all([writer.close(), reading]).then(() => undefined) };
}

/** fflate's DEFLATE at level 1 (about twice as fast as level 6 for a file about 1.5 times as large). It copies each piece in. */
export const fflateDeflater: MakeDeflater = (emit) => {
  const deflate = new Deflate({ level: 1 }, (bytes) => emit(bytes));
  return {
    push: async (bytes) => deflate.push(bytes),
    finish: async () => deflate.push(new Uint8Array(0), true),
  };
};

const bestDeflater: MakeDeflater = (emit) => platformDeflater(emit) ?? fflateDeflater(emit);

/** CRC-32 (IEEE 802.3, as zip uses it), eight table lookups per eight bytes ("slicing by 8"). */
const CRC_TABLES = (() => {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n += 1) for (let t = 1; t < 8; t += 1) tables[t * 256 + n] = (tables[(t - 1) * 256 + n]! >>> 8) ^ tables[tables[(t - 1) * 256 + n]! & 0xff]!;
  return tables;
})();

/** The CRC-32 of bytes following those `crc` was computed over (start with 0). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = CRC_TABLES;
  let c = ~crc;
  let at = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; at < end8; at += 8) {
    const a = c ^ (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24));
    c =
      t[7 * 256 + (a & 0xff)]! ^
      t[6 * 256 + ((a >>> 8) & 0xff)]! ^
      t[5 * 256 + ((a >>> 16) & 0xff)]! ^
      t[4 * 256 + (a >>> 24)]! ^
      t[3 * 256 + bytes[at + 4]!]! ^
      t[2 * 256 + bytes[at + 5]!]! ^
      t[256 + bytes[at + 6]!]! ^
      t[bytes[at + 7]!]!;
  }
  for (; at < bytes.length; at += 1) c = t[(c ^ bytes[at]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A deflated entry as fflate's Zip takes one (its ZipInputFile): the Zip sets `ondata`, the size and CRC are known at the end. */
class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  readonly mtime = ZIP_EPOCH;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;

  constructor(readonly filename: string) {}
}

/**
 * UTF-8 into one buffer used again for every piece. TextEncoder.encode allocates a buffer per call;
 * in Chromium's worker that cost 170–500 ms for 48 MB of text in pieces of 64 K characters, where
 * encodeInto took about 25 ms.
 */
class ReusedUtf8Encoder {
  private readonly encoder = new TextEncoder();
  private buffer = new Uint8Array(new ArrayBuffer(0));

  /** The bytes of `text`, valid until the next call. */
  encode(text: string): Uint8Array<ArrayBuffer> {
    // A UTF-16 code unit is at most three bytes of UTF-8 (a surrogate pair: four bytes for two units).
    if (this.buffer.length < text.length * 3) this.buffer = new Uint8Array(Math.max(text.length * 3, CHUNK * 4));
    const { written } = this.encoder.encodeInto(text, this.buffer);
    return this.buffer.subarray(0, written);
  }
}

/** The zip of `sources`, in parts; `deflater` is for the tests (fflate where the platform's is not wanted). */
export async function zipEntries(sources: readonly ZipSource[], deflater: MakeDeflater = bestDeflater): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else parts.push(chunk);
  });
  const encoder = new ReusedUtf8Encoder();
  for (const source of sources) {
    const entry = new DeflatedEntry(source.path);
    zip.add(entry);
    const deflate = deflater((bytes) => entry.ondata!(null, bytes, false));
    let size = 0;
    let crc = 0;
    const write = async (text: string) => {
      const bytes = encoder.encode(text);
      size += bytes.length;
      crc = crc32(bytes, crc);
      await deflate.push(bytes);
    };
    let pending = '';
    for (const text of source.text()) {
      pending += text;
      if (pending.length < CHUNK) continue;
      await write(pending);
      pending = '';
    }
    if (pending) await write(pending);
    await deflate.finish();
    entry.size = size;
    entry.crc = crc;
    entry.ondata!(null, new Uint8Array(0), true);
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
  return parts;
}

/** The zip of files already made, in one piece. */
export async function zipExport(files: readonly ExportFile[]): Promise<Uint8Array> {
  const parts = await zipEntries(files.map((f) => ({ path: f.path, text: () => [f.content] })));
  const zip = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    zip.set(part, at);
    at += part.length;
  }
  return zip;
}
