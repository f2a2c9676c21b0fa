/**
 * Presigned URLs (SigV4 query authentication): the `X-Amz-*` parameters are checked for shape and
 * expiry the way S3 checks them; the signature itself is not verified (no emulated signature is).
 * Checksum parameters that the SDK puts in presigned PUT URLs (`x-amz-checksum-crc32` of an empty
 * body) are ignored, as S3 ignores them.
 */
import type { EmulatorRequest } from '../../types.ts';
import { AccessDenied, AuthorizationQueryParametersError } from './errors.ts';

/** The longest expiry S3 accepts: seven days. */
export const MAX_EXPIRES_SECONDS = 604_800;

/** True when the request authenticates through the query string. */
export function isPresigned(request: EmulatorRequest): boolean {
  return request.query.has('X-Amz-Algorithm') || request.query.has('X-Amz-Signature') || request.query.has('X-Amz-Credential');
}

function parseAmzDate(text: string): number | undefined {
  const found = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!found) return undefined;
  const [, year, month, day, hour, minute, second] = found;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

/** Throws S3's errors for a malformed or expired presigned URL; does nothing for other requests. */
export function checkPresigned(request: EmulatorRequest, now = Date.now()): void {
  if (!isPresigned(request)) return;
  const query = request.query;
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    throw new AuthorizationQueryParametersError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const credential = query.get('X-Amz-Credential') ?? '';
  if (credential.split('/').length !== 5) {
    throw new AuthorizationQueryParametersError(`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  const expiresText = query.get('X-Amz-Expires') ?? '';
  const signedAt = parseAmzDate(query.get('X-Amz-Date') ?? '');
  if (signedAt === undefined || !query.get('X-Amz-Signature') || !/^\d+$/.test(expiresText)) {
    throw new AuthorizationQueryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const expires = Number(expiresText);
  if (expires > MAX_EXPIRES_SECONDS) throw new AuthorizationQueryParametersError('X-Amz-Expires must be less than a week (in seconds) that is; 604800');
  const expiresAt = signedAt + expires * 1000;
  if (now > expiresAt) {
    throw new AccessDenied('Request has expired', {
      'X-Amz-Expires': expiresText,
      Expires: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
}
