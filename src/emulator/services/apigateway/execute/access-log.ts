/**
 * A stage's access log: one line per request, in the stage's format with its `$context`
 * variables filled, written to the CloudWatch Logs group the stage names (which must exist, as
 * on AWS, where a missing group loses the lines silently), in a stream per API and stage.
 */
import type { Emulator } from '../../../emulator.ts';
import { isAwsError } from '../../../errors.ts';
import type { EmulatorRequest } from '../../../types.ts';
import type { Stage } from '../model.ts';

/** What one request's line is made of. */
export interface AccessRecord {
  request: EmulatorRequest;
  apiId: string;
  stage: Stage;
  requestId: string;
  time: Date;
  path: string;
  routeKey: string | undefined;
  status: number;
  responseLength: number;
  integrationError: string | undefined;
}

function variables(record: AccessRecord): Record<string, string> {
  const { request, time } = record;
  return {
    requestId: record.requestId,
    extendedRequestId: record.requestId,
    apiId: record.apiId,
    stage: record.stage.stageName,
    httpMethod: request.method,
    path: record.path,
    protocol: 'HTTP/1.1',
    routeKey: record.routeKey ?? '-',
    status: String(record.status),
    responseLength: String(record.responseLength),
    requestTime: time.toUTCString(),
    requestTimeEpoch: String(time.getTime()),
    'identity.sourceIp': (request.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    'identity.userAgent': request.headers['user-agent'] ?? '-',
    integrationErrorMessage: record.integrationError ?? '-',
    'error.message': record.status >= 400 && !record.integrationError ? `HTTP ${record.status}` : '-',
  };
}

/** The format with each `$context.<name>` replaced (an unknown variable is `-`, as AWS writes an empty one). */
export function formatLine(format: string, record: AccessRecord): string {
  const values = variables(record);
  return format.replace(/\$context\.([A-Za-z.]+[A-Za-z])/g, (_, name: string) => values[name] ?? '-');
}

/** Writes the request's line when the stage has an access log destination. */
export async function writeAccessLog(emulator: Emulator, scope: { account: string; region: string }, record: AccessRecord): Promise<void> {
  const settings = record.stage.accessLogSettings;
  const group = settings?.destinationArn ? /:log-group:([^:]+)/.exec(settings.destinationArn)?.[1] : undefined;
  if (!group || !settings?.format) return;
  const stream = `${record.apiId}_${record.stage.stageName.replace('$', '')}`;
  const put = () => emulator.call('logs', 'PutLogEvents', { logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: record.time.getTime(), message: formatLine(settings.format!, record) }] }, scope);
  try {
    await put();
  } catch (error) {
    if (!isAwsError(error) || error.code !== 'ResourceNotFoundException') throw error;
    try {
      await emulator.call('logs', 'CreateLogStream', { logGroupName: group, logStreamName: stream }, scope);
    } catch (created) {
      // No such group: AWS drops the line.
      if (isAwsError(created) && created.code === 'ResourceNotFoundException') return;
      if (!isAwsError(created) || created.code !== 'ResourceAlreadyExistsException') throw created;
    }
    await put();
  }
}
