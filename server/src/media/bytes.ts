/** Small byte helpers shared by the sniffers; all bounds-checked, never throwing. */

export function ascii(buf: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length && i < buf.length; i++) {
    s += String.fromCharCode(buf[i] ?? 0);
  }
  return s;
}

export function startsWith(buf: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) {
    return false;
  }
  return bytes.every((b, i) => buf[offset + i] === b);
}

export function startsWithAscii(buf: Uint8Array, text: string, offset = 0): boolean {
  return ascii(buf, offset, text.length) === text;
}

export function byteAt(buf: Uint8Array, i: number): number {
  return buf[i] ?? -1;
}

export function uint32be(buf: Uint8Array, i: number): number {
  if (i + 4 > buf.length) {
    return -1;
  }
  return (
    ((byteAt(buf, i) << 24) >>> 0) +
    (byteAt(buf, i + 1) << 16) +
    (byteAt(buf, i + 2) << 8) +
    byteAt(buf, i + 3)
  );
}

/** Whether the ASCII `needle` occurs anywhere in the first `limit` bytes. */
export function containsAscii(buf: Uint8Array, needle: string, limit = buf.length): boolean {
  return Buffer.from(buf.buffer, buf.byteOffset, Math.min(limit, buf.length)).includes(needle, 0, 'latin1');
}
