/** Test helpers for function URLs: plain HTTP requests that name the URL by Host, signed or not, as a client sends them. */
import { SignatureV4 } from '@smithy/signature-v4';
import { request as httpRequest } from 'node:http';
import { NodeSha256 } from '../../src/emulator/signature.ts';

/** An HTTP answer, with the body as text and, when it parses, as JSON. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** Options of {@link callUrl}. */
export interface CallOptions {
  method?: string;
  /** Path and query after the host, like `/orders?size=L`. */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Signs the request with SigV4 for `service` (default `lambda`) with these credentials. */
  sign?: { accessKeyId: string; secretAccessKey: string; service?: string };
}

/** Sends a request to the emulator at `emulatorUrl` for the function URL `functionUrl` (its host is sent as the Host header). */
export async function callUrl(emulatorUrl: string, functionUrl: string, options: CallOptions = {}): Promise<Answer> {
  const target = new URL(functionUrl);
  const [pathname, search = ''] = (options.path ?? '/').split('?');
  const method = options.method ?? 'GET';
  let headers: Record<string, string> = { ...options.headers, host: target.host };
  if (options.sign) {
    const { service = 'lambda', ...credentials } = options.sign;
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false });
    const signed = await signer.sign({
      method, protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: pathname!, query: Object.fromEntries(new URLSearchParams(search)),
      headers, ...(options.body !== undefined ? { body: options.body } : {}),
    });
    headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, String(value)]));
  }
  const local = new URL(emulatorUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: local.hostname, port: local.port, method, path: options.path ?? '/', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
