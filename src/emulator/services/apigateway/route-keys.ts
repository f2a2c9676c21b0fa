/**
 * Route keys (`POST /orders`, `GET /orders/{orderId}`, `ANY /{proxy+}`, `$default`): checking
 * one, and choosing the route a request takes as API Gateway does: the most specific path wins
 * (a literal segment before a variable, a variable before a greedy one), then a named method
 * before ANY; `$default` takes what nothing else does.
 */
import { BadRequestException } from './errors.ts';

const METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** A route key taken apart. */
interface ParsedKey {
  method: string;
  segments: string[];
}

function parse(routeKey: string): ParsedKey | undefined {
  const found = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!found || !METHODS.has(found[1]!)) return undefined;
  const segments = found[2] === '/' ? [] : found[2]!.slice(1).split('/');
  return { method: found[1]!, segments };
}

/** Refuses a route key API Gateway would refuse. */
export function checkRouteKey(routeKey: unknown): string {
  if (typeof routeKey !== 'string' || routeKey === '') throw new BadRequestException('RouteKey is required.');
  if (routeKey === '$default') return routeKey;
  const parsed = parse(routeKey);
  if (!parsed) {
    throw new BadRequestException(`Invalid route key "${routeKey}": use $default or "<method> <path>", with a method of ${[...METHODS].join(', ')} and a path starting with /.`);
  }
  parsed.segments.forEach((segment, index) => {
    const greedy = /^\{[^{}]+\+\}$/.test(segment);
    if (segment === '') throw new BadRequestException(`Invalid route key "${routeKey}": a path has no empty segments.`);
    if (greedy && index !== parsed.segments.length - 1) throw new BadRequestException(`Invalid route key "${routeKey}": a greedy path variable such as {proxy+} must be the last segment.`);
    if (!greedy && /[{}]/.test(segment) && !/^\{\w+\}$/.test(segment)) throw new BadRequestException(`Invalid route key "${routeKey}": a path variable is a whole segment, like {orderId}.`);
  });
  return routeKey;
}

/** A route chosen for a request, with the path variables it captured. */
export interface RouteMatch<R> {
  route: R;
  pathParameters: Record<string, string>;
}

/** How specific a match is: per segment 3 literal, 2 variable, 1 greedy; a named method beats ANY. */
function matchKey(key: ParsedKey, method: string, segments: string[]): { rank: number[]; parameters: Record<string, string> } | undefined {
  if (key.method !== 'ANY' && key.method !== method) return undefined;
  const rank: number[] = [];
  const parameters: Record<string, string> = {};
  for (let i = 0; i < key.segments.length; i++) {
    const pattern = key.segments[i]!;
    const greedy = /^\{(.+)\+\}$/.exec(pattern);
    if (greedy) {
      if (i >= segments.length) return undefined;
      parameters[greedy[1]!] = segments.slice(i).join('/');
      rank.push(1);
      return { rank: [...rank, key.method === 'ANY' ? 0 : 1], parameters };
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const variable = /^\{(\w+)\}$/.exec(pattern);
    if (variable) {
      if (segment === '') return undefined;
      parameters[variable[1]!] = segment;
      rank.push(2);
    } else if (pattern === segment) {
      rank.push(3);
    } else {
      return undefined;
    }
  }
  if (key.segments.length !== segments.length) return undefined;
  return { rank: [...rank, 4, key.method === 'ANY' ? 0 : 1], parameters };
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? -1;
    const right = b[i] ?? -1;
    if (left !== right) return left > right;
  }
  return false;
}

/** The route a request to `path` (without the stage) with `method` takes, if any. */
export function selectRoute<R extends { routeKey: string }>(routes: R[], method: string, path: string): RouteMatch<R> | undefined {
  const segments = path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/').map(decodeSegment);
  let best: { route: R; rank: number[]; parameters: Record<string, string> } | undefined;
  for (const route of routes) {
    const key = route.routeKey === '$default' ? undefined : parse(route.routeKey);
    if (!key) continue;
    const found = matchKey(key, method, segments);
    if (found && (!best || better(found.rank, best.rank))) best = { route, ...found };
  }
  if (best) return { route: best.route, pathParameters: best.parameters };
  const fallback = routes.find((route) => route.routeKey === '$default');
  return fallback ? { route: fallback, pathParameters: {} } : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
