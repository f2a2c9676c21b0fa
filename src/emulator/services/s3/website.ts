/**
 * The static website endpoint of buckets with a website configuration, reached as
 * `<bucket>.s3-website.localhost.localstack.cloud:4566` (LocalStack's name),
 * `<bucket>.s3-website-<region>.amazonaws.com` / `<bucket>.s3-website.<region>.amazonaws.com`
 * (AWS's, with --allow-host), or offline at `/_aws/s3-website/<bucket>/`. As on AWS, it is anonymous
 * (signatures are ignored; only what the bucket policy allows everyone to s3:GetObject is served),
 * answers GET and HEAD only, serves the index document for `/` and `folder/`, redirects `folder` to
 * `folder/`, applies routing rules, and answers errors as HTML pages (or the error document).
 * Nothing here changes state, so a browser page may navigate to it.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { ANONYMOUS, policyDecision } from '../../policy/resource-policy.ts';
import { safeDecode } from '../../protocols/rest-routes.ts';
import type { EmulatorRequest, EmulatorResponse, FrontDoor } from '../../types.ts';
import type { BucketRegistry } from './context.ts';
import { bucketArn, type Bucket, type S3Object } from './model.ts';
import { objectHeaders } from './object-headers.ts';

/** The path prefix of the website endpoint that works without host names. */
export const WEBSITE_PATH = '/_aws/s3-website/';

const WEBSITE_HOSTS = [/^(.+)\.s3-website\.localhost\.localstack\.cloud$/, /^(.+)\.s3-website[.-][a-z0-9-]+\.amazonaws\.com$/];

/** The bucket and key a website request names, and the path its links are relative to; undefined when it is not one. */
export function websiteAddress(request: EmulatorRequest): { bucket: string; key: string; root: string } | undefined {
  const host = (request.headers.host ?? '').trim().toLowerCase().replace(/:\d+$/, '');
  for (const pattern of WEBSITE_HOSTS) {
    const found = pattern.exec(host);
    if (found) return { bucket: found[1]!, key: safeDecode(request.path.slice(1)), root: '/' };
  }
  if (!request.path.startsWith(WEBSITE_PATH)) return undefined;
  const rest = request.path.slice(WEBSITE_PATH.length);
  const slash = rest.indexOf('/');
  const bucket = safeDecode(slash < 0 ? rest : rest.slice(0, slash));
  if (bucket === '') return undefined;
  return { bucket, key: slash < 0 ? '' : safeDecode(rest.slice(slash + 1)), root: `${WEBSITE_PATH}${encodeURIComponent(bucket)}/` };
}

const TITLES: Record<number, string> = { 403: '403 Forbidden', 404: '404 Not Found', 405: '405 Method Not Allowed' };

