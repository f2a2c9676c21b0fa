/**
 * An API's CORS settings at work: API Gateway answers a preflight (OPTIONS with Origin and
 * Access-Control-Request-Method) itself, without calling a route, and puts the CORS headers on
 * every answer to an allowed origin, over whatever the function set.
 */
import type { EmulatorRequest, EmulatorResponse } from '../../../types.ts';
import type { CorsConfiguration } from '../model.ts';

function lower(list: string[] | undefined): string[] {
  return (list ?? []).map((item) => item.toLowerCase());
}

/** True when the settings let pages from `origin` read answers. */
export function originAllowed(cors: CorsConfiguration | undefined, origin: string | undefined): boolean {
  if (!cors || origin === undefined) return false;
  const allowed = cors.allowOrigins ?? [];
  return allowed.includes('*') || allowed.some((entry) => entry.replace(/\/$/, '').toLowerCase() === origin.toLowerCase());
}

/** True for a CORS preflight. */
export function isPreflight(request: EmulatorRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

function allowOriginValue(cors: CorsConfiguration, origin: string): string {
  return (cors.allowOrigins ?? []).includes('*') && !cors.allowCredentials ? '*' : origin;
}

/** The answer to a preflight: 204, with the CORS headers when the origin, method and headers are allowed. */
export function preflight(cors: CorsConfiguration, request: EmulatorRequest, requestId: string): EmulatorResponse {
  const headers: Record<string, string> = { 'apigw-requestid': requestId };
  const origin = request.headers.origin!;
  const method = request.headers['access-control-request-method']!.toUpperCase();
  const methods = (cors.allowMethods ?? []).map((item) => item.toUpperCase());
  const asked = lower(request.headers['access-control-request-headers']?.split(',').map((item) => item.trim()).filter(Boolean));
  const allowedHeaders = lower(cors.allowHeaders);
  const methodOk = methods.includes('*') || methods.includes(method);
  const headersOk = allowedHeaders.includes('*') || asked.every((name) => allowedHeaders.includes(name));
  if (originAllowed(cors, origin) && methodOk && headersOk) {
    headers['access-control-allow-origin'] = allowOriginValue(cors, origin);
    headers['access-control-allow-methods'] = methods.includes('*') ? method : methods.join(',');
    if (asked.length > 0) headers['access-control-allow-headers'] = allowedHeaders.includes('*') ? asked.join(',') : (cors.allowHeaders ?? []).join(',');
    if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  }
  return { status: 204, headers, body: '' };
}

/** The response with the CORS headers for an allowed origin (the function's own CORS headers give way). */
export function withCors(cors: CorsConfiguration | undefined, request: EmulatorRequest, response: EmulatorResponse): EmulatorResponse {
  const origin = request.headers.origin;
  if (!cors || !originAllowed(cors, origin)) return response;
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !name.startsWith('access-control-')));
  headers['access-control-allow-origin'] = allowOriginValue(cors, origin!);
  if (cors.exposeHeaders?.length) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  headers.vary = 'Origin';
  return { ...response, headers };
}
