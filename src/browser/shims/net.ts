/** `node:net` in a page: address checks work, sockets refuse. */
import { unavailable } from './unavailable.ts';

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for a dotted IPv4 address. */
export function isIPv4(text: string): boolean {
  return V4.test(text);
}

/** True for an IPv6 address (as the URL parser accepts it). */
export function isIPv6(text: string): boolean {
  if (!text.includes(':') || /[^0-9a-fA-F:.]/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** 4, 6, or 0 when `text` is not an IP address. */
export function isIP(text: string): number {
  return isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0;
}

/** Refuses. */
export const createServer = unavailable('net.createServer');
/** Refuses. */
export const connect = unavailable('net.connect');
/** Refuses. */
export const createConnection = unavailable('net.createConnection');
export default { isIP, isIPv4, isIPv6, createServer, connect, createConnection };
