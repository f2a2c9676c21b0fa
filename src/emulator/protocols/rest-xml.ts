/** The REST-XML protocol (S3): operations bound to URI templates, XML bodies, `<Error>` answers. */
import { AwsError } from '../errors.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceDefinition } from '../types.ts';
import { isRawResult, type Codec, type DecodedRequest } from './codec.ts';
import { boundInputs, matchRoute } from './rest-routes.ts';
import { XML_DECLARATION, escapeXml, xmlChildren } from './xml.ts';

/**
 * What a REST-XML service may add to its definition. S3 picks operations by sub-resource query
 * parameters (`?uploads`, `?delete`, `?list-type=2`) and by bucket addressing in the Host header,
 * which URI templates cannot express, and names each answer's root element itself.
 */
export interface RestXmlHooks {
  /** Chooses the operation and decodes its input instead of the route table. */
  resolve?: (request: EmulatorRequest) => DecodedRequest;
  /** The root element of an operation's XML answer when it is not `<Operation>Result`. */
  xmlRoots?: Record<string, string>;
}

type XmlLibrary = typeof import('fast-xml-parser');
let xml: { validator: XmlLibrary['XMLValidator']; parser: InstanceType<XmlLibrary['XMLParser']> } | undefined;

/** Loads the XML parser (a REST-XML service's `prepare`): it is slow to load and only S3 needs it. */
export async function loadXmlParser(): Promise<void> {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  // Element text is kept as sent (S3 keys may start or end with spaces, or hold line breaks as
  // character references); whitespace between elements shows up as `#text` and is dropped.
  xml ??= { validator: XMLValidator, parser: new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, htmlEntities: true }) };
}

function dropLayoutText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropLayoutText);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([key]) => key !== '#text' && key !== '?xml');
  return Object.fromEntries(entries.map(([key, child]) => [key, dropLayoutText(child)]));
}

/** An element of a parsed body as a list: the parser gives one element as itself, several as an array, none (or an empty one) as '' or undefined. */
export function xmlList(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Parses an XML request body into plain objects (element text stays a string, exactly as sent). */
export function parseXmlBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  const malformed = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
  if (!xml) throw new Error('the XML parser is not loaded: the service needs prepare: loadXmlParser');
  if (xml.validator.validate(text) !== true) throw malformed();
  try {
    return dropLayoutText(xml.parser.parse(text)) as Record<string, unknown>;
  } catch {
    throw malformed();
  }
}

/** Writes an XML document with one root element, lists flattened as S3 writes them. */
export function xmlDocument(root: string, value: unknown, namespace = 'http://s3.amazonaws.com/doc/2006-03-01/'): string {
  return `${XML_DECLARATION}<${root} xmlns="${namespace}">${xmlChildren(value, 'flattened')}</${root}>`;
}

/** The codec for restXml services; S3 adds its own bucket addressing on top. */
export const restXmlCodec: Codec = {
  decode(request, service) {
    const { resolve } = service as ServiceDefinition & RestXmlHooks;
    if (resolve) return resolve(request);
    const match = matchRoute(service.routes ?? [], request);
    if (!match) throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', { status: 405 });
    const bound = boundInputs(match, request);
    const { payload } = match.route;
    return { operation: match.route.operation, input: payload ? { ...bound, [payload]: request.body } : bound };
  },

  encode(output, operation, service, requestId): EmulatorResponse {
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
    const route = service.routes?.find((candidate) => candidate.operation === operation);
    const root = (service as ServiceDefinition & RestXmlHooks).xmlRoots?.[operation] ?? `${operation}Result`;
    if (isRawResult(output)) {
      const { body } = output;
      const text = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : xmlDocument(root, body);
      if (body !== undefined && !Buffer.isBuffer(body)) headers['content-type'] = 'application/xml';
      return { status: output.status ?? route?.status ?? 200, headers: { ...headers, ...output.headers }, body: text };
    }
    if (output === undefined || output === null) return { status: route?.status ?? 200, headers, body: '' };
    headers['content-type'] = 'application/xml';
    return { status: route?.status ?? 200, headers, body: xmlDocument(root, output) };
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
