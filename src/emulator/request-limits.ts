/**
 * How large a request body each service takes, decided from the request line and headers alone
 * (before any of the body is read), and the answer that service gives when a body is larger.
 * The numbers are AWS's: DynamoDB 16 MB a request, Lambda 6 MB a synchronous and 1 MB an
 * asynchronous payload, 50 MB zipped code sent directly (70,167,211 bytes of request with the
 * base64), S3 5 GB a single PUT. Where AWS bounds the payload, not the request (SQS, EventBridge,
 * the query protocol), the cap is the largest valid payload written the most expensive way.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from './emulator.ts';
import { AwsError } from './errors.ts';
import { codecFor } from './protocols/index.ts';
import { matchRoute } from './protocols/rest-routes.ts';
import { RUNTIME_PREFIX } from './services/lambda/execution/runtime-api.ts';
import type { EmulatorRequest, EmulatorResponse, Protocol, ServiceDefinition } from './types.ts';

const MiB = 1024 * 1024;

/** DynamoDB: "The total request size exceeds 16 MB" (BatchWriteItem; every operation shares it). */
export const DYNAMODB_REQUEST_BYTES = 16 * MiB;

/** Lambda: a 50 MB zip sent directly, base64 in JSON, is at most this many bytes of request. */
export const LAMBDA_CODE_REQUEST_BYTES = 70_167_211;

/** S3: the largest object one PUT may upload (AWS: 5 GB). */
export const S3_SINGLE_PUT_BYTES = 5 * 1024 * MiB;

/**
 * What the emulator takes in one S3 upload: it holds object bodies in memory, so one upload
 * could otherwise take the whole emulator (a cohort's, in grading) down. LIMITATION: AWS's 5 GB.
 */
export const S3_EMULATED_PUT_BYTES = 512 * MiB;

/**
 * Services whose limit is on a payload inside the request: a 1 MiB SQS message (or batch) or a
 * 1 MB PutEvents request written with every byte escaped (`%XX` in a form, `\uXXXX` in JSON)
 * stays below this, so a larger body cannot be valid and the service's own checks answer the rest.
 */
export const ENCODED_PAYLOAD_BYTES = 8 * MiB;

/** What the body of one request may be, and what is answered when it is larger. */
export interface BodyLimit {
  bytes: number;
  /** The answer for a body of `size` bytes (`undefined` when only a count past the limit is known). */
  refuse(size: number | undefined): EmulatorResponse;
  /**
   * Keep the first `bytes + 1` bytes and hand the request on instead of refusing it: the Lambda
   * Runtime API answers an oversized function response itself, and the invocation must learn of it.
   */
  truncate?: boolean;
}

function generic(bytes: number): BodyLimit {
  return {
    bytes,
    refuse: () => ({
      status: 413,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ __type: 'RequestEntityTooLarge', message: `Request bodies larger than ${bytes} bytes are refused here; send less data in one request.` }),
    }),
  };
}

function serviceLimit(service: ServiceDefinition, protocol: Protocol, bytes: number, error: (size: number | undefined) => AwsError): BodyLimit {
  return { bytes, refuse: (size) => codecFor(protocol).encodeError(error(size), service, randomUUID()) };
}

function lambdaLimit(service: ServiceDefinition, head: EmulatorRequest, emulator: Emulator): BodyLimit {
  const operation = matchRoute(service.routes ?? [], head)?.route.operation;
  const { syncPayloadLimitBytes, asyncPayloadLimitBytes } = emulator.settings;
  const event = operation === 'InvokeAsync' || (operation === 'Invoke' && head.headers['x-amz-invocation-type'] === 'Event');
  if (operation === 'Invoke' || operation === 'InvokeAsync') {
    const bytes = event ? asyncPayloadLimitBytes : syncPayloadLimitBytes;
    // Lambda's own words for an oversized Invoke, as the Invoke operation says them once the body is read.
    const message = `Request must be smaller than ${bytes} bytes for the ${event ? 'InvokeAsync' : 'InvokeFunction'} operation`;
    return serviceLimit(service, 'rest-json', bytes, () => new AwsError('RequestTooLargeException', message, { status: 413 }));
  }
  const name = operation ?? 'requested';
  return serviceLimit(service, 'rest-json', LAMBDA_CODE_REQUEST_BYTES, () => new AwsError(
    'RequestEntityTooLargeException', `Request must be smaller than ${LAMBDA_CODE_REQUEST_BYTES} bytes for the ${name} operation`, { status: 413 },
  ));
}

function s3Limit(service: ServiceDefinition, head: EmulatorRequest): BodyLimit {
  const upload = head.method === 'PUT' || (head.method === 'POST' && (head.headers['content-type'] ?? '').startsWith('multipart/form-data'));
  // Other S3 bodies are XML documents (DeleteObjects, CompleteMultipartUpload, configurations).
  if (!upload) return generic(ENCODED_PAYLOAD_BYTES);
  return serviceLimit(service, 'rest-xml', S3_EMULATED_PUT_BYTES, (size) => {
    // Past AWS's own limit, AWS's answer; between the emulator's and AWS's, the same code with what to do.
    const overAws = size !== undefined && size > S3_SINGLE_PUT_BYTES;
    const max = overAws ? S3_SINGLE_PUT_BYTES : S3_EMULATED_PUT_BYTES;
    const message = overAws ? 'Your proposed upload exceeds the maximum allowed size' : `Your proposed upload exceeds the ${S3_EMULATED_PUT_BYTES / MiB} MB the emulator holds in memory for one upload (AWS allows 5 GB): upload large objects in parts`;
    return new AwsError('EntityTooLarge', message, { status: 400, fields: size === undefined ? { MaxSizeAllowed: max } : { ProposedSize: size, MaxSizeAllowed: max } });
  });
}

function protocolOf(service: ServiceDefinition, head: EmulatorRequest): Protocol {
  const form = (head.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return form && !head.headers['x-amz-target'] && service.alternateProtocols?.includes('query') ? 'query' : service.protocol;
}

/** The body limit of a request whose line and headers are known (`head.body` is empty). */
export function bodyLimitFor(head: EmulatorRequest, emulator: Emulator): BodyLimit {
  if (head.path.startsWith(RUNTIME_PREFIX)) {
    // Above anything the environment accepts, so its own "response too large" still applies.
    return { ...generic(emulator.settings.syncPayloadLimitBytes + MiB), truncate: true };
  }
  if (head.path.startsWith('/_')) return generic(ENCODED_PAYLOAD_BYTES);
  const service = emulator.route(head);
  if (!service) return generic(ENCODED_PAYLOAD_BYTES);
  switch (service.name) {
    case 'dynamodb':
      return serviceLimit(service, 'json', DYNAMODB_REQUEST_BYTES, (size) => new AwsError(
        'RequestEntityTooLarge', `Request size${size === undefined ? '' : ` ${size}`} exceeds the ${DYNAMODB_REQUEST_BYTES} bytes DynamoDB accepts in one request; split the work into smaller requests.`, { status: 413 },
      ));
    case 'lambda':
      return lambdaLimit(service, head, emulator);
    case 's3':
      return s3Limit(service, head);
    default: {
      const protocol = protocolOf(service, head);
      return serviceLimit(service, protocol, ENCODED_PAYLOAD_BYTES, () => new AwsError(
        'RequestEntityTooLarge', `Request bodies larger than ${ENCODED_PAYLOAD_BYTES} bytes are more than ${service.name} accepts; send less data in one request.`, { status: 413 },
      ));
    }
  }
}
