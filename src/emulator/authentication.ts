/**
 * AWS answers a call that carries no signature (no Authorization header, no presigned query) with
 * an error of its own before the operation runs; so does the emulator, in each protocol's words.
 * A browser cannot add an Authorization header to a cross-site request without a preflight the
 * emulator refuses, so this also stops pages that slip past the origin check.
 */
import { AwsError } from './errors.ts';
import { hasPresignedQuery } from './access.ts';
import type { EmulatorRequest, Protocol } from './types.ts';

/** True when the request is signed in a header or by a presigned query. */
export function isSigned(request: EmulatorRequest): boolean {
  return (request.headers.authorization ?? '').trim() !== '' || hasPresignedQuery(request);
}

/** The error AWS gives an unsigned call in `protocol`. */
export function missingAuthentication(protocol: Protocol): AwsError {
  switch (protocol) {
    case 'rest-xml':
      return new AwsError('AccessDenied', 'Access Denied', { status: 403 });
    case 'query':
      return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', { status: 403 });
    case 'rest-json':
      return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
    case 'json':
      return new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', { status: 400, queryCode: 'MissingAuthenticationToken' });
  }
}
