/**
 * How IAM matches the names in a statement: actions case-insensitively with `*` and `?`, resource
 * ARNs segment by segment (a wildcard in the region or account never reaches past its colon, one
 * in the resource part may), and policy variables like `${aws:PrincipalAccount}` filled in first.
 */

const patterns = new Map<string, RegExp>();

/** `*` and `?` wildcards, as IAM's Like operators and Action/Resource matching use them. */
export function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = patterns.get(cacheKey);
  if (!regex) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    // Policies are few and small; the cap only guards against a flood of distinct patterns.
    if (patterns.size > 10_000) patterns.clear();
    patterns.set(cacheKey, regex);
  }
  return regex.test(value);
}

/** True when an Action pattern (like `dynamodb:*` or `s3:Get*`) names `action`; service prefixes and names ignore case. */
export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || wildcard(pattern, action, true);
}

/** True when a Resource pattern names `arn`: `*` is every resource, else the six ARN segments match one by one. */
export function resourceMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const wanted = splitArn(pattern);
  const actual = splitArn(arn);
  if (!wanted || !actual) return wildcard(pattern, arn);
  for (let index = 0; index < 6; index += 1) if (!wildcard(wanted[index]!, actual[index]!)) return false;
  return true;
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** Looks up a condition key of the request (lower-case name); a list for multi-valued keys. */
export type KeyLookup = (key: string) => string | string[] | undefined;

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Fills in policy variables (`${aws:username}`, `${aws:PrincipalAccount}`, and `${*}`, `${?}`, `${$}`
 * for the literal characters), with `${key, 'default'}` when the key is missing. Undefined when a
 * variable has no value and no default: that entry then matches nothing, as IAM documents.
 */
export function substitute(text: string, lookup: KeyLookup): string | undefined {
  if (!text.includes('${')) return text;
  let missing = false;
  const filled = text.replace(VARIABLE, (_whole, inner: string) => {
    const [name, fallback] = splitDefault(inner);
    if (name === '*' || name === '?' || name === '$') return name;
    const value = lookup(name.toLowerCase());
    const single = Array.isArray(value) ? undefined : value;
    if (single !== undefined) return single;
    if (fallback !== undefined) return fallback;
    missing = true;
    return '';
  });
  return missing ? undefined : filled;
}

function splitDefault(inner: string): [string, string | undefined] {
  const match = /^\s*([^,\s]+)\s*,\s*'(.*)'\s*$/.exec(inner);
  return match ? [match[1]!, match[2]!] : [inner.trim(), undefined];
}

/** A policy value as a list of strings: IAM accepts a string or an array wherever a list is meant. */
export function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
