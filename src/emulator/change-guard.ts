/**
 * What a route that changes the emulator's state (a reset, a snapshot) checks first, and how its
 * answers look: no web page, no other machine and no graded submission may change state there.
 */
import type { Emulator } from './emulator.ts';
import { fromLoopback } from './workshop-cors.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** A JSON answer of the LocalStack-style routes (an undefined body is an empty one, as LocalStack answers a reset). */
export function jsonAnswer(status: number, body: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: body === undefined ? '' : JSON.stringify(body) };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a request may not change state here, or undefined when it may. A web page must never reset
 * or load the learner's state: besides the checks every request passes (access.ts), a Referer of
 * a page not on the allow-list, any `Sec-Fetch-Site: cross-site` and callers off this machine are
 * refused; and where the emulator verifies signatures (grading), no submission may touch another's state.
 */
export function changeRefusal(request: EmulatorRequest, emulator: Emulator): string | undefined {
  if (!fromLoopback(request)) return 'these routes are served to callers on this machine only';
  const origin = request.headers.origin;
  if (origin !== undefined && !emulator.access.originAllowed(origin)) return `a web page from ${origin} may not change the emulator's state`;
  const referer = request.headers.referer;
  const from = referer === undefined ? undefined : originOf(referer);
  if (referer !== undefined && (from === undefined || !emulator.access.originAllowed(from))) return `a web page (${from ?? 'unknown origin'}) may not change the emulator's state`;
  if (request.headers['sec-fetch-site'] === 'cross-site') return 'a request from another site may not change the emulator\'s state';
  if (emulator.verifiesSignatures) return 'this emulator is grading submissions: its state is not reset, saved or loaded through these routes';
  return undefined;
}

/** Answers a refused change with 403 and the reason, in LocalStack's error shape. */
export function refusedChange(reason: string): EmulatorResponse {
  return jsonAnswer(403, { error: 'AccessDenied', message: reason });
}
