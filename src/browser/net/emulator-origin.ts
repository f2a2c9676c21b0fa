/**
 * The emulator as a server of the page's loopback network: a request to its origin (the
 * AWS_ENDPOINT_URL functions and graders are given) is answered by its `handle()` in-process, as
 * the Node emulator answers on its port.
 */
import { Buffer } from 'node:buffer';
import type { EmulatorRequest, EmulatorResponse } from '../../emulator/types.ts';
import type { NetRequest, NetResponse } from './local-network.ts';

/** Answers `request` with the emulator's `handle`. */
export async function answerFromEmulator(handle: (request: EmulatorRequest) => Promise<EmulatorResponse>, request: NetRequest): Promise<NetResponse> {
  const url = new URL(request.url);
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const answer = await handle({ method: request.method, path: url.pathname, query: url.searchParams, headers, body, remoteAddress: '127.0.0.1' });
  const answerHeaders = Object.entries(answer.headers).map(([name, value]): [string, string] => [name, String(value)]);
  for (const cookie of answer.cookies ?? []) answerHeaders.push(['set-cookie', cookie]);
  const bytes = typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : new Uint8Array(answer.body);
  return { status: answer.status, statusText: '', headers: answerHeaders, body: bytes };
}
