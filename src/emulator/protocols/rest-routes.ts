/** Matching a REST request against a service's URI templates, shared by REST-JSON and REST-XML. */
import type { EmulatorRequest, RestRoute } from '../types.ts';

/** A matched route and the values its path labels took. */
export interface RouteMatch {
  route: RestRoute;
  labels: Record<string, string>;
}

interface CompiledRoute {
  route: RestRoute;
  pattern: RegExp;
  names: string[];
  /** Literal characters in the template: more literal text means a more specific route. */
  weight: number;
}

const compiled = new WeakMap<RestRoute[], CompiledRoute[]>();

function compile(routes: RestRoute[]): CompiledRoute[] {
  let list = compiled.get(routes);
  if (list) return list;
  list = routes.map((route) => {
    const names: string[] = [];
    const [pathPart] = route.path.split('?');
    const source = (pathPart ?? '').replace(/\{(\w+)(\+?)\}|[^{]+/g, (text, name: string | undefined, greedy: string) => {
      if (!name) return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
    const weight = (pathPart ?? '').replace(/\{[^}]*\}/g, '').length;
    return { route, pattern: new RegExp(`^${source}/?$`), names, weight };
  });
  list.sort((a, b) => b.weight - a.weight);
  compiled.set(routes, list);
  return list;
}

/** Finds the route for a request; `undefined` when the path and method match no operation. */
export function matchRoute(routes: RestRoute[], request: EmulatorRequest): RouteMatch | undefined {
  for (const candidate of compile(routes)) {
    if (candidate.route.method !== request.method) continue;
    const found = candidate.pattern.exec(request.path);
    if (!found) continue;
    const labels: Record<string, string> = {};
    candidate.names.forEach((name, index) => {
      labels[name] = safeDecode(found[index + 1] ?? '');
    });
    return { route: candidate.route, labels };
  }
  return undefined;
}

/** Collects an operation's inputs bound to path labels, query parameters and headers. */
export function boundInputs(match: RouteMatch, request: EmulatorRequest): Record<string, unknown> {
  const input: Record<string, unknown> = { ...match.labels };
  for (const [param, member] of Object.entries(match.route.query ?? {})) {
    const values = request.query.getAll(param);
    if (values.length > 0) input[member] = values.length === 1 ? values[0] : values;
  }
  for (const [header, member] of Object.entries(match.route.headers ?? {})) {
    const value = request.headers[header];
    if (value !== undefined) input[member] = value;
  }
  return input;
}

/** decodeURIComponent, keeping text with a broken %-escape as it is rather than failing the request. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
