/** The REST-XML protocol (S3): operations bound to URI templates, XML bodies, `<Error>` answers. */
import { XMLParser } from 'fast-xml-parser';
import { AwsError } from '../errors.ts';
import type { EmulatorResponse } from '../types.ts';
import { isRawResult, type Codec } from './codec.ts';
import { boundInputs, matchRoute } from './rest-routes.ts';
import { XML_DECLARATION, escapeXml, xmlChildren } from './xml.ts';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** Parses an XML request body into plain objects (element text stays a string). */
export function parseXmlBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    return parser.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
  }
}

/** Writes an XML document with one root element, lists flattened as S3 writes them. */
export function xmlDocument(root: string, value: unknown, namespace = 'http://s3.amazonaws.com/doc/2006-03-01/'): string {
  return `${XML_DECLARATION}<${root} xmlns="${namespace}">${xmlChildren(value, 'flattened')}</${root}>`;
}

/** The codec for restXml services; S3 adds its own bucket addressing on top. */
export const restXmlCodec: Codec = {
  decode(request, service) {
    const match = matchRoute(service.routes ?? [], request);
    if (!match) throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', { status: 405 });
    const bound = boundInputs(match, request);
    const { payload } = match.route;
    return { operation: match.route.operation, input: payload ? { ...bound, [payload]: request.body } : bound };
  },

  encode(output, operation, service, requestId): EmulatorResponse {
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
    const route = service.routes?.find((candidate) => candidate.operation === operation);
    if (isRawResult(output)) {
      const { body } = output;
      const text = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : xmlDocument(`${operation}Result`, body);
      if (body !== undefined && !Buffer.isBuffer(body)) headers['content-type'] = 'application/xml';
      return { status: output.status ?? route?.status ?? 200, headers: { ...headers, ...output.headers }, body: text };
    }
    if (output === undefined || output === null) return { status: route?.status ?? 200, headers, body: '' };
    headers['content-type'] = 'application/xml';
    return { status: route?.status ?? 200, headers, body: xmlDocument(`${operation}Result`, output) };
  },

  encodeError(error, _service, requestId): EmulatorResponse {
    const extra = Object.entries(error.fields).map(([key, value]) => `<${key}>${escapeXml(String(value))}</${key}>`).join('');
    const body =
      `${XML_DECLARATION}<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
      `${extra}<RequestId>${requestId}</RequestId></Error>`;
    return {
      status: error.status,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, ...error.headers },
      body,
    };
  },
};
