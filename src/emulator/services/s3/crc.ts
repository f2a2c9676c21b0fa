/**
 * The CRCs S3 offers that node:zlib lacks: CRC-32C (Castagnoli) and CRC-64/NVME, table-driven.
 * CRC-32 itself comes from `zlib.crc32`. Each function returns the big-endian digest bytes that
 * S3 base64-encodes in `x-amz-checksum-*` headers.
 */

function crc32cTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let crc = index;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
    table[index] = crc >>> 0;
  }
  return table;
}

// CRC-64/NVME is reflected with polynomial 0x9A6C9329AC4BC9B5; the 64-bit table is kept as two
// 32-bit halves so the inner loop stays in fast integer arithmetic instead of BigInt.
function crc64Tables(): { high: Uint32Array; low: Uint32Array } {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  const polyHigh = 0x9a6c9329;
  const polyLow = 0xac4bc9b5;
  for (let index = 0; index < 256; index++) {
    let hi = 0;
    let lo = index;
    for (let bit = 0; bit < 8; bit++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        hi = (hi ^ polyHigh) >>> 0;
        lo = (lo ^ polyLow) >>> 0;
      }
    }
    high[index] = hi;
    low[index] = lo;
  }
  return { high, low };
}

const CRC32C = crc32cTable();
const CRC64 = crc64Tables();

/** CRC-32C of `data` as 4 big-endian bytes. */
export function crc32c(data: Uint8Array): Buffer {
  let value = 0xffffffff;
  for (let index = 0; index < data.length; index++) value = CRC32C[(value ^ data[index]!) & 0xff]! ^ (value >>> 8);
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(~value >>> 0);
  return digest;
}

/** CRC-64/NVME of `data` as 8 big-endian bytes. */
export function crc64nvme(data: Uint8Array): Buffer {
  const { high, low } = CRC64;
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let index = 0; index < data.length; index++) {
    const slot = (lo ^ data[index]!) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ low[slot]!) >>> 0;
    hi = ((hi >>> 8) ^ high[slot]!) >>> 0;
  }
  const digest = Buffer.alloc(8);
  digest.writeUInt32BE(~hi >>> 0, 0);
  digest.writeUInt32BE(~lo >>> 0, 4);
  return digest;
}
