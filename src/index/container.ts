/**
 * A binary container for one segment: a magic tag, a JSON header (statement metadata, speakers, the byte length
 * of each statement's text, the table of arrays), the texts (UTF-8, one after another), the sorted vocabulary
 * joined by newlines, then 8-byte-aligned typed arrays.
 *
 * Loading never reads the file whole: the texts stream through one reusable 4 MiB buffer, each decoded straight
 * into its own string (no big intermediate string), and the arrays are read into the buffer they are viewed
 * in (no posting is parsed or copied). The checksum is computed over the pieces as they are read, and nothing is decoded
 * before it has passed. Peak memory while loading is what a bot that already holds its model cares about:
 * reading the 102 MiB segment of the police notices whole, then copying its arrays and parsing its texts as
 * one JSON string, cost about 170 MiB on top of what stays.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { SegmentData } from '../search/segment.js';

const MAGIC = 'CITSEG02';
type ArrayKey = {
  [K in keyof SegmentData]: SegmentData[K] extends Uint8Array | Uint16Array | Uint32Array | Int32Array ? K : never;
}[keyof SegmentData];
const ARRAYS: Record<ArrayKey, 'u8' | 'u16' | 'u32' | 'i32'> = {
  docSent: 'u32',
  sentDoc: 'u32',
  sentStart: 'u32',
  sentEnd: 'u32',
  sentPara: 'u32',
  sentSpeaker: 'i32',
  sentLen: 'u16',
  revOrder: 'u32',
  sOff: 'u32',
  sIds: 'u32',
  sTf: 'u8',
  dOff: 'u32',
  dIds: 'u32',
  dTf: 'u16',
  docLen: 'u32',
};
const CTORS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array };

interface Header {
  docs: SegmentData['docs'];
  speakers: string[];
  arrays: { key: ArrayKey; type: keyof typeof CTORS; offset: number; length: number }[];
  /** UTF-8 byte length of each statement's text, in order. */
  textBytes: number[];
  termsBytes: number;
}

const PRE = 12; // magic (8) + header length (4)

function dataStartOf(headLen: number, header: Header): number {
  const texts = header.textBytes.reduce((a, b) => a + b, 0);
  return Math.ceil((PRE + headLen + texts + header.termsBytes) / 8) * 8;
}

