/**
 * A binary container for one segment: a magic tag, a JSON header (string data and the table of arrays), then
 * 8-byte-aligned typed arrays, loaded with one copy of their region and viewed there (no parsing of postings).
 */
import type { SegmentData } from '../search/segment.js';

const MAGIC = 'CITSEG01';
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
  textsBytes: number;
  termsBytes: number;
}

/** Serialises a segment to one buffer. */
export function encodeSegment(seg: SegmentData): Buffer {
  const texts = Buffer.from(JSON.stringify(seg.texts));
  const terms = Buffer.from(seg.terms.join('\n'));
  let offset = 0;
  const arrays: Header['arrays'] = [];
  for (const [key, type] of Object.entries(ARRAYS) as [ArrayKey, keyof typeof CTORS][]) {
    const a = seg[key];
    arrays.push({ key, type, offset, length: a.length });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const header: Header = { docs: seg.docs, speakers: seg.speakers, arrays, textsBytes: texts.length, termsBytes: terms.length };
  const head = Buffer.from(JSON.stringify(header));
  const pre = 8 + 4 + head.length;
  const dataStart = Math.ceil((pre + texts.length + terms.length) / 8) * 8;
  const out = Buffer.alloc(dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, 8);
  head.copy(out, 12);
  texts.copy(out, pre);
  terms.copy(out, pre + texts.length);
  for (const a of arrays) {
    const src = seg[a.key];
    Buffer.from(src.buffer, src.byteOffset, src.byteLength).copy(out, dataStart + a.offset);
  }
  return out;
}

/** Reads a segment back; throws an Error naming what is wrong when the bytes are not a whole segment. */
export function decodeSegment(buf: Buffer): SegmentData {
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a segment file (bad magic)');
  const headLen = buf.readUInt32LE(8);
  if (12 + headLen > buf.length) throw new Error('truncated segment header');
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headLen)) as Header;
  const pre = 12 + headLen;
  const texts = JSON.parse(buf.toString('utf8', pre, pre + header.textsBytes)) as string[];
  const termsStr = buf.toString('utf8', pre + header.textsBytes, pre + header.textsBytes + header.termsBytes);
  const terms = termsStr.length ? termsStr.split('\n') : [];
  const dataStart = Math.ceil((pre + header.textsBytes + header.termsBytes) / 8) * 8;
  if (dataStart > buf.length) throw new Error('truncated segment texts');
  // The arrays are copied out of the file's bytes once, into a buffer of their own (aligned), and viewed there:
  // the rest of the file (header and texts, parsed above) is then garbage instead of staying resident with them.
  const data = new Uint8Array(buf.length - dataStart);
  data.set(buf.subarray(dataStart));
  const out: Partial<SegmentData> = { docs: header.docs, speakers: header.speakers, texts, terms };
  for (const a of header.arrays) {
    const Ctor = CTORS[a.type];
    if (a.offset + a.length * Ctor.BYTES_PER_ELEMENT > data.length) throw new Error(`truncated array ${a.key}`);
    (out as Record<string, unknown>)[a.key] = new Ctor(data.buffer, a.offset, a.length);
  }
  return out as SegmentData;
}
