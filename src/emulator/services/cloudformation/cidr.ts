/** Fn::Cidr: IPv4 address blocks cut from a larger block, as CloudFormation returns them. */
import { TemplateError } from './errors.ts';

/** `count` consecutive blocks of `32 - cidrBits` prefix length from `block` (IPv4 only). */
export function cidrBlocks(block: string, count: number, cidrBits: number): string[] {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  if (!match) throw new TemplateError(`Template error: Fn::Cidr takes an IPv4 block such as 10.0.0.0/16, not ${block} (IPv6 blocks are not supported by the workshop emulator)`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  const size = 32 - cidrBits;
  if (octets.some((octet) => octet > 255) || prefix > 32 || !Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(cidrBits) || cidrBits < 1 || size < prefix) {
    throw new TemplateError(`Template error: Fn::Cidr cannot cut ${count} blocks of ${cidrBits} host bits from ${block}`);
  }
  if (count > 2 ** (size - prefix)) throw new TemplateError(`Template error: Fn::Cidr: ${block} holds fewer than ${count} blocks of /${size}`);
  const base = (((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0) & (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0);
  return Array.from({ length: count }, (_, index) => {
    const address = (base + index * 2 ** cidrBits) >>> 0;
    return `${[24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.')}/${size}`;
  });
}
