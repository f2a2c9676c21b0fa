/** `node:zlib` in a page: synchronous gzip, deflate and their inverses through fflate, and CRC-32. */
import { Buffer } from 'buffer';
import { deflateSync as deflate, gunzipSync as gunzip, gzipSync as gzip, inflateSync as inflate, unzlibSync, zlibSync } from 'fflate';

const bytes = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

/** gzip. */
export const gzipSync = (data: string | Uint8Array): Buffer => Buffer.from(gzip(bytes(data)));
/** gunzip. */
export const gunzipSync = (data: Uint8Array): Buffer => Buffer.from(gunzip(data));
/** zlib-wrapped deflate (Node's deflateSync). */
export const deflateSync = (data: string | Uint8Array): Buffer => Buffer.from(zlibSync(bytes(data)));
/** zlib-wrapped inflate (Node's inflateSync). */
export const inflateSync = (data: Uint8Array): Buffer => Buffer.from(unzlibSync(data));
/** Raw deflate. */
export const deflateRawSync = (data: string | Uint8Array): Buffer => Buffer.from(deflate(bytes(data)));
/** Raw inflate. */
export const inflateRawSync = (data: Uint8Array): Buffer => Buffer.from(inflate(data));

let table: Uint32Array | undefined;

/** CRC-32 (IEEE), continuing from `value` as Node's zlib.crc32 does. */
export function crc32(data: string | Uint8Array, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = (value ^ 0xffffffff) >>> 0;
  for (const byte of bytes(data)) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The constants code commonly reads. */
export const constants = { Z_NO_FLUSH: 0, Z_SYNC_FLUSH: 2, Z_FINISH: 4, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1 };
export default { gzipSync, gunzipSync, deflateSync, inflateSync, deflateRawSync, inflateRawSync, crc32, constants };
