/**
 * The words of SNS's trace sentences (publish, subscriptions and their filter policies, delivery
 * to each protocol, retries, dead-letter queues, confirmations) in each language. strings-live.ts
 * joins them to the `trace` strings; live/trace-sns.ts reads the sentences and says them with these.
 */
import type { Plural } from './fill.ts';

/** SNS's trace strings in English. */
export const snsTraceEn = {
  snsPublish: { one: 'SNS Publish to {topic}{subject}: {n} subscription', other: 'SNS Publish to {topic}{subject}: {n} subscriptions' } as Plural,
  snsSubject: ' (subject "{subject}")',
  snsConfirmationFor: 'SNS SubscriptionConfirmation for {protocol} {endpoint}',
  snsPendingUntil: 'the subscription stays "pending confirmation" until the endpoint visits the SubscribeURL or calls ConfirmSubscription with the token',
  snsFilterMatched: 'filter policy matched; {protocol} delivery',
  snsDelivery: '{protocol} delivery',
  snsPending: 'the subscription is pending confirmation: confirm it (ConfirmSubscription with the token sent to {endpoint}) to receive messages',
  snsFilterMissed: 'the filter policy ({scope}) did not match: {reason}',
  snsBodyNotObject: 'the message body is not a JSON object, so a MessageBody filter policy cannot match it',
  snsSqsMessage: 'SQS message {id}',
  snsSqsSent: 'SQS message',
  snsRaw: ' (raw message delivery)',
  snsPosted: 'POST {url}',
  snsEmail: 'recorded, not sent: an email to {endpoint}{subject}: {message}',
  snsEmailSubject: ' with subject "{subject}"',
  snsEmailJson: 'recorded, not sent: an email to {endpoint} holding {message}',
  snsSms: 'recorded, not sent: an SMS to {endpoint}: {message}',
  snsConfirmationEmail: 'recorded, not sent: a confirmation email to {endpoint}. To confirm, call ConfirmSubscription with TopicArn {topic} and Token {token}, or open {url}',
  snsConfirmationPosted: 'POSTed the SubscriptionConfirmation to {endpoint}; it confirms by visiting SubscribeURL {url}',
  snsStillPending: '{error}. The subscription stays pending: start the endpoint and subscribe again, or confirm with Token {token}',
  snsNoRedrive: '{error} (the subscription has no RedrivePolicy dead-letter queue)',
  snsDeadLetterFailed: 'the dead-letter queue could not take the message: {error}',
  snsUnreachable: '{code}: the endpoint {url} could not be reached: {error}',
  snsHttpStatus: '{code}: the endpoint {url} answered HTTP {status}',
  snsQueuePolicy: '{code}: the queue policy of {queue} does not allow sns.amazonaws.com to send messages from topic {topic}, so SNS could not deliver (AWS drops it, or moves it to the subscription\'s dead-letter queue). Fix: give the queue a Policy attribute (SetQueueAttributes) that allows Principal {"Service":"sns.amazonaws.com"} the action sqs:SendMessage with the condition ArnEquals aws:SourceArn {source}, e.g. {policy}',
  snsFunctionPolicy: '{code}: the resource policy of {function} does not allow sns.amazonaws.com to call lambda:InvokeFunction for topic {topic}, so SNS could not invoke it. Fix: {command}',
  snsNoFunction: '{code}: function {function} does not exist',
};

/** SNS's trace strings in Simplified Chinese. */
export const snsTraceZhCn: typeof snsTraceEn = {
  snsPublish: { other: 'SNS 向 {topic} 发布消息{subject}：{n} 个订阅' },
  snsSubject: '（Subject 为 "{subject}"）',
  snsConfirmationFor: 'SNS 向 {protocol} 端点 {endpoint} 发送 SubscriptionConfirmation',
  snsPendingUntil: '订阅保持“等待确认”状态，直到端点访问 SubscribeURL，或用令牌调用 ConfirmSubscription',
  snsFilterMatched: '筛选策略匹配；通过 {protocol} 投递',
  snsDelivery: '通过 {protocol} 投递',
  snsPending: '订阅正在等待确认：请确认它（用发送到 {endpoint} 的令牌调用 ConfirmSubscription），之后才能收到消息',
  snsFilterMissed: '筛选策略（{scope}）不匹配：{reason}',
  snsBodyNotObject: '消息正文不是 JSON 对象，所以 MessageBody 筛选策略无法匹配它',
  snsSqsMessage: 'SQS 消息 {id}',
  snsSqsSent: 'SQS 消息',
  snsRaw: '（原始消息投递）',
  snsPosted: '已向 {url} 发送 POST 请求',
  snsEmail: '已记录，未发送：发往 {endpoint} 的电子邮件{subject}：{message}',
  snsEmailSubject: '，主题为 "{subject}"',
  snsEmailJson: '已记录，未发送：发往 {endpoint} 的电子邮件，内容为 {message}',
  snsSms: '已记录，未发送：发往 {endpoint} 的短信：{message}',
  snsConfirmationEmail: '已记录，未发送：发往 {endpoint} 的确认邮件。要确认订阅，请用 TopicArn {topic} 和 Token {token} 调用 ConfirmSubscription，或打开 {url}',
  snsConfirmationPosted: '已向 {endpoint} POST SubscriptionConfirmation；端点访问 SubscribeURL {url} 即可确认',
  snsStillPending: '{error}。订阅仍在等待确认：请启动端点后重新订阅，或用 Token {token} 确认',
  snsNoRedrive: '{error}（该订阅没有配置 RedrivePolicy 死信队列）',
  snsDeadLetterFailed: '死信队列无法接收该消息：{error}',
  snsUnreachable: '{code}：无法连接到端点 {url}：{error}',
  snsHttpStatus: '{code}：端点 {url} 返回了 HTTP {status}',
  snsQueuePolicy: '{code}：{queue} 的队列策略不允许 sns.amazonaws.com 发送来自主题 {topic} 的消息，因此 SNS 无法投递（AWS 会丢弃它，或把它移到订阅的死信队列）。修复方法：用 SetQueueAttributes 给队列设置 Policy 属性，允许 Principal {"Service":"sns.amazonaws.com"} 在条件 ArnEquals aws:SourceArn {source} 下执行 sqs:SendMessage，例如 {policy}',
  snsFunctionPolicy: '{code}：{function} 的资源策略不允许 sns.amazonaws.com 为主题 {topic} 调用 lambda:InvokeFunction，因此 SNS 无法调用它。修复方法：{command}',
  snsNoFunction: '{code}：函数 {function} 不存在',
};
