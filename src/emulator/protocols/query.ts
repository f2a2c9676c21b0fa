/**
 * The AWS query protocol (STS, IAM, and SQS for older clients): form-encoded `Action=...` in,
 * XML `<OperationResponse><OperationResult>` out.
 */
import type { AwsError } from '../errors.ts';
import { InvalidAction, MissingParameter } from '../errors.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceDefinition } from '../types.ts';
import { isRawResult, type Codec } from './codec.ts';
import { XML_DECLARATION, escapeXml, xmlChildren } from './xml.ts';
import { dict } from '../dict.ts';

/** The form parameters of a query request, from the body (POST) or the URL (GET). */
export function queryParams(request: EmulatorRequest): URLSearchParams {
  if (request.method === 'GET') return request.query;
  const params = new URLSearchParams(request.body.toString('utf8'));
  for (const [key, value] of request.query) if (!params.has(key)) params.set(key, value);
  return params;
}

/** A list under construction: members by their 1-based index, however large or sparse. */
class Members {
  readonly byIndex = new Map<number, unknown>();
}

/**
 * Turns flattened keys into structure: `Tags.member.1.Key=a` becomes `{ Tags: [{ Key: 'a' }] }`
 * and `Attribute.2.Name=b` becomes `{ Attribute: [{ Name: 'b' }] }`, members kept in index order.
 * Records have no prototype, so a key like `__proto__` or `constructor` is just a key, and list
 * members are collected by index, so `Attribute.4294967295` never builds a sparse array.
 */
export function unflattenParams(params: URLSearchParams): Record<string, unknown> {
  const root = dict<unknown>();
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.').filter((part, index, all) => !((part === 'member' || part === 'entry') && /^\d+$/.test(all[index + 1] ?? '')));
    let node: Record<string, unknown> | Members = root;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      const last = index === parts.length - 1;
      const child: unknown = last ? value : /^\d+$/.test(parts[index + 1] ?? '') ? new Members() : dict<unknown>();
      if (node instanceof Members) {
        // A member index is a positive whole number; anything else is an ordinary key of no list.
        if (!/^\d+$/.test(part)) break;
        const slot = Number(part);
        if (last) node.byIndex.set(slot, child);
        else if (!node.byIndex.has(slot)) node.byIndex.set(slot, child);
        const next = node.byIndex.get(slot);
        if (last) break;
        if (!(next instanceof Members) && (typeof next !== 'object' || next === null)) break;
        node = next as Record<string, unknown> | Members;
      } else {
        if (last) {
          node[part] = value;
          break;
        }
        if (!Object.hasOwn(node, part) || typeof node[part] !== 'object' || node[part] === null) node[part] = child;
        node = node[part] as Record<string, unknown> | Members;
      }
    }
  }
  return compactLists(root) as Record<string, unknown>;
}

function compactLists(value: unknown): unknown {
  if (value instanceof Members) return [...value.byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => compactLists(item));
  if (typeof value === 'object' && value !== null) return dict(Object.entries(value).map(([key, child]) => [key, compactLists(child)] as const));
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
