/** The AWS JSON 1.0 and 1.1 protocols: `X-Amz-Target: Prefix.Operation` and a JSON body. */
import { AwsError, SerializationException, UnknownOperationException } from '../errors.ts';
import type { EmulatorResponse, ServiceDefinition } from '../types.ts';
import { isRawResult, parseJsonBody, toJsonBody, type Codec } from './codec.ts';

/** The codec for awsJson1_0 and awsJson1_1 services. */
export const jsonCodec: Codec = {
  decode(request, service) {
    const target = request.headers['x-amz-target'] ?? '';
    const operation = target.slice(target.indexOf('.') + 1);
    if (!target.includes('.') || !Object.hasOwn(service.operations, operation)) {
      throw new UnknownOperationException(operation || '(no X-Amz-Target)');
    }
    return { operation, input: parseJsonBody(request.body, (message) => new SerializationException(message)) };
  },

  encode(output, _operation, service, requestId): EmulatorResponse {
    const headers = { 'content-type': contentType(service), 'x-amzn-requestid': requestId };
    if (isRawResult(output)) {
      const body = typeof output.body === 'object' && !Buffer.isBuffer(output.body) ? toJsonBody(output.body) : (output.body ?? '{}');
      return { status: output.status ?? 200, headers: { ...headers, ...output.headers }, body };
    }
    return { status: 200, headers, body: toJsonBody(output) };
  },

  encodeError(error: AwsError, service, requestId): EmulatorResponse {
    const headers: Record<string, string> = {
      'content-type': contentType(service),
      'x-amzn-requestid': requestId,
      ...error.headers,
    };
    // Query-compatible services (SQS) let the SDK read the legacy code from this header.
    if (error.queryCode) headers['x-amzn-query-error'] = `${error.queryCode};${error.fault}`;
    const body = { __type: error.code, message: error.message, ...error.fields };
    return { status: error.status, headers, body: JSON.stringify(body) };
  },
};

function contentType(service: ServiceDefinition): string {
  return `application/x-amz-json-${service.jsonVersion ?? '1.1'}`;
}
