/**
 * Every sentence SNS writes to the trace, said on Chinese pages in Chinese: the sentences come from
 * the emulator itself (a topic with a subscription of each protocol, filter policies, refusals,
 * failing and unreachable endpoints, dead-letter queues), so a sentence SNS changes or adds and
 * the site does not know fails here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfirmSubscriptionCommand, CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailText, reasonText } from '../../site/src/components/live/trace-text.ts';
import { stringsFor } from '../../site/src/components/strings.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { createQueue, snsClientOf } from '../emulator/sns-support.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';

const zh = stringsFor('zh-cn');
const en = stringsFor('en');

/** English words of SNS's sentences (lower case: identifiers such as Policy or Token stay); none may be left once names, values and AWS's own text are set aside. */
const ENGLISH = /\b(the|to|of|with|not|and|until|by|from|so|an|after|could|does|has|is|holding|recorded|sent|delivery|subscriptions?|matched|pending|policy|filter|endpoint|queue|message|reached|answered|exist|stays|again|body|object|allow|drops|moves|visits|calls|confirm|confirmation|give|start|open)\b/;

/** A sentence without what it quotes: ARNs, URLs, JSON, quoted values, the add-permission command, AWS's own messages. */
function words(text: string): string {
  return text
    .replace(/aws lambda add-permission[^，。]*/g, '')
    .replace(/\{.*\}/gs, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\b(arn:\S+|https?:\/\/\S+|\S+@\S+)/g, '')
    .replace(/The specified queue does not exist[^，。]*/g, '');
}

/** Each kind of SNS sentence, as the emulator writes it in English; the run below must produce every one. */
const KINDS: Record<string, RegExp> = {
  publish: /^SNS Publish to \S+ \(subject "[^"]*"\): \d+ subscription\(s\)$/,
  confirmationFor: /^SNS SubscriptionConfirmation for /,
  pendingUntil: /^the subscription stays "pending confirmation"/,
  filterMatched: /^filter policy matched; sqs delivery$/,
  protocolDelivery: /^(lambda|http|email|email-json|sms) delivery$/,
  pendingReason: /^the subscription is pending confirmation: /,
  filterMissed: /^the filter policy \(MessageAttributes\) did not match: /,
  bodyNotObject: /^the filter policy \(MessageBody\) did not match: the message body is not a JSON object/,
  sqsMessage: /^SQS message \S+$/,
  raw: /^SQS message \S+ \(raw message delivery\)$/,
  posted: /^POST http:/,
  email: /^recorded, not sent: an email to \S+ with subject /,
  emailJson: /^recorded, not sent: an email to \S+ holding /,
  sms: /^recorded, not sent: an SMS to /,
  confirmationEmail: /^recorded, not sent: a confirmation email to /,
  confirmationPosted: /^POSTed the SubscriptionConfirmation to /,
  stillPending: /^ConnectionFailed: .*\. The subscription stays pending: /s,
  unreachable: /^ConnectionFailed: the endpoint \S+ could not be reached: /,
  httpStatus: /^HTTP500: the endpoint \S+ answered HTTP 500$/,
  noRedrive: /\(the subscription has no RedrivePolicy dead-letter queue\)$/,
  noFunction: /^ResourceNotFoundException: function \S+ does not exist/,
  deadLettered: /^sent to the dead-letter queue after AccessDenied: /,
  deadLetterFailed: /^the dead-letter queue could not take the message: /,
  queuePolicy: /^AccessDenied: the queue policy of /,
  functionPolicy: /^AccessDeniedException: the resource policy of /,
};

