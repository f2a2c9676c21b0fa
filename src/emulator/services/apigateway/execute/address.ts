/**
 * Which API a request is for: `<apiId>.execute-api.localhost.localstack.cloud:4566/<path>` (by
 * Host, as LocalStack names it; that name resolves only where public DNS answers) or
 * `/_aws/execute-api/<apiId>/<path>` (by path, which always works).
 */
import type { EmulatorRequest } from '../../../types.ts';

/** The path prefix of the path form. */
export const EXECUTE_API_PATH = '/_aws/execute-api/';

const HOST = /^([a-z0-9]+)\.execute-api\.[^:]+(?::\d+)?$/i;
const PATH = /^\/_aws\/execute-api\/([a-z0-9]+)(\/.*)?$/;

/** The API named by a request and the path after it (starting with `/`), or undefined. */
export interface ApiAddress {
  apiId: string;
  /** The path as sent, after the API's own part: it still holds a named stage. */
  path: string;
  domainName: string;
}

/** Reads the API a request addresses, if it addresses one. */
export function apiAddress(request: EmulatorRequest): ApiAddress | undefined {
  const host = request.headers.host ?? '';
  const byHost = HOST.exec(host);
  if (byHost) return { apiId: byHost[1]!.toLowerCase(), path: request.path || '/', domainName: host.replace(/:\d+$/, '') };
  const byPath = PATH.exec(request.path);
  if (byPath) return { apiId: byPath[1]!, path: byPath[2] || '/', domainName: `${byPath[1]}.execute-api.localhost.localstack.cloud` };
  return undefined;
}

/** The stage a path names (a stage name as its first segment), else `$default`; and the path after it. */
export function stageOf(path: string, stages: ReadonlySet<string>): { stage: string; path: string } | undefined {
  const first = /^\/([^/]+)(\/.*)?$/.exec(path);
  const segment = first ? safeDecode(first[1]!) : undefined;
  if (segment !== undefined && segment !== '$default' && stages.has(segment)) return { stage: segment, path: first![2] ?? '/' };
  // The path form may name the default stage, as LocalStack's URLs do.
  if (segment === '$default' && stages.has('$default')) return { stage: '$default', path: first![2] ?? '/' };
  return stages.has('$default') ? { stage: '$default', path } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
