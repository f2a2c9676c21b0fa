/**
 * ETags as S3 computes them: the MD5 hex of the bytes in double quotes, and for multipart objects
 * the MD5 of the parts' binary MD5 digests joined, then `-<number of parts>`. Also the comparison
 * rules of If-Match / If-None-Match lists.
 */
import { createHash } from 'node:crypto';

/** The ETag of a single-part object or part: `"<md5 hex>"`. */
export function etagOf(body: Uint8Array): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

/** The ETag of a multipart object from its parts' ETags, in part order. */
export function multipartEtag(partEtags: string[]): string {
  const hash = createHash('md5');
  for (const etag of partEtags) hash.update(Buffer.from(unquote(etag), 'hex'));
  return `"${hash.digest('hex')}-${partEtags.length}"`;
}

/** An ETag without quotes (and without a weak `W/` prefix), as events and comparisons use it. */
export function unquote(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** True when an If-Match / If-None-Match header value (`*` or a comma-separated list) names `etag`. */
export function etagListMatches(header: string, etag: string): boolean {
  const wanted = unquote(etag);
  return header.split(',').some((item) => item.trim() === '*' || unquote(item) === wanted);
}
