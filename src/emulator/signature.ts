/**
 * SigV4 verification, for runs where callers must prove who they are (cohort grading: each
 * submission holds only its own account's secret). The request is signed again with the SDK's own
 * signer, over exactly the headers the caller signed, and the signatures are compared. Without a
 * secret table the emulator reads the account from the access key id, as LocalStack does.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '@smithy/types';
import { AwsError } from './errors.ts';
import type { EmulatorRequest, Protocol } from './types.ts';

let signerLibrary: Promise<typeof import('@smithy/signature-v4')> | undefined;

/** The SDK's signer, loaded on the first signed request: only cohort grading verifies signatures, and it costs start-up time. */
export function loadSigner(): Promise<typeof import('@smithy/signature-v4')> {
  signerLibrary ??= import('@smithy/signature-v4');
  return signerLibrary;
}

/** Looks up the secret of an access key id; undefined for a key the emulator does not know. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

/** The secret of an account's key in a run with `runSecret`: what the emulator and the grader both derive. */
export function accountSecret(runSecret: string, accessKeyId: string): string {
  return createHmac('sha256', runSecret).update(`secret:${accessKeyId}`).digest('base64url');
}

/** node:crypto in the shape the SDK's signer wants (a hash, or an HMAC when given a key). */
export class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  private readonly secret: Uint8Array | string | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined || typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret);
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const PAYLOAD_HEADER = 'x-amz-content-sha256';

const HEADER_AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/;

interface Claim {
  accessKeyId: string;
  region: string;
  service: string;
  date: Date;
  signedHeaders: string[];
  signature: string;
  presigned: boolean;
  expiresIn: number;
}

function parseAmzDate(value: string | null | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!)) : undefined;
}

function claimOf(request: EmulatorRequest): Claim | undefined {
  const header = HEADER_AUTH.exec((request.headers.authorization ?? '').trim());
  if (header) {
    const date = parseAmzDate(request.headers['x-amz-date']);
    if (!date) return undefined;
    return { accessKeyId: header[1]!, region: header[3]!, service: header[4]!, date, signedHeaders: header[5]!.split(';'), signature: header[6]!, presigned: false, expiresIn: 0 };
  }
  const query = request.query;
  const [accessKeyId, , region, service] = (query.get('X-Amz-Credential') ?? '').split('/');
  const date = parseAmzDate(query.get('X-Amz-Date'));
  if (!accessKeyId || !region || !service || !date || !query.get('X-Amz-Signature')) return undefined;
  return {
    accessKeyId, region, service, date, presigned: true,
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? 'host').split(';'),
    signature: query.get('X-Amz-Signature')!,
    expiresIn: Number(query.get('X-Amz-Expires') ?? '900'),
  };
}

/** The query parameters a presigner adds itself (others, like X-Amz-Content-Sha256, were hoisted from headers and are signed). */
const PRESIGN_PARAMS = new Set(['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token']);

function httpRequestOf(request: EmulatorRequest, claim: Claim): HttpRequest {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of request.query) {
    if (claim.presigned && PRESIGN_PARAMS.has(key)) continue;
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const headers: Record<string, string> = {};
  for (const name of claim.signedHeaders) if (request.headers[name] !== undefined) headers[name] = request.headers[name]!;
  const host = request.headers.host ?? '';
  return { method: request.method, protocol: 'http:', hostname: host.replace(/:\d+$/, ''), path: request.path, query, headers, body: request.body };
}

