import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeSegment, readSegmentFile } from '../../src/index/container.js';
import { analyzeStatement, buildSegment } from '../../src/search/segment.js';
import { tempDir } from '../helpers.js';

// Texts stream through a 4 MiB buffer when a segment file is read: texts cut by the buffer's end, a text longer
// than the buffer, and characters of several bytes must all come back exactly.
function sample() {
  const long = 'Polisen i Malmö meddelar att utredningen fortsätter. '.repeat(110_000); // ≈ 5.8 MB
  const texts = [
    'Kävlinge: en man greps – ”jag var inte där”, sa han.',
    long,
    ...Array.from({ length: 3000 }, (_, i) => `Händelse ${i} i Åre, Öland och Ängelholm 🚓: två personer omhändertogs.`),
    'Sista notisen.',
  ];
  return buildSegment(texts.map((text, i) => analyzeStatement({ id: `d${i}`, title: `Notis ${i}`, publisher: null, published: null, url: null, text, source: 'test' }, `h${i}`)));
}

describe('segment file', () => {
  it('reads back exactly what was written, streaming texts of any length', () => {
    const seg = sample();
    const bytes = encodeSegment(seg);
    const file = join(tempDir('citera-container-'), 'seg-000001.bin');
    writeFileSync(file, bytes);
    const back = readSegmentFile(file, { bytes: bytes.length, crc32: crc32(bytes) });
    expect(back.texts).toEqual(seg.texts);
    expect(back.terms).toEqual(seg.terms);
    expect(Buffer.compare(encodeSegment(back), bytes)).toBe(0);
  });

  it('refuses a changed byte anywhere, as damage, before using anything', () => {
    const seg = sample();
    const bytes = encodeSegment(seg);
    const file = join(tempDir('citera-container-'), 'seg-000001.bin');
    const crc = crc32(bytes);
    for (const at of [3, 10, 200, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const b = Buffer.from(bytes);
      b[at]! ^= 0x5a;
      writeFileSync(file, b);
      expect(() => readSegmentFile(file, { bytes: b.length, crc32: crc }), `byte ${at}`).toThrow(/fails its checksum \(damaged\)/);
    }
    writeFileSync(file, bytes.subarray(0, bytes.length - 8));
    expect(() => readSegmentFile(file, { bytes: bytes.length, crc32: crc })).toThrow(/truncated or half-written/);
    expect(readFileSync(file).length).toBe(bytes.length - 8);
  });
});
