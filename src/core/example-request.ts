/** The curl command deploy prints for a function behind an HTTP API: the lab's example request, sent to the URL the setup returned. */
import type { z } from 'zod';
import type { deploySchema } from './lab-schema.ts';

/** A lab's example HTTP request. */
export type ExampleRequest = NonNullable<z.infer<typeof deploySchema>['request']>;

/** Quotes a value for a POSIX shell, in single quotes. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The first http(s) URL among the setup calls' results (what an API's setup returns). */
export function urlAmong(results: unknown[]): string | undefined {
  return results.find((result): result is string => typeof result === 'string' && /^https?:\/\//.test(result));
}

/** `curl -i -X POST <url><path> -H ... --data '...'`, ready to paste. */
export function curlCommand(baseUrl: string, request: ExampleRequest): string {
  const parts = ['curl', '-i', '-X', request.method, quoted(`${baseUrl.replace(/\/$/, '')}${request.path}`)];
  const headers = { ...request.headers };
  if (request.body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(headers)) parts.push('-H', quoted(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data', quoted(typeof request.body === 'string' ? request.body : JSON.stringify(request.body)));
  return parts.join(' ');
}