function same(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Who signed a request whose signature checked out. */
export interface VerifiedCaller {
  accessKeyId: string;
  region: string;
}

/** How far a signed request's time may be from the emulator's clock, as on AWS. */
const ALLOWED_SKEW_MS = 15 * 60 * 1000;

/**
 * Checks the request's SigV4 signature: the key that signed it, or the error AWS gives when it is
 * missing, unknown, wrong, expired or given two ways at once.
 */
export async function verifySignature(request: EmulatorRequest, protocol: Protocol, secretFor: SecretLookup, now = Date.now()): Promise<VerifiedCaller | AwsError> {
  const header = (request.headers.authorization ?? '').trim() !== '';
  if (header && (request.query.has('X-Amz-Signature') || request.query.has('X-Amz-Credential'))) {
    return new AwsError('InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', { status: 400 });
  }
  const claim = claimOf(request);
  if (!claim) return signatureError(protocol, 'mismatch');
  const late = claim.presigned ? now > claim.date.getTime() + claim.expiresIn * 1000 : Math.abs(now - claim.date.getTime()) > ALLOWED_SKEW_MS;
  if (late) return expiredError(protocol, claim, now);
  const secretAccessKey = secretFor(claim.accessKeyId);
  if (secretAccessKey === undefined) return signatureError(protocol, 'unknown-key');
  const { SignatureV4 } = await loadSigner();
  const signer = new SignatureV4({
    credentials: { accessKeyId: claim.accessKeyId, secretAccessKey, ...(request.headers['x-amz-security-token'] ?? request.query.get('X-Amz-Security-Token') ? { sessionToken: request.headers['x-amz-security-token'] ?? request.query.get('X-Amz-Security-Token')! } : {}) },
    region: claim.region,
    service: claim.service,
    sha256: NodeSha256,
    uriEscapePath: claim.service !== 's3',
    applyChecksum: false,
  });
  const signable = httpRequestOf(request, claim);
  const options = { signingDate: claim.date, signableHeaders: new Set(claim.signedHeaders) };
  let expected: string | undefined;
  if (claim.presigned) {
    // A presigned URL signs no payload: the hash is UNSIGNED-PAYLOAD, given as a header the signer reads but neither hoists nor signs.
    signable.headers[PAYLOAD_HEADER] = String(request.query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD');
    const unsigned = new Set([PAYLOAD_HEADER]);
    const signed = await signer.presign(signable, { ...options, expiresIn: claim.expiresIn, unsignableHeaders: unsigned, unhoistableHeaders: unsigned });
    expected = String(signed.query?.['X-Amz-Signature'] ?? '');
  } else {
    const signed = await signer.sign(signable, options);
    expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ''))?.[1];
  }
  return expected !== undefined && same(expected, claim.signature) ? { accessKeyId: claim.accessKeyId, region: claim.region } : signatureError(protocol, 'mismatch');
}

function amzDate(time: number): string {
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function expiredError(protocol: Protocol, claim: Claim, now: number): AwsError {
  if (claim.presigned) return new AwsError('AccessDenied', 'Request has expired', { status: 403 });
  if (protocol === 'rest-xml') return new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', { status: 403 });
  const message = `Signature expired: ${amzDate(claim.date.getTime())} is now earlier than ${amzDate(now - ALLOWED_SKEW_MS)} (${amzDate(now)} - 15 min.)`;
  switch (protocol) {
    case 'query': return new AwsError('SignatureDoesNotMatch', message, { status: 403 });
    case 'rest-json': return new AwsError('InvalidSignatureException', message, { status: 403 });
    case 'json': return new AwsError('InvalidSignatureException', message, { status: 400 });
  }
}

function signatureError(protocol: Protocol, kind: 'unknown-key' | 'mismatch'): AwsError {
  if (kind === 'unknown-key') {
    switch (protocol) {
      case 'rest-xml': return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { status: 403 });
      case 'query': return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', { status: 403 });
      case 'rest-json': return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 403 });
      case 'json': return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 400 });
    }
  }
  const message = protocol === 'rest-xml'
    ? 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
    : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
  switch (protocol) {
    case 'rest-xml':
    case 'query': return new AwsError('SignatureDoesNotMatch', message, { status: 403 });
    case 'rest-json': return new AwsError('InvalidSignatureException', message, { status: 403 });
    case 'json': return new AwsError('InvalidSignatureException', message, { status: 400 });
  }
}

/** The headers that sign a GET or DELETE of one of the emulator's own routes, as its verifier checks them. */
export async function signedRouteHeaders(url: URL, method: string, credentials: { accessKeyId: string; secretAccessKey: string }, region: string): Promise<Record<string, string>> {
  const { SignatureV4 } = await loadSigner();
  const signer = new SignatureV4({ credentials, region, service: 'workshop', sha256: NodeSha256, uriEscapePath: true, applyChecksum: false });
  const query: Record<string, string> = Object.fromEntries(url.searchParams);
  const signed = await signer.sign({ method, protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), path: url.pathname, query, headers: { host: url.host } });
  return Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host').map(([name, value]) => [name, String(value)]));
}
