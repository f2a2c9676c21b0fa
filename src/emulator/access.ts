/**
 * Who may talk to the emulator. It has no real authentication and runs code, so a web page must
 * not drive it: a browser request from an origin not on the allow-list is refused (form POSTs and
 * `text/plain` bodies need no preflight, and image or navigation GETs carry no Origin, only
 * Sec-Fetch-Site), and so is any request naming a Host that is not this machine's (DNS rebinding).
 * What AWS makes public on purpose stays reachable: a presigned S3 URL works from any page.
 */
import type { EmulatorRequest } from './types.ts';

/** The lesson site's port unless it had to take another; the kit's site uses this constant. */
export const LESSON_SITE_PORT = 4321;

/** The origins allowed by default: the lesson site's. */
export const DEFAULT_ALLOWED_ORIGINS = [`http://127.0.0.1:${LESSON_SITE_PORT}`, `http://localhost:${LESSON_SITE_PORT}`];

/** Host names that are this machine, as LocalStack answers them too. */
const LOCAL_HOST = /^(localhost|[a-z0-9.-]+\.localhost|127(\.\d{1,3}){3}|\[?::1\]?|localhost\.localstack\.cloud|[a-z0-9.-]+\.localhost\.localstack\.cloud)$/;

/** Options of an {@link AccessPolicy}. */
export interface AccessOptions {
  /** Origins whose pages may call the emulator besides the lesson site's; '*' allows every page (unsafe). */
  allowOrigins?: string[] | undefined;
  /** Host names besides this machine's (for `--host 0.0.0.0` reached by a name on purpose). */
  allowHosts?: string[] | undefined;
}

/** Why a request was refused, for the answer and the log. */
export interface Refusal {
  reason: 'origin' | 'host';
  message: string;
}

/** The allow-lists of one emulator; origins can be added while it runs (a site that took another port). */
export class AccessPolicy {
  private readonly origins: Set<string>;
  private readonly hosts: Set<string>;
  private readonly anyOrigin: boolean;

  constructor(options: AccessOptions = {}) {
    const extra = (options.allowOrigins ?? []).map((origin) => origin.trim()).filter(Boolean);
    this.anyOrigin = extra.includes('*');
    this.origins = new Set([...DEFAULT_ALLOWED_ORIGINS, ...extra.filter((origin) => origin !== '*').map(normalOrigin)]);
    this.hosts = new Set((options.allowHosts ?? []).map((host) => host.trim().toLowerCase()).filter(Boolean));
  }

  /** Lets pages from `origin` call the emulator. */
  allowOrigin(origin: string): void {
    this.origins.add(normalOrigin(origin));
  }

  /** True when pages from `origin` may call the emulator. */
  originAllowed(origin: string): boolean {
    return this.anyOrigin || this.origins.has(normalOrigin(origin));
  }

  /** True when a Host header names this machine or a configured name. */
  hostAllowed(hostHeader: string): boolean {
    const host = hostOnly(hostHeader);
    return LOCAL_HOST.test(host) || this.hosts.has(host);
  }

  /**
   * The refusal for a request a foreign page could have sent, or that names a foreign host;
   * undefined when it may go on. `openToPages` says whether what a page asks for was made
   * public on purpose (a presigned S3 read, an API whose CORS settings name the page's origin),
   * as on AWS.
   */
  check(request: EmulatorRequest, openToPages: () => boolean): Refusal | undefined {
    const host = request.headers.host;
    if (host !== undefined && !this.hostAllowed(host)) {
      return {
        reason: 'host',
        message: `The workshop emulator answers only to this machine's own names (127.0.0.1, localhost); this request named the host "${hostOnly(host)}". If you reach it by that name on purpose, start it with --allow-host ${hostOnly(host)}.`,
      };
    }
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const fromPage = origin !== undefined ? !this.originAllowed(origin) : site === 'cross-site' || site === 'same-site';
    if (!fromPage || openToPages()) return undefined;
    const from = origin ?? 'another site';
    return {
      reason: 'origin',
      message: `The workshop emulator does not answer web pages from ${from}: only the lesson site may call it. To let a page you trust call it, start the emulator with --allow-origin <its origin> (or set WORKSHOP_ALLOW_ORIGINS).`,
    };
  }
}

/** The allow-list options from the environment (`WORKSHOP_ALLOW_ORIGINS`, `WORKSHOP_ALLOW_HOSTS`), comma-separated. */
export function accessFromEnv(env: NodeJS.ProcessEnv): AccessOptions {
  return { allowOrigins: commaList(env.WORKSHOP_ALLOW_ORIGINS), allowHosts: commaList(env.WORKSHOP_ALLOW_HOSTS) };
}

/** The items of a comma-separated setting, trimmed, empty ones left out. */
export function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** True when the request carries a presigned query (SigV4 or S3's SigV2). */
export function hasPresignedQuery(request: EmulatorRequest): boolean {
  return request.query.has('X-Amz-Signature') || (request.query.has('Signature') && request.query.has('AWSAccessKeyId'));
}

function normalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin.trim().toLowerCase();
  }
}

function hostOnly(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon > 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}