/** Serialises a segment to one buffer. */
export function encodeSegment(seg: SegmentData): Buffer {
  const texts = seg.texts.map((t) => Buffer.from(t, 'utf8'));
  const terms = Buffer.from(seg.terms.join('\n'));
  let offset = 0;
  const arrays: Header['arrays'] = [];
  for (const [key, type] of Object.entries(ARRAYS) as [ArrayKey, keyof typeof CTORS][]) {
    const a = seg[key];
    arrays.push({ key, type, offset, length: a.length });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const header: Header = { docs: seg.docs, speakers: seg.speakers, arrays, textBytes: texts.map((t) => t.length), termsBytes: terms.length };
  const head = Buffer.from(JSON.stringify(header));
  const dataStart = dataStartOf(head.length, header);
  const out = Buffer.alloc(dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, 8);
  head.copy(out, PRE);
  let at = PRE + head.length;
  for (const t of texts) at += t.copy(out, at);
  terms.copy(out, at);
  for (const a of arrays) {
    const src = seg[a.key];
    Buffer.from(src.buffer, src.byteOffset, src.byteLength).copy(out, dataStart + a.offset);
  }
  return out;
}

/** The segment over its decoded strings and its arrays' bytes (`data`, 8-byte aligned; the arrays view it). */
function viewArrays(header: Header, texts: string[], terms: string[], data: Uint8Array): SegmentData {
  const out: Partial<SegmentData> = { docs: header.docs, speakers: header.speakers, texts, terms };
  for (const a of header.arrays) {
    const Ctor = CTORS[a.type];
    if (a.offset % 8 !== 0 || a.offset + a.length * Ctor.BYTES_PER_ELEMENT > data.length) throw new Error(`truncated array ${a.key}`);
    (out as Record<string, unknown>)[a.key] = new Ctor(data.buffer as ArrayBuffer, data.byteOffset + a.offset, a.length);
  }
  return out as SegmentData;
}

/** Why a segment file could not be read: its checksum failed (damage), or its content (a bug, another program). */
export class SegmentReadError extends Error {
  constructor(
    message: string,
    readonly damaged: boolean,
  ) {
    super(message);
  }
}

function readAt(fd: number, into: Uint8Array, position: number): void {
  let off = 0;
  while (off < into.length) {
    const n = readSync(fd, into, off, into.length - off, position + off);
    if (n === 0) throw new SegmentReadError('file ended early', true);
    off += n;
  }
}

/** Bytes read at a time while streaming the texts (a text longer than this is read on its own). */
const STREAM_CHUNK = 4 << 20;

/**
 * Reads a segment file (see the file's comment), checking its size and CRC-32 against what the manifest says:
 * the header, then the texts streamed through one reusable buffer (each text decoded straight into its own
 * string), then the arrays into the buffer they are viewed in. Nothing read is used before the whole file has
 * passed its checksum. A file whose header cannot even locate its sections is checksummed whole, so that
 * damage is reported as damage.
 */
export function readSegmentFile(path: string, expect: { bytes: number; crc32: number }): SegmentData {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size !== expect.bytes) throw new SegmentReadError(`is ${size} bytes, the manifest says ${expect.bytes} (truncated or half-written)`, true);
    const wholeCrc = (): number => {
      const chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK, Math.max(1, size)));
      let crc = 0;
      for (let pos = 0; pos < size; ) {
        const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - pos), pos);
        if (n === 0) break;
        crc = crc32(chunk.subarray(0, n), crc);
        pos += n;
      }
      return crc;
    };
    let head: Buffer;
    let header: Header;
    let dataStart: number;
    try {
      const pre = Buffer.alloc(Math.min(PRE, size));
      readAt(fd, pre, 0);
      if (pre.length < PRE || pre.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a segment file of this version (bad magic)');
      const headLen = pre.readUInt32LE(8);
      if (PRE + headLen > size) throw new Error('truncated segment header');
      head = Buffer.alloc(PRE + headLen);
      readAt(fd, head, 0);
      header = JSON.parse(head.toString('utf8', PRE)) as Header;
      if (!Array.isArray(header.textBytes) || header.textBytes.length !== header.docs.length) throw new Error('segment header does not match its statements');
      dataStart = dataStartOf(headLen, header);
      if (!(dataStart >= head.length && dataStart <= size)) throw new Error('segment sections do not add up');
    } catch (e) {
      if (wholeCrc() !== expect.crc32) throw new SegmentReadError('fails its checksum (damaged)', true);
      throw new SegmentReadError((e as Error).message, false);
    }
    let crc = crc32(head);
    // Texts and vocabulary, streamed: a chunk holds whole texts; one cut by the chunk's end starts the next.
    const texts: string[] = new Array(header.textBytes.length);
    let chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK, Math.max(1, dataStart - head.length)));
    let pos = head.length;
    let i = 0;
    while (i < texts.length) {
      const want = Math.max(header.textBytes[i]!, 1);
      if (want > chunk.length) chunk = Buffer.allocUnsafe(want);
      const len = Math.min(chunk.length, dataStart - pos);
      readAt(fd, chunk.subarray(0, len), pos);
      let at = 0;
      while (i < texts.length && at + header.textBytes[i]! <= len) {
        texts[i] = chunk.toString('utf8', at, at + header.textBytes[i]!);
        at += header.textBytes[i]!;
        i++;
      }
      if (at === 0 && i < texts.length) throw new SegmentReadError('segment sections do not add up', false);
      crc = crc32(chunk.subarray(0, at), crc);
      pos += at;
    }
    const rest = Buffer.allocUnsafe(dataStart - pos);
    readAt(fd, rest, pos);
    crc = crc32(rest, crc);
    const data = new Uint8Array(size - dataStart);
    readAt(fd, data, dataStart);
    if (crc32(data, crc) !== expect.crc32) throw new SegmentReadError('fails its checksum (damaged)', true);
    try {
      const termsStr = rest.toString('utf8', 0, header.termsBytes);
      return viewArrays(header, texts, termsStr.length ? termsStr.split('\n') : [], data);
    } catch (e) {
      throw new SegmentReadError((e as Error).message, false);
    }
  } finally {
    closeSync(fd);
  }
}