interface Failure {
  status: number;
  code: string;
  message: string;
  detail?: Record<string, string>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** AWS's HTML error page of a website endpoint. */
function errorPage(failure: Failure, head: boolean, requestId: string): EmulatorResponse {
  const title = TITLES[failure.status] ?? String(failure.status);
  const items = { Code: failure.code, Message: failure.message, ...failure.detail, RequestId: requestId, HostId: requestId };
  const list = Object.entries(items).map(([name, value]) => `<li>${name}: ${escapeHtml(value)}</li>`).join('\n');
  const body = `<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<ul>\n${list}\n</ul>\n<hr/>\n</body>\n</html>\n`;
  return { status: failure.status, headers: { 'content-type': 'text/html; charset=utf-8', 'x-amz-request-id': requestId }, body: head ? '' : body };
}

function readable(bucket: Bucket, key: string): boolean {
  // Website endpoints speak plain HTTP only, so aws:SecureTransport is false here, as on AWS.
  const request = { principal: ANONYMOUS, action: 's3:GetObject', resource: `${bucketArn(bucket.name)}/${key}`, keys: { 'aws:securetransport': 'false' } };
  return bucket.policy !== undefined && policyDecision(bucket.policy, request) === 'Allow';
}

function objectAnswer(object: S3Object, status: number, head: boolean, requestId: string): EmulatorResponse {
  const headers = { ...objectHeaders(object), 'content-length': String(object.size), 'x-amz-request-id': requestId };
  return { status, headers, body: head ? Buffer.alloc(0) : object.body };
}

function redirect(location: string, status = 301): EmulatorResponse {
  return { status, headers: { location, 'content-length': '0' }, body: '' };
}

/** The routing rule's redirect for `key` (and the error about to be answered, if any). */
function routed(bucket: Bucket, key: string, root: string, host: string, errorStatus?: number): EmulatorResponse | undefined {
  for (const rule of bucket.website?.RoutingRules ?? []) {
    const { KeyPrefixEquals: prefix, HttpErrorCodeReturnedEquals: code } = rule.Condition ?? {};
    if (prefix !== undefined && !key.startsWith(prefix)) continue;
    if (code !== undefined ? String(errorStatus) !== code : errorStatus !== undefined) continue;
    const { Protocol: protocol, HostName: hostName, ReplaceKeyPrefixWith: replacePrefix, ReplaceKeyWith: replaceKey, HttpRedirectCode: status } = rule.Redirect;
    const target = replaceKey ?? (replacePrefix !== undefined ? replacePrefix + key.slice((prefix ?? '').length) : key);
    const origin = hostName !== undefined ? `${protocol ?? 'http'}://${hostName}/` : `${protocol ?? 'http'}://${host}${root}`;
    return redirect(`${origin}${target}`, Number(status ?? 301));
  }
  return undefined;
}

/** Answers one website request: anonymous, read-only. */
function serve(emulator: Emulator, registry: BucketRegistry, request: EmulatorRequest): EmulatorResponse {
  const requestId = randomUUID();
  const head = request.method === 'HEAD';
  const address = websiteAddress(request)!;
  const fail = (failure: Failure) => errorPage(failure, head, requestId);
  if (request.method !== 'GET' && !head) return fail({ status: 405, code: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.', detail: { Method: request.method, ResourceType: 'OBJECT' } });
  const owner = registry.ownerOf(emulator, address.bucket);
  const bucket = owner === undefined ? undefined : registry.stateOf(emulator, owner)?.buckets.get(address.bucket);
  if (!bucket) return fail({ status: 404, code: 'NoSuchBucket', message: 'The specified bucket does not exist', detail: { BucketName: address.bucket } });
  const website = bucket.website;
  if (!website) return fail({ status: 404, code: 'NoSuchWebsiteConfiguration', message: 'The specified bucket does not have a website configuration', detail: { BucketName: bucket.name } });
  const host = request.headers.host ?? '127.0.0.1';
  if (website.RedirectAllRequestsTo) {
    const { HostName: hostName, Protocol: protocol } = website.RedirectAllRequestsTo;
    return redirect(`${protocol ?? 'http'}://${hostName}/${address.key}`);
  }
  const early = routed(bucket, address.key, address.root, host);
  if (early) return early;
  const suffix = website.IndexDocument?.Suffix ?? 'index.html';
  const key = address.key === '' || address.key.endsWith('/') ? `${address.key}${suffix}` : address.key;
  const errorWith = (failure: Failure): EmulatorResponse => {
    const rerouted = routed(bucket, address.key, address.root, host, failure.status);
    if (rerouted) return rerouted;
    const documentKey = website.ErrorDocument?.Key;
    const document = documentKey === undefined ? undefined : bucket.objects.get(documentKey);
    if (document && readable(bucket, document.key)) return objectAnswer(document, failure.status, head, requestId);
    return fail(failure);
  };
  if (!readable(bucket, key)) return errorWith({ status: 403, code: 'AccessDenied', message: 'Access Denied' });
  const object = bucket.objects.get(key);
  if (object) return objectAnswer(object, 200, head, requestId);
  // `folder` without its slash: S3 redirects to `folder/` when that folder has an index document.
  if (!address.key.endsWith('/') && address.key !== '' && bucket.objects.has(`${address.key}/${suffix}`)) return redirect(`${address.root}${address.key}/`, 302);
  return errorWith({ status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.', detail: { Key: key } });
}

/** The website endpoint as a front door of the emulator: page navigations may reach it, since it only reads what is public. */
export function websiteDoor(emulator: Emulator, registry: BucketRegistry): FrontDoor {
  return {
    serves: (request) => websiteAddress(request) !== undefined,
    opensTo: (request) => request.method === 'GET' || request.method === 'HEAD',
    handle: async (request) => serve(emulator, registry, request),
  };
}
