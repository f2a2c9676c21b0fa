/** The REST-JSON protocol (Lambda): operations bound to URI templates, JSON bodies. */
import { AwsError, SerializationException } from '../errors.ts';
import type { EmulatorResponse } from '../types.ts';
import { isRawResult, parseJsonBody, toJsonBody, type Codec } from './codec.ts';
import { boundInputs, matchRoute } from './rest-routes.ts';

/** An unknown path or method on a REST-JSON service. */
export class UnknownRestOperation extends AwsError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', `No operation matches ${method} ${path}`, { status: 404 });
  }
}

/** The codec for restJson1 services. */
export const restJsonCodec: Codec = {
  decode(request, service) {
    const match = matchRoute(service.routes ?? [], request);
    if (!match) throw new UnknownRestOperation(request.method, request.path);
    const bound = boundInputs(match, request);
    const { payload } = match.route;
    if (payload) return { operation: match.route.operation, input: { ...bound, [payload]: request.body } };
    const body = parseJsonBody(request.body, (message) => new SerializationException(message));
    return { operation: match.route.operation, input: { ...body, ...bound } };
  },

  encode(output, operation, service, requestId): EmulatorResponse {
    const route = service.routes?.find((candidate) => candidate.operation === operation);
    const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
    if (isRawResult(output)) {
      const { body } = output;
      const text = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : toJsonBody(body);
      return { status: output.status ?? route?.status ?? 200, headers: { ...headers, ...output.headers }, body: text };
    }
    const status = route?.status ?? 200;
    return { status, headers, body: status === 204 ? '' : toJsonBody(output) };
  },

  encodeError(error, _service, requestId): EmulatorResponse {
    const headers = {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
      ...error.headers,
    };
    const body = { Type: error.fault === 'Sender' ? 'User' : 'Service', message: error.message, ...error.fields };
    return { status: error.status, headers, body: JSON.stringify(body) };
  },
};
