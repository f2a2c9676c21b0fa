/**
 * Conformance with clients other than the JavaScript SDK: the AWS CLI and Python's boto3, both
 * built on botocore, against an in-process emulator. Each group is skipped, with a warning that
 * says why, when its client is not installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);

const { hasAws, hasBoto3 } = await realClients('cli-conformance');

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('real clients against the emulator', () => {
  const emulator = useEmulator();

  /** Runs `aws --endpoint-url <emulator> ...args --output json`; never throws on a non-zero exit. */
  async function aws(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  const json = (result: CliResult): any => {
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  describe.skipIf(!hasAws)('the AWS CLI', () => {
    it('speaks STS and IAM, with AWS exit codes and error codes', async () => {
      // Independent calls run together: each CLI start costs about a second.
      const [identity, created] = await Promise.all([
        aws('sts', 'get-caller-identity'),
        aws('iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', TRUST),
      ]);
      expect(json(identity)).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
      expect(json(created).Role).toMatchObject({ RoleName: 'cli-role', Arn: 'arn:aws:iam::000000000000:role/cli-role' });

      const [got, listed, missing] = await Promise.all([
        aws('iam', 'get-role', '--role-name', 'cli-role'),
        aws('iam', 'list-roles'),
        aws('iam', 'get-role', '--role-name', 'no-such-role'),
      ]);
      expect(json(got).Role.AssumeRolePolicyDocument).toEqual(JSON.parse(TRUST));
      expect(json(listed).Roles.map((role: { RoleName: string }) => role.RoleName)).toContain('cli-role');
      // CLI v1 exits 255 and v2 exits 254 for a service error.
      expect([254, 255]).toContain(missing.code);
      expect(missing.stderr).toContain('NoSuchEntity');
      expect(missing.stderr).toContain('GetRole');
    });

    it('speaks CloudWatch Logs', async () => {
      const now = Date.now();
      expect((await aws('logs', 'create-log-group', '--log-group-name', '/cli/orders')).code).toBe(0);
      expect((await aws('logs', 'create-log-stream', '--log-group-name', '/cli/orders', '--log-stream-name', 'web')).code).toBe(0);
      const logEvents = JSON.stringify([
        { timestamp: now - 2, message: 'order 1 placed' },
        { timestamp: now - 1, message: 'ERROR order 2 declined' },
      ]);
      const put = json(await aws('logs', 'put-log-events', '--log-group-name', '/cli/orders', '--log-stream-name', 'web', '--log-events', logEvents));
      expect(put.nextSequenceToken).toMatch(/^\d+$/);
      const [read, filtered] = await Promise.all([
        aws('logs', 'get-log-events', '--log-group-name', '/cli/orders', '--log-stream-name', 'web', '--start-from-head'),
        aws('logs', 'filter-log-events', '--log-group-name', '/cli/orders', '--filter-pattern', 'ERROR'),
      ]);
      expect(json(read).events.map((event: { message: string }) => event.message)).toEqual(['order 1 placed', 'ERROR order 2 declined']);
      expect(json(filtered).events).toEqual([expect.objectContaining({ logStreamName: 'web', message: 'ERROR order 2 declined', timestamp: now - 1 })]);
    });
  });

  describe.skipIf(!hasAws)('the AWS CLI with EventBridge and SQS', () => {
    it('routes an event from put-events through a rule to a queue', async () => {
      const queue = json(await aws('sqs', 'create-queue', '--queue-name', 'cli-orders'));
      const attributes = json(await aws('sqs', 'get-queue-attributes', '--queue-url', queue.QueueUrl, '--attribute-names', 'QueueArn'));
      const rule = json(await aws('events', 'put-rule', '--name', 'cli-orders', '--event-pattern', JSON.stringify({ source: ['shop.orders'] })));
      expect(rule.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/cli-orders');
      // Without this queue policy EventBridge does not send to the queue, as on AWS.
      const policy = { Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: attributes.Attributes.QueueArn, Condition: { ArnEquals: { 'aws:SourceArn': rule.RuleArn } } }] };
      expect((await aws('sqs', 'set-queue-attributes', '--queue-url', queue.QueueUrl, '--attributes', JSON.stringify({ Policy: JSON.stringify(policy) }))).code).toBe(0);
      const targets = json(await aws('events', 'put-targets', '--rule', 'cli-orders', '--targets', JSON.stringify([{ Id: 'q', Arn: attributes.Attributes.QueueArn }])));
      expect(targets.FailedEntryCount).toBe(0);
      const entries = JSON.stringify([{ Source: 'shop.orders', DetailType: 'Order Placed', Detail: '{"orderId":"cli-1"}' }]);
      const sent = json(await aws('events', 'put-events', '--entries', entries));
      expect(sent.FailedEntryCount).toBe(0);
      const received = json(await aws('sqs', 'receive-message', '--queue-url', queue.QueueUrl, '--wait-time-seconds', '5'));
      expect(JSON.parse(received.Messages[0].Body)).toMatchObject({ id: sent.Entries[0].EventId, detail: { orderId: 'cli-1' } });
      const bad = await aws('events', 'put-rule', '--name', 'cli-bad', '--event-pattern', '{"source": "not-a-list"}');
      expect([254, 255]).toContain(bad.code);
      expect(bad.stderr).toContain('InvalidEventPatternException');
    });
  });

  describe.skipIf(!hasBoto3)('boto3', () => {
    const SCRIPT = String.raw`
import json, sys, time, boto3
from botocore.exceptions import ClientError
url = sys.argv[1]
def client(name, key="test"):
    return boto3.client(name, endpoint_url=url, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key="test")
out = {}
out["account"] = client("sts", "123456789012").get_caller_identity()["Account"]
iam = client("iam")
iam.create_role(RoleName="py-role", AssumeRolePolicyDocument=sys.argv[2])
out["role_arn"] = iam.get_role(RoleName="py-role")["Role"]["Arn"]
out["roles"] = [role["RoleName"] for role in iam.list_roles()["Roles"]]
try:
    iam.get_role(RoleName="missing")
except ClientError as error:
    out["missing"] = [error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]]
logs = client("logs")
logs.create_log_group(logGroupName="/py/orders")
logs.create_log_stream(logGroupName="/py/orders", logStreamName="s")
now = int(time.time() * 1000)
logs.put_log_events(logGroupName="/py/orders", logStreamName="s", logEvents=[{"timestamp": now, "message": '{"level":"ERROR","ms":900}'}, {"timestamp": now + 1, "message": '{"level":"INFO","ms":5}'}])
out["read"] = [event["message"] for event in logs.get_log_events(logGroupName="/py/orders", logStreamName="s", startFromHead=True)["events"]]
pages = logs.get_paginator("filter_log_events").paginate(logGroupName="/py/orders", filterPattern="{ $.ms > 100 }")
out["filtered"] = [event["message"] for page in pages for event in page["events"]]
try:
    logs.create_log_group(logGroupName="/py/orders")
except ClientError as error:
    out["duplicate"] = [error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

    it('drives STS, IAM and CloudWatch Logs', async () => {
      const { stdout } = await run('python3', ['-c', SCRIPT, emulator.running.url, TRUST], { timeout: 30_000, env: clientEnv() });
      expect(JSON.parse(stdout)).toEqual({
        account: '123456789012',
        role_arn: 'arn:aws:iam::000000000000:role/py-role',
        roles: expect.arrayContaining(['py-role']),
        missing: ['NoSuchEntity', 404],
        read: ['{"level":"ERROR","ms":900}', '{"level":"INFO","ms":5}'],
        filtered: ['{"level":"ERROR","ms":900}'],
        duplicate: ['ResourceAlreadyExistsException', 400],
      });
    });
  });
});