describe("SNS's trace sentences in the page's language", () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });
  const sns = snsClientOf(emulator);
  const confirmations = new Map<string, string>();
  let server: Server;
  let base = '';
  let closed = '';

  beforeAll(async () => {
    // Confirmations succeed everywhere; notifications to /broken answer 500.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const type = request.headers['x-amz-sns-message-type'];
        if (type === 'SubscriptionConfirmation') confirmations.set(request.url ?? '', (JSON.parse(body) as { Token: string }).Token);
        response.statusCode = type === 'Notification' && request.url?.startsWith('/broken') ? 500 : 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port nobody listens on: bound, then let go.
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    closed = `http://127.0.0.1:${(spare.address() as AddressInfo).port}/gone`;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Every SNS entry of the run, after deliveries have settled. */
  async function run(): Promise<TraceEntry[]> {
    const { TopicArn: topic } = await sns().send(new CreateTopicCommand({ Name: 'orders' }));
    const subscribe = (Protocol: string, Endpoint: string, Attributes?: Record<string, string>) => sns().send(new SubscribeCommand({ TopicArn: topic, Protocol, Endpoint, ...(Attributes ? { Attributes } : {}) }));
    const dlq = await createQueue(emulator, 'orders-dlq', topic);
    const redrive = (arn: string) => JSON.stringify({ deadLetterTargetArn: arn });
    await subscribe('sqs', (await createQueue(emulator, 'orders-envelope', topic)).arn, { FilterPolicy: JSON.stringify({ kind: ['placed'] }) });
    await subscribe('sqs', (await createQueue(emulator, 'orders-raw', topic)).arn, { RawMessageDelivery: 'true' });
    await subscribe('sqs', (await createQueue(emulator, 'orders-cancelled', topic)).arn, { FilterPolicy: JSON.stringify({ kind: ['cancelled'] }) });
    await subscribe('sqs', (await createQueue(emulator, 'orders-by-body', topic)).arn, { FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ kind: ['placed'] }) });
    await subscribe('sqs', (await createQueue(emulator, 'orders-locked')).arn, { RedrivePolicy: redrive(dlq.arn) });
    await subscribe('sqs', (await createQueue(emulator, 'orders-locked-too')).arn, { RedrivePolicy: redrive('arn:aws:sqs:us-east-1:000000000000:no-such-queue') });
    await createFunction(emulator.clients.lambda, 'shop-notify');
    await subscribe('lambda', 'arn:aws:lambda:us-east-1:000000000000:function:shop-notify');
    await subscribe('lambda', 'arn:aws:lambda:us-east-1:000000000000:function:no-such-function');
    await subscribe('sms', '+15555550100');
    for (const path of ['/hook', '/broken']) await subscribe('http', `${base}${path}`);
    await subscribe('http', closed);
    for (const [protocol, address] of [['email', 'orders@example.com'], ['email-json', 'audit@example.com']] as const) await subscribe(protocol, address);
    const trace = async () => ((await (await fetch(`${emulator.running.url}/_workshop/trace?limit=1000`)).json()) as { entries: TraceEntry[] }).entries;
    // Confirm every pending subscription but the unreachable one, with the token it was sent.
    await eventually(() => (confirmations.size === 2 ? true : undefined));
    for (const token of confirmations.values()) await sns().send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: token }));
    for (const entry of await trace()) {
      const token = /Token (\S+), or open/.exec(entry.detail ?? '')?.[1];
      if (token) await sns().send(new ConfirmSubscriptionCommand({ TopicArn: topic, Token: token }));
    }
    await eventually(async () => ((await trace()).some((entry) => /The subscription stays pending/.test(entry.detail ?? '')) ? true : undefined));
    const { MessageId } = await sns().send(new PublishCommand({ TopicArn: topic, Subject: 'o-1', Message: '{"order":"o-1","total":42}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'placed' } } }));
    // A body that is not JSON, for the MessageBody filter policy.
    await sns().send(new PublishCommand({ TopicArn: topic, Message: 'o-2', MessageAttributes: { kind: { DataType: 'String', StringValue: 'placed' } } }));
    const { MessageId: text } = await sns().send(new PublishCommand({ PhoneNumber: '+15555550199', Message: '订单 o-1 已发货' }));
    // Settled: the broken endpoint's retries ran out, and each delivery has its last word.
    return eventually(async () => {
      const entries = (await trace()).filter((entry) => entry.bus === 'orders' || entry.eventId === text);
      const published = entries.filter((entry) => entry.eventId === MessageId);
      return published.some((entry) => KINDS.noRedrive!.test(entry.detail ?? '') && entry.target?.endsWith('/broken')) && published.filter((entry) => entry.kind === 'delivery' && entry.outcome !== 'retry').length >= 13 ? entries : undefined;
    }, 20_000);
  }

  it('says each kind of SNS sentence in Chinese, keeping names, values and AWS\'s words, and in English with its plural', async () => {
    const entries = await run();
    const sentences = [...new Set(entries.flatMap((entry) => [entry.detail, entry.reason]).filter((text): text is string => !!text))];
    const missing = Object.entries(KINDS).filter(([, pattern]) => !sentences.some((text) => pattern.test(text))).map(([kind]) => kind);
    expect(missing, sentences.join('\n')).toEqual([]);
    const reasons = new Set(entries.map((entry) => entry.reason).filter(Boolean));
    const say = (text: string, strings: typeof zh, locale: string) => (reasons.has(text) ? reasonText(text, strings.trace, locale) : detailText(text, strings.trace, locale));
    for (const text of sentences) {
      const chinese = say(text, zh, 'zh-cn');
      expect(words(chinese), `${text}\n-> ${chinese}`).not.toMatch(ENGLISH);
      expect(say(text, en, 'en')).toBe(text.replace(/: (\d+) subscription\(s\)$/, (_, n: string) => `: ${n} subscription${n === '1' ? '' : 's'}`));
    }
    const publish = sentences.find((text) => KINDS.publish!.test(text))!;
    expect(say(publish, zh, 'zh-cn')).toMatch(/^SNS 向 arn:aws:sns:us-east-1:000000000000:orders 发布消息（Subject 为 "o-1"）：\d+ 个订阅$/);
    const sms = sentences.find((text) => text.startsWith('recorded, not sent: an SMS to +15555550199'))!;
    expect(say(sms, zh, 'zh-cn')).toBe('已记录，未发送：发往 +15555550199 的短信：订单 o-1 已发货');
    const lost = sentences.find((text) => KINDS.deadLetterFailed!.test(text))!;
    expect(say(lost, zh, 'zh-cn')).toBe(`死信队列无法接收该消息：${lost.replace('the dead-letter queue could not take the message: ', '')}`);
  });
});
