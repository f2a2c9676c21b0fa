/**
 * AWS Signature Version 4 in the browser, with WebCrypto: the resource explorer's actions sign
 * their calls as the SDK does, so they reach the emulator through the same door as every client.
 * On the learner's kit any secret is accepted (the access key id picks the account); an emulator
 * that verifies signatures (grading) refuses them, since no page knows its secrets.
 */

/** Who a call is signed as. */
export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request to sign: the headers the call will carry (names in lower case), Host excepted. */
export interface UnsignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sha256(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key: ArrayBuffer | Uint8Array<ArrayBuffer>, text: string): Promise<ArrayBuffer> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', imported, encoder.encode(text));
}

/** RFC 3986 escaping, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Services other than S3 sign the path escaped once more than it is sent. */
function canonicalPath(pathname: string): string {
  return pathname.split('/').map(escape).join('/') || '/';
}

function canonicalQuery(search: URLSearchParams): string {
  const pairs = [...search.entries()].map(([name, value]): [string, string] => [escape(name), escape(value)]);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return pairs.sort(([nameA, valueA], [nameB, valueB]) => order(nameA, nameB) || order(valueA, valueB)).map(([name, value]) => `${name}=${value}`).join('&');
}

/** The headers to send with `request`: its own, plus X-Amz-Date and the Authorization that signs them all and the Host. */
export async function signRequest(request: UnsignedRequest, key: SigningKey, region: string, service: string, now = new Date()): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, 'x-amz-date': amzDate };
  const signed = { ...headers, host: url.host };
  const names = Object.keys(signed).map((name) => name.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')]));
  const canonical = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.searchParams),
    names.map((name) => `${name}:${lower[name]}\n`).join(''),
    names.join(';'),
    await sha256(request.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256(canonical)].join('\n');
  let signingKey = await hmac(encoder.encode(`AWS4${key.secretAccessKey}`), day);
  for (const part of [region, service, 'aws4_request']) signingKey = await hmac(signingKey, part);
  const signature = hex(await hmac(signingKey, toSign));
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}
