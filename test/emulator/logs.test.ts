import {
  CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DeleteLogStreamCommand, DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, ListTagsForResourceCommand,
  ListTagsLogGroupCommand, PutLogEventsCommand, PutRetentionPolicyCommand, TagLogGroupCommand, TagResourceCommand, UntagLogGroupCommand, UntagResourceCommand,
  type CloudWatchLogsClient, type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rejects with an AWS error of this name and HTTP status (and message, when given). */
async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as { name: string; message: string; $metadata: { httpStatusCode?: number } },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error!.name).toBe(name);
  expect(error!.$metadata.httpStatusCode).toBe(400);
  if (message instanceof RegExp) expect(error!.message).toMatch(message);
  else if (message !== undefined) expect(error!.message).toBe(message);
}

async function groupWithStream(logs: CloudWatchLogsClient, group: string, stream: string): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
}

function events(count: number, start: number, text = (index: number) => `line ${index}`): InputLogEvent[] {
  return Array.from({ length: count }, (_, index) => ({ timestamp: start + index, message: text(index) }));
}

describe('CloudWatch Logs through the real SDK', () => {
  const emulator = useEmulator();
  const logs = () => emulator.clients.logs;

  it('creates, describes, pages and deletes log groups', async () => {
    const before = Date.now();
    for (const name of ['/shop/orders', '/shop/payments', '/shop/api', '/other/x']) await logs().send(new CreateLogGroupCommand({ logGroupName: name }));
    const all = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop/' }));
    expect(all.logGroups?.map((group) => group.logGroupName)).toEqual(['/shop/api', '/shop/orders', '/shop/payments']);
    const orders = all.logGroups![1]!;
    expect(orders).toMatchObject({ arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/shop/orders:*', storedBytes: 0, metricFilterCount: 0 });
    expect(orders.creationTime).toBeGreaterThanOrEqual(before);
    expect(orders.retentionInDays).toBeUndefined();

    const first = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop/', limit: 2 }));
    expect(first.logGroups?.map((group) => group.logGroupName)).toEqual(['/shop/api', '/shop/orders']);
    expect(first.nextToken).toBeTruthy();
    const second = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop/', limit: 2, nextToken: first.nextToken }));
    expect(second.logGroups?.map((group) => group.logGroupName)).toEqual(['/shop/payments']);
    expect(second.nextToken).toBeUndefined();

    const byPattern = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'pay' }));
    expect(byPattern.logGroups).toEqual([{ logGroupName: '/shop/payments', creationTime: expect.any(Number), arn: expect.stringContaining(':log-group:/shop/payments') }]);
    await expectError(logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop', logGroupNamePattern: 'pay' })), 'InvalidParameterException');
    await expectError(logs().send(new DescribeLogGroupsCommand({ limit: 51 })), 'InvalidParameterException', /limit/);
    await expectError(logs().send(new DescribeLogGroupsCommand({ nextToken: 'not-a-token' })), 'InvalidParameterException');

    await logs().send(new DeleteLogGroupCommand({ logGroupName: '/other/x' }));
    await expectError(logs().send(new DeleteLogGroupCommand({ logGroupName: '/other/x' })), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });

  it('answers AWS errors for duplicate and badly named groups', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'twice' }));
    await expectError(logs().send(new CreateLogGroupCommand({ logGroupName: 'twice' })), 'ResourceAlreadyExistsException', 'The specified log group already exists');
    await expectError(logs().send(new CreateLogGroupCommand({ logGroupName: 'has space' })), 'InvalidParameterException', /regular expression pattern/);
    await expectError(logs().send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) })), 'InvalidParameterException', /length less than or equal to 512/);
    await expectError(logs().send(new CreateLogGroupCommand({ logGroupName: 'aws/mine' })), 'InvalidParameterException');
  });

  it('sets and removes a retention policy', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: 'kept', retentionInDays: 14 }));
    const described = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'kept' }));
    expect(described.logGroups?.[0]?.retentionInDays).toBe(14);
    await expectError(logs().send(new PutRetentionPolicyCommand({ logGroupName: 'kept', retentionInDays: 2 })), 'InvalidParameterException', /retentionInDays/);
    await logs().send(new DeleteRetentionPolicyCommand({ logGroupName: 'kept' }));
    const after = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'kept' }));
    expect(after.logGroups?.[0]?.retentionInDays).toBeUndefined();
    await expectError(logs().send(new PutRetentionPolicyCommand({ logGroupName: 'gone', retentionInDays: 1 })), 'ResourceNotFoundException');
  });

  it('creates, orders, pages and deletes log streams', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'streams' }));
    const now = Date.now();
    for (const [name, offset] of [['b', 3], ['a', 1], ['c', 2]] as const) {
      await logs().send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: name }));
      await logs().send(new PutLogEventsCommand({ logGroupName: 'streams', logStreamName: name, logEvents: [{ timestamp: now - 10_000 + offset, message: name }] }));
    }
    await logs().send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: 'empty' }));
    await expectError(logs().send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: 'a' })), 'ResourceAlreadyExistsException', 'The specified log stream already exists');
    await expectError(logs().send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 'a' })), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await expectError(logs().send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: 'bad:name' })), 'InvalidParameterException');

    const byName = await logs().send(new DescribeLogStreamsCommand({ logGroupName: 'streams' }));
    expect(byName.logStreams?.map((stream) => stream.logStreamName)).toEqual(['a', 'b', 'c', 'empty']);
    const a = byName.logStreams![0]!;
    expect(a).toMatchObject({ firstEventTimestamp: now - 9_999, lastEventTimestamp: now - 9_999, arn: 'arn:aws:logs:us-east-1:000000000000:log-group:streams:log-stream:a' });
    expect(a.lastIngestionTime).toBeGreaterThanOrEqual(now);
    expect(a.uploadSequenceToken).toMatch(/^\d+$/);
    expect(byName.logStreams![3]!.firstEventTimestamp).toBeUndefined();

    const byTime = await logs().send(new DescribeLogStreamsCommand({ logGroupName: 'streams', orderBy: 'LastEventTime', descending: true }));
    expect(byTime.logStreams?.map((stream) => stream.logStreamName)).toEqual(['b', 'c', 'a', 'empty']);
    const prefixed = await logs().send(new DescribeLogStreamsCommand({ logGroupName: 'streams', logStreamNamePrefix: 'e' }));
    expect(prefixed.logStreams?.map((stream) => stream.logStreamName)).toEqual(['empty']);
    await expectError(
      logs().send(new DescribeLogStreamsCommand({ logGroupName: 'streams', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })),
      'InvalidParameterException',
    );

    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs().send(new DescribeLogStreamsCommand({ logGroupName: 'streams', limit: 3, descending: true, nextToken }));
      pages.push(page.logStreams!.map((stream) => stream.logStreamName!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(pages).toEqual([['empty', 'c', 'b'], ['a']]);

    // AWS takes the ARN without the ':*' that DescribeLogGroups shows: the model's pattern has no '*'.
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:streams';
    await expectError(logs().send(new DescribeLogStreamsCommand({ logGroupIdentifier: `${arn}:*` })), 'InvalidParameterException',
      `1 validation error detected: Value '${arn}:*' at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*`);
    const viaArn = await logs().send(new DescribeLogStreamsCommand({ logGroupIdentifier: arn, logStreamNamePrefix: 'a' }));
    expect(viaArn.logStreams?.map((stream) => stream.logStreamName)).toEqual(['a']);
    // AWS answers ValidationException here, not InvalidParameterException.
    await expectError(logs().send(new DescribeLogStreamsCommand({ logGroupName: 'streams', logGroupIdentifier: arn })), 'ValidationException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    await expectError(logs().send(new DescribeLogStreamsCommand({ logGroupName: 'nope' })), 'ResourceNotFoundException');

    await logs().send(new DeleteLogStreamCommand({ logGroupName: 'streams', logStreamName: 'a' }));
    await expectError(logs().send(new DeleteLogStreamCommand({ logGroupName: 'streams', logStreamName: 'a' })), 'ResourceNotFoundException', 'The specified log stream does not exist.');
  });

  it('puts events with AWS batch rules', async () => {
    await groupWithStream(logs(), 'put', 's');
    const now = Date.now();
    const put = (logEvents: InputLogEvent[], logStreamName = 's', logGroupName = 'put') =>
      logs().send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }));

    const first = await put(events(3, now - 1000));
    expect(first.nextSequenceToken).toMatch(/^\d+$/);
    expect(first.rejectedLogEventsInfo).toBeUndefined();
    // Sequence tokens are ignored, as AWS now does: a stale one is accepted.
    const second = await logs().send(new PutLogEventsCommand({ logGroupName: 'put', logStreamName: 's', logEvents: events(1, now), sequenceToken: '1' }));
    expect(second.nextSequenceToken).not.toBe(first.nextSequenceToken);

    await expectError(put(events(1, now), 's', 'nope'), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await expectError(put(events(1, now), 'nope'), 'ResourceNotFoundException', 'The specified log stream does not exist.');
    await expectError(
      put([{ timestamp: now, message: 'later' }, { timestamp: now - 1, message: 'earlier' }]),
      'InvalidParameterException',
      'Log events in a single PutLogEvents request must be in chronological order.',
    );
    await expectError(put(events(10_001, now - 20_000)), 'InvalidParameterException', /length less than or equal to 10000/);
    await expectError(put([{ timestamp: now, message: 'x'.repeat(600_000) }, { timestamp: now, message: 'y'.repeat(600_000) }]), 'InvalidParameterException', 'Upload too large: 1200052 bytes exceeds limit of 1048576');
    // 1,048,576 bytes counting 26 per event is exactly allowed.
    const exact = await put([{ timestamp: now, message: 'x'.repeat(1_048_576 - 52 - 10) }, { timestamp: now, message: 'y'.repeat(10) }]);
    expect(exact.rejectedLogEventsInfo).toBeUndefined();
    await expectError(put([{ timestamp: now, message: '' }]), 'InvalidParameterException');
    await expectError(put([{ timestamp: now - 2 * DAY, message: 'a' }, { timestamp: now, message: 'b' }]), 'InvalidParameterException', /cannot span more than 24 hours/);

    const mixed = await put([
      { timestamp: now - 15 * DAY, message: 'too old' },
      { timestamp: now - 1, message: 'kept' },
      { timestamp: now + 3 * HOUR, message: 'too new' },
    ]);
    expect(mixed.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 2 });
    const stored = await logs().send(new GetLogEventsCommand({ logGroupName: 'put', logStreamName: 's', startFromHead: true }));
    const messages = stored.events!.map((event) => event.message);
    expect(messages).toContain('kept');
    expect(messages).not.toContain('too old');
    expect(messages).not.toContain('too new');

    await logs().send(new PutRetentionPolicyCommand({ logGroupName: 'put', retentionInDays: 1 }));
    const expired = await put([{ timestamp: now - 3 * DAY, message: 'expired' }, { timestamp: now, message: 'fresh' }]);
    expect(expired.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });

    const group = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'put' }));
    expect(group.logGroups?.[0]?.storedBytes).toBeGreaterThan(1_000_000);
  });

  it('reads a stream from the head, the tail and with forward and backward tokens', async () => {
    await groupWithStream(logs(), 'read', 's');
    const start = Date.now() - 60_000;
    await logs().send(new PutLogEventsCommand({ logGroupName: 'read', logStreamName: 's', logEvents: events(10, start) }));
    const read = (input: Partial<ConstructorParameters<typeof GetLogEventsCommand>[0]>) =>
      logs().send(new GetLogEventsCommand({ logGroupName: 'read', logStreamName: 's', ...input }));

    const tail = await read({ limit: 3 });
    expect(tail.events?.map((event) => event.message)).toEqual(['line 7', 'line 8', 'line 9']);
    expect(tail.events?.[0]?.ingestionTime).toBeGreaterThanOrEqual(start);
    expect(tail.nextForwardToken).toMatch(/^f\//);
    expect(tail.nextBackwardToken).toMatch(/^b\//);

    const head = await read({ limit: 4, startFromHead: true });
    expect(head.events?.map((event) => event.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);

    const forward: string[] = [];
    let token = head.nextForwardToken;
    forward.push(...head.events!.map((event) => event.message!));
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await read({ limit: 4, startFromHead: true, nextToken: token });
      forward.push(...page.events!.map((event) => event.message!));
      // The end is where AWS hands back the token it was given.
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    expect(forward).toEqual(events(10, start).map((event) => event.message));

    const back = await read({ limit: 3, nextToken: tail.nextBackwardToken });
    expect(back.events?.map((event) => event.message)).toEqual(['line 4', 'line 5', 'line 6']);
    const atStart = await read({ nextToken: head.nextBackwardToken });
    expect(atStart.events).toEqual([]);
    expect(atStart.nextBackwardToken).toBe(head.nextBackwardToken);

    // New events appear after the last forward token, as a tail -f reader expects.
    await logs().send(new PutLogEventsCommand({ logGroupName: 'read', logStreamName: 's', logEvents: [{ timestamp: start + 20, message: 'new' }] }));
    const more = await read({ startFromHead: true, nextToken: token });
    expect(more.events?.map((event) => event.message)).toEqual(['new']);

    const ranged = await read({ startTime: start + 2, endTime: start + 5, startFromHead: true });
    expect(ranged.events?.map((event) => event.message)).toEqual(['line 2', 'line 3', 'line 4']);
    const viaArn = await logs().send(new GetLogEventsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:read', logStreamName: 's', limit: 1 }));
    expect(viaArn.events?.map((event) => event.message)).toEqual(['new']);

    await expectError(read({ nextToken: 'x/123' }), 'InvalidParameterException', 'The specified nextToken is invalid.');
    await expectError(read({ limit: 10_001 }), 'InvalidParameterException');
    await expectError(logs().send(new GetLogEventsCommand({ logGroupName: 'read', logStreamName: 'nope' })), 'ResourceNotFoundException', 'The specified log stream does not exist.');
    await expectError(logs().send(new GetLogEventsCommand({ logGroupName: 'nope', logStreamName: 's' })), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });

  it('filters events across streams with patterns, time ranges and pages', async () => {
    await groupWithStream(logs(), 'filter', 'web-1');
    await logs().send(new CreateLogStreamCommand({ logGroupName: 'filter', logStreamName: 'web-2' }));
    await logs().send(new CreateLogStreamCommand({ logGroupName: 'filter', logStreamName: 'worker' }));
    const t = Date.now() - 60_000;
    const put = (stream: string, logEvents: InputLogEvent[]) => logs().send(new PutLogEventsCommand({ logGroupName: 'filter', logStreamName: stream, logEvents }));
    await put('web-1', [{ timestamp: t, message: 'ERROR payment declined' }, { timestamp: t + 3, message: '{"level":"INFO","ms":12}' }]);
    await put('web-2', [{ timestamp: t + 1, message: 'WARN slow' }, { timestamp: t + 4, message: '{"level":"ERROR","ms":950}' }]);
    await put('worker', [{ timestamp: t + 2, message: 'ERROR retry later' }]);
    const filter = (input: Partial<ConstructorParameters<typeof FilterLogEventsCommand>[0]>) =>
      logs().send(new FilterLogEventsCommand({ logGroupName: 'filter', ...input }));

    const all = await filter({});
    expect(all.events?.map((event) => event.logStreamName)).toEqual(['web-1', 'web-2', 'worker', 'web-1', 'web-2']);
    expect(all.events?.[0]).toMatchObject({ timestamp: t, message: 'ERROR payment declined', eventId: expect.stringMatching(/^\d+$/) });
    expect(all.events?.[0]?.ingestionTime).toBeGreaterThan(t);
    expect(new Set(all.events?.map((event) => event.eventId)).size).toBe(5);

    const text = (pattern: string) => filter({ filterPattern: pattern }).then((answer) => answer.events?.map((event) => event.message));
    expect(await text('ERROR')).toEqual(['ERROR payment declined', 'ERROR retry later', '{"level":"ERROR","ms":950}']);
    expect(await text('ERROR -retry')).toEqual(['ERROR payment declined', '{"level":"ERROR","ms":950}']);
    expect(await text('?WARN ?declined')).toEqual(['ERROR payment declined', 'WARN slow']);
    expect(await text('"retry later"')).toEqual(['ERROR retry later']);
    expect(await text('{ $.ms > 100 }')).toEqual(['{"level":"ERROR","ms":950}']);
    expect(await text('{ $.level = "INFO" || $.ms > 900 }')).toEqual(['{"level":"INFO","ms":12}', '{"level":"ERROR","ms":950}']);

    const web = await filter({ logStreamNamePrefix: 'web', filterPattern: 'ERROR' });
    expect(web.events?.map((event) => event.logStreamName)).toEqual(['web-1', 'web-2']);
    const named = await filter({ logStreamNames: ['worker', 'web-2'] });
    expect(named.events?.map((event) => event.message)).toEqual(['WARN slow', 'ERROR retry later', '{"level":"ERROR","ms":950}']);
    const ranged = await filter({ startTime: t + 1, endTime: t + 3 });
    expect(ranged.events?.map((event) => event.timestamp)).toEqual([t + 1, t + 2, t + 3]);
    const viaArn = await logs().send(new FilterLogEventsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:filter', limit: 1 }));
    expect(viaArn.events?.map((event) => event.message)).toEqual(['ERROR payment declined']);

    const paged: string[] = [];
    let nextToken: string | undefined;
    let calls = 0;
    do {
      const page = await filter({ limit: 2, nextToken });
      paged.push(...page.events!.map((event) => event.message!));
      nextToken = page.nextToken;
      calls += 1;
    } while (nextToken && calls < 10);
    expect(calls).toBe(3);
    expect(paged).toEqual(all.events?.map((event) => event.message));

    await expectError(filter({ logStreamNames: ['web-1'], logStreamNamePrefix: 'web' }), 'InvalidParameterException');
    await expectError(filter({ filterPattern: '{ $.level = ' }), 'InvalidParameterException', /filter pattern/i);
    await expectError(filter({ nextToken: 'garbage' }), 'InvalidParameterException');
    await expectError(logs().send(new FilterLogEventsCommand({ logGroupName: 'nope' })), 'ResourceNotFoundException');
  });

  it('tags log groups by name and by ARN', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'tagged', tags: { team: 'shop' } }));
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:tagged';
    await logs().send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'dev' } }));
    await logs().send(new TagLogGroupCommand({ logGroupName: 'tagged', tags: { owner: 'ana' } }));
    expect((await logs().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ team: 'shop', env: 'dev', owner: 'ana' });
    await logs().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
    expect((await logs().send(new ListTagsLogGroupCommand({ logGroupName: 'tagged' }))).tags).toEqual({ team: 'shop', owner: 'ana' });
    await logs().send(new UntagLogGroupCommand({ logGroupName: 'tagged', tags: ['owner'] }));
    expect((await logs().send(new ListTagsLogGroupCommand({ logGroupName: 'tagged' }))).tags).toEqual({ team: 'shop' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, 'v']));
    await expectError(logs().send(new TagResourceCommand({ resourceArn: arn, tags: many })), 'TooManyTagsException');
    await expectError(logs().send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:logs:us-east-1:000000000000:log-group:nope' })), 'ResourceNotFoundException');
  });

  it('keeps accounts apart', async () => {
    const a = emulator.clientsFor('111111111111').logs;
    const b = emulator.clientsFor('222222222222').logs;
    await groupWithStream(a, 'private', 's');
    await a.send(new PutLogEventsCommand({ logGroupName: 'private', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'secret' }] }));
    const seen = await a.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'private' }));
    expect(seen.logGroups?.[0]?.arn).toBe('arn:aws:logs:us-east-1:111111111111:log-group:private:*');
    expect((await b.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
    await expectError(b.send(new GetLogEventsCommand({ logGroupName: 'private', logStreamName: 's' })), 'ResourceNotFoundException');
    await expectError(b.send(new FilterLogEventsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:111111111111:log-group:private' })), 'ResourceNotFoundException');
  });

  it('accepts events written in-process by another service', async () => {
    const { emulator: core } = emulator.running;
    await core.call('logs', 'CreateLogGroup', { logGroupName: '/aws/lambda/checkout' }, { account: '333333333333' });
    await core.call('logs', 'CreateLogStream', { logGroupName: '/aws/lambda/checkout', logStreamName: '2024/01/01/[$LATEST]abc' }, { account: '333333333333' });
    const answer = await core.call(
      'logs', 'PutLogEvents',
      { logGroupName: '/aws/lambda/checkout', logStreamName: '2024/01/01/[$LATEST]abc', logEvents: [{ timestamp: Date.now(), message: 'START RequestId: 1' }] },
      { account: '333333333333' },
    );
    expect(answer.nextSequenceToken).toMatch(/^\d+$/);
    await expect(core.call('logs', 'PutLogEvents', { logGroupName: '/aws/lambda/none', logStreamName: 'x', logEvents: [] }, { account: '333333333333' }))
      .rejects.toMatchObject({ code: 'InvalidParameterException' });
    const read = await emulator.clientsFor('333333333333').logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/checkout', filterPattern: 'START' }));
    expect(read.events?.map((event) => event.message)).toEqual(['START RequestId: 1']);
  });
});
