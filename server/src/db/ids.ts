import { randomFillSync } from 'node:crypto';

/** Random bytes drawn a block at a time: one system call per 256 ids instead of one each. */
const random = Buffer.alloc(16 * 256);
let used = random.length;
let lastMs = -1;
let counter = 0;

/**
 * A new row id: a UUID version 7 (RFC 9562 §5.7) — the time in milliseconds, then a 12-bit
 * counter that starts at a random value each millisecond (§6.2, method 1), then 62 random bits.
 * Ids made here only ever increase, so each insert lands at the right-hand end of every index on
 * an id (the primary key, the ledger's subject index) instead of on a random page that must be
 * read, split and written back: fewer pages per commit on both databases. The clock going
 * back never makes an id smaller; the counter runs on, and a full counter moves to the next
 * millisecond. Not for secrets: only 62 bits are random and the time is readable.
 */
export function newId(): string {
  if (used === random.length) {
    randomFillSync(random);
    used = 0;
  }
  const b = random.subarray(used, used + 16);
  used += 16;
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    // Leave room to count up: the first id of a millisecond starts in the lower half.
    counter = (((b[6] as number) << 8) | (b[7] as number)) & 0x7ff;
  } else if (counter < 0xfff) {
    ms = lastMs;
    counter++;
  } else {
    ms = ++lastMs;
    counter = 0;
  }
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((b[8] as number) & 0x3f);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
