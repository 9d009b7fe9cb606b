/**
 * Reading an HTTP response body with a byte cap, for the two places that fetch what others serve: the polite
 * fetcher of the sources (src/sources/fetcher.ts) and the download of an admin's upload (src/bot/upload.ts).
 */

/**
 * The body of `res`, at most `max` bytes. A declared Content-Length over the cap is refused before reading; a
 * body that grows past it while it streams is cancelled there. Either way `tooLarge` makes the error thrown
 * (with the declared length, or null when the body itself ran over). Errors of the stream pass through.
 */
export async function readCappedBody(res: Response, max: number, tooLarge: (declared: number | null) => Error): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(null);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
