/**
 * The AWS query protocol (STS, IAM, and SQS for older clients): form-encoded `Action=...` in,
 * XML `<OperationResponse><OperationResult>` out.
 */
import type { AwsError } from '../errors.ts';
import { InvalidAction, MissingParameter } from '../errors.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceDefinition } from '../types.ts';
import { isRawResult, type Codec } from './codec.ts';
import { XML_DECLARATION, escapeXml, xmlChildren } from './xml.ts';

/** The form parameters of a query request, from the body (POST) or the URL (GET). */
export function queryParams(request: EmulatorRequest): URLSearchParams {
  if (request.method === 'GET') return request.query;
  const params = new URLSearchParams(request.body.toString('utf8'));
  for (const [key, value] of request.query) if (!params.has(key)) params.set(key, value);
  return params;
}

/**
 * Turns flattened keys into structure: `Tags.member.1.Key=a` becomes `{ Tags: [{ Key: 'a' }] }`
 * and `Attribute.2.Name=b` becomes `{ Attribute: [, { Name: 'b' }] }`, compacted to a list.
 */
export function unflattenParams(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.').filter((part, index, all) => !((part === 'member' || part === 'entry') && /^\d+$/.test(all[index + 1] ?? '')));
    let node: any = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const slot = /^\d+$/.test(part) ? Number(part) - 1 : part;
      if (last) {
        node[slot] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[index + 1] ?? '');
      node[slot] ??= nextIsIndex ? [] : {};
      node = node[slot];
    });
  }
  return compactLists(root) as Record<string, unknown>;
}

function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactLists);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, compactLists(child)]));
  }
  return value;
}

/** The codec for awsQuery services. */
export const queryCodec: Codec = {
  decode(request, service) {
    const params = queryParams(request);
    const action = params.get('Action');
    if (!action) throw new MissingParameter('Action');
    if (!Object.hasOwn(service.operations, action)) throw new InvalidAction(action);
    return { operation: action, input: unflattenParams(params) };
  },

  encode(output, operation, service, requestId): EmulatorResponse {
    const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
    if (isRawResult(output)) {
      return { status: output.status ?? 200, headers: { ...headers, ...output.headers }, body: String(output.body ?? '') };
    }
    const result = output === undefined || output === null ? '' : `<${operation}Result>${xmlChildren(output, service.xmlListStyle)}</${operation}Result>`;
    const body =
      `${XML_DECLARATION}<${operation}Response xmlns="${service.xmlNamespace ?? ''}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
    return { status: 200, headers, body };
  },

  encodeError(error: AwsError, service: ServiceDefinition, requestId): EmulatorResponse {
    const body =
      `${XML_DECLARATION}<ErrorResponse xmlns="${service.xmlNamespace ?? ''}"><Error><Type>${error.fault}</Type>` +
      `<Code>${escapeXml(error.queryCode ?? error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...error.headers }, body };
  },
};
