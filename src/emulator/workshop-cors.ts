/**
 * Who may read the emulator's `/_workshop/*` routes: loopback callers only (the emulator has no
 * authentication), and, for the lesson site's browser code, the origins on the emulator's
 * allow-list: the emulator refuses every other page before a route runs (access.ts), so an
 * origin that reaches a route has been let in and is echoed in the CORS headers.
 */
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** True when the request comes from this machine (or was made in-process, with no address). */
export function fromLoopback(request: EmulatorRequest): boolean {
  return !request.remoteAddress || LOOPBACK.test(request.remoteAddress);
}

/** CORS headers for the page's origin, which the emulator's allow-list let in; none without one. */
export function workshopCorsHeaders(request: EmulatorRequest): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, DELETE, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** A JSON answer with the CORS headers the request earns. */
export function workshopJson(request: EmulatorRequest, status: number, body: unknown): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...workshopCorsHeaders(request) },
    body: JSON.stringify(body),
  };
}

/** The answer to a CORS preflight (`OPTIONS`). */
export function workshopPreflight(request: EmulatorRequest): EmulatorResponse {
  return { status: 204, headers: workshopCorsHeaders(request), body: '' };
}
