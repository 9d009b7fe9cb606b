/**
 * Guessing how the bytes of a corpus file are encoded: UTF-8 (with or without BOM), UTF-16 with a BOM, or — when
 * the bytes are not valid UTF-8 but look like text — windows-1252, the usual encoding of older Swedish files.
 * Anything else is binary and refused.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Sniffed =
  | {
      kind: 'text';
      encoding: TextEncoding;
      /** Bytes of BOM to skip. */
      bom: number;
      /** Set when the bytes were not valid UTF-8: what was done instead, for the issue to report. */
      fallback?: string;
    }
  | { kind: 'binary'; reason: string };

/** Bytes looked at to decide; enough to see NULs or broken UTF-8 in any real file. */
export const SNIFF_BYTES = 64 * 1024;

/** More than this share of control characters means the bytes are not text. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decides the encoding of a file from its first bytes (pass at least `SNIFF_BYTES` when the file is longer).
 * `complete` says whether `head` is the whole file (so a multi-byte character cut at the end is an error).
 *
 * @example
 * sniffEncoding(Buffer.from('\uFEFFhej'), true) // { kind: 'text', encoding: 'utf-8', bom: 3 }
 * sniffEncoding(Buffer.from([0x68, 0xe4, 0x6a]), true)
 * // { kind: 'text', encoding: 'windows-1252', bom: 0, fallback: 'not valid UTF-8; decoded as windows-1252' }
 */
export function sniffEncoding(head: Uint8Array, complete: boolean): Sniffed {
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', encoding: 'utf-16be', bom: 2 };
  if (head.includes(0)) return { kind: 'binary', reason: 'binary data (NUL bytes), not text' };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { kind: 'text', encoding: 'utf-8', bom: 3 };
  let text: string;
  let encoding: TextEncoding = 'utf-8';
  let fallback: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    const lossy = new TextDecoder('utf-8').decode(head, { stream: !complete });
    const { replaced, multibyte } = countUtf8(lossy);
    if (multibyte > replaced) {
      // Mostly good UTF-8 with a few broken bytes: windows-1252 would garble every å, ä, ö.
      text = lossy;
      fallback = `not valid UTF-8: ${replaced} invalid byte sequence(s) replaced with U+FFFD`;
    } else {
      encoding = 'windows-1252';
      text = new TextDecoder('windows-1252').decode(head);
      fallback = 'not valid UTF-8; decoded as windows-1252';
    }
  }
  const share = controlShare(text);
  if (share > MAX_CONTROL_SHARE) {
    return {
      kind: 'binary',
      reason:
        encoding === 'utf-8'
          ? `binary data (${Math.round(share * 100)}% control characters), not text`
          : `binary data or unknown encoding (not UTF-8, and ${Math.round(share * 100)}% control characters as windows-1252)`,
    };
  }
  return fallback ? { kind: 'text', encoding, bom: 0, fallback } : { kind: 'text', encoding, bom: 0 };
}

function countUtf8(text: string): { replaced: number; multibyte: number } {
  let replaced = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c >= 0x80) multibyte++;
  }
  return { replaced, multibyte };
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // C0 controls other than tab, LF, FF, CR; DEL; C1 controls (windows-1252's five undefined bytes land here).
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 0x7f && c < 0xa0)) n++;
  }
  return n / text.length;
}

/** Decodes `bytes` as sniffed (BOM skipped). */
export function decodeText(bytes: Uint8Array, enc: { encoding: TextEncoding; bom: number }): string {
  return new TextDecoder(enc.encoding, { ignoreBOM: true }).decode(bytes.subarray(enc.bom));
}
