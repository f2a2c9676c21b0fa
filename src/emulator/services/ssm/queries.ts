/**
 * The listing reads of Parameter Store: GetParametersByPath and DescribeParameters with their
 * ParameterFilters (Name, Path, Type, KeyId, Tier, Label, tag:), and the NextToken paging all
 * listings share.
 */
import { InvalidFilterKey, InvalidFilterOption, InvalidFilterValue, InvalidNextToken, ValidationException } from './errors.ts';
import { latest, metadataView, parameterView, type Parameter, type SsmState } from './model.ts';
import { checkPath, type Scope } from './names.ts';

/** One ParameterStringFilter as the client sent it. */
interface Filter {
  Key: string;
  Option?: string;
  Values?: string[];
}

const OPTIONS: Record<string, string[]> = {
  Name: ['Equals', 'BeginsWith', 'Contains'],
  Path: ['Recursive', 'OneLevel'],
  Type: ['Equals', 'BeginsWith'],
  KeyId: ['Equals', 'BeginsWith'],
  Tier: ['Equals', 'BeginsWith'],
  Label: ['Equals'],
};

/** A page of `items` from a NextToken (the offset, opaque to clients). */
export function pageOf<T>(items: T[], token: unknown, limit: number): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? Buffer.from(token, 'base64url').toString('utf8') : '';
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) throw new InvalidNextToken();
    start = Number(match[1]);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(`offset:${start + limit}`).toString('base64url') : undefined;
  return next ? { items: page, nextToken: next } : { items: page };
}

function byName(a: Parameter, b: Parameter): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function checkFilters(filters: Filter[], allowed: string[]): void {
  const seen = new Set<string>();
  for (const filter of filters) {
    const key = filter.Key;
    if (!key.startsWith('tag:') && !allowed.includes(key)) {
      throw new InvalidFilterKey(`The following filter key is not valid: ${key}. Valid filter keys include: [${allowed.join(', ')}].`);
    }
    if (seen.has(key)) throw new InvalidFilterKey(`The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`);
    seen.add(key);
    const options = key.startsWith('tag:') ? ['Equals', 'BeginsWith'] : OPTIONS[key]!;
    if (filter.Option !== undefined && !options.includes(filter.Option)) {
      throw new InvalidFilterOption(`The following filter option is not valid: ${filter.Option}. Valid options include: [${options.join(', ')}].`);
    }
    if (!key.startsWith('tag:') && (filter.Values === undefined || filter.Values.length === 0)) {
      throw new InvalidFilterValue(`The following filter values are missing : null for filter key ${key}.`);
    }
    if (key === 'Path') filter.Values!.forEach(checkPath);
  }
}

function depth(name: string): number {
  return name.split('/').filter((level) => level !== '').length;
}

function matchesText(candidates: string[], option: string, values: string[]): boolean {
  return candidates.some((candidate) => values.some((value) => (option === 'BeginsWith' ? candidate.startsWith(value) : option === 'Contains' ? candidate.includes(value) : candidate === value)));
}

function matches(parameter: Parameter, filter: Filter): boolean {
  const version = latest(parameter);
  const values = filter.Values ?? [];
  const key = filter.Key;
  if (key.startsWith('tag:')) {
    const tag = parameter.tags.get(key.slice(4));
    if (tag === undefined) return false;
    return values.length === 0 || matchesText([tag], filter.Option ?? 'Equals', values);
  }
  if (key === 'Path') {
    const name = parameter.name.startsWith('/') ? parameter.name : `/${parameter.name}`;
    return values.some((value) => {
      const path = checkPath(value);
      if (!name.startsWith(path) && path !== '/') return false;
      return filter.Option === 'Recursive' || depth(name) === depth(path) + 1;
    });
  }
  if (key === 'Label') return parameter.versions.some((candidate) => candidate.labels.some((label) => values.includes(label)));
  if (key === 'Name') {
    // A Name filter reads names with or without their leading slash alike.
    const strip = (text: string) => text.replace(/^\//, '');
    return matchesText([strip(parameter.name)], filter.Option ?? 'Equals', values.map(strip));
  }
  const field = key === 'Type' ? version.type : key === 'KeyId' ? version.keyId : version.tier;
  return field !== undefined && matchesText([field], filter.Option ?? 'Equals', values);
}

/** GetParametersByPath: the parameters under a path, one level or all, a page at a time. */
export function parametersByPath(state: SsmState, input: Record<string, any>, scope: Scope): Record<string, unknown> {
  const path = checkPath(String(input.Path));
  const filters: Filter[] = input.ParameterFilters ?? [];
  checkFilters(filters, ['Type', 'KeyId', 'Label']);
  const recursive = input.Recursive === true;
  const found = [...state.parameters.values()]
    .filter((parameter) => {
      // Names without a leading slash are outside every hierarchy.
      if (!parameter.name.startsWith(path)) return false;
      return recursive || depth(parameter.name) === depth(path) + 1;
    })
    .filter((parameter) => filters.every((filter) => matches(parameter, filter)))
    .sort(byName);
  const { items, nextToken } = pageOf(found, input.NextToken, input.MaxResults ?? 10);
  const decrypt = input.WithDecryption === true;
  return { Parameters: items.map((parameter) => parameterView(parameter.name, latest(parameter), decrypt, scope)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** DescribeParameters: the metadata of every parameter the filters keep. */
export function describeParameters(state: SsmState, input: Record<string, any>, scope: Scope): Record<string, unknown> {
  if (input.Filters !== undefined && input.ParameterFilters !== undefined) {
    throw new ValidationException('You can use either Filters or ParameterFilters in a single request.');
  }
  // The older Filters take Name, Type and KeyId with Equals semantics.
  const filters: Filter[] = input.ParameterFilters ?? (input.Filters ?? []).map((filter: { Key: string; Values?: string[] }) => ({ Key: filter.Key, Values: filter.Values }));
  checkFilters(filters, ['Path', 'Name', 'Type', 'KeyId', 'Tier', 'Label']);
  const found = [...state.parameters.values()].filter((parameter) => filters.every((filter) => matches(parameter, filter))).sort(byName);
  const { items, nextToken } = pageOf(found, input.NextToken, input.MaxResults ?? 50);
  return { Parameters: items.map((parameter) => metadataView(parameter, scope)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
