/** What lab 07's grader says, in both languages: its tests call these by id. Trace details and AWS's messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 07 message by id. */
export const say = catalogue('lab07', {
  threw: { en: 'setupPaymentRetries threw {name}: {message}', 'zh-cn': 'setupPaymentRetries 抛出了 {name}："{message}"' },
  noInvokeConfig: {
    en: 'function {name} has no event invoke config, so Lambda retries a failed payment twice over three minutes and then drops it: send PutFunctionEventInvokeConfigCommand in setupPaymentRetries',
    'zh-cn': '函数 {name} 没有异步调用配置，所以 Lambda 会在三分钟内把失败的付款重试两次，然后丢弃它：在 setupPaymentRetries 中发送 PutFunctionEventInvokeConfigCommand',
  },
  retryAttempts: {
    en: 'MaximumRetryAttempts of {name} is {got}, not 1: a payment step must fail fast, so give it one retry (a provider that fails twice in a row is down)',
    'zh-cn': '{name} 的 MaximumRetryAttempts 是 {got}，而不是 1：付款步骤必须快速失败，所以只给它一次重试（连续失败两次的服务商就是出故障了）',
  },
  eventAge: {
    en: 'MaximumEventAgeInSeconds of {name} is {got}, not 600: a payment is decided within ten minutes, not the six hours Lambda keeps an event by default',
    'zh-cn': '{name} 的 MaximumEventAgeInSeconds 是 {got}，而不是 600：付款要在十分钟内有结果，而不是 Lambda 默认保留事件的六个小时',
  },
  notSet: { en: 'not set (the default)', 'zh-cn': '未设置（默认值）' },
  noDestination: {
    en: 'the event invoke config of {name} has no OnFailure destination, so an order that fails every attempt is lost: set DestinationConfig: { OnFailure: { Destination: <the ARN of {queue}> } }',
    'zh-cn': '{name} 的异步调用配置没有 OnFailure 目的地，所以每次尝试都失败的订单会丢失：设置 DestinationConfig: { OnFailure: { Destination: <{queue} 的 ARN> } }',
  },
  wrongDestination: {
    en: 'the OnFailure destination of {name} is {got}, not the queue {queue} ({arn})',
    'zh-cn': '{name} 的 OnFailure 目的地是 {got}，而不是队列 {queue}（{arn}）',
  },
  noTarget: {
    en: 'rule {rule} on bus {bus} has no target for the function {arn}: create the rule and PutTargets with Arn set to the function\'s ARN',
    'zh-cn': '总线 {bus} 上的规则 {rule} 没有指向函数 {arn} 的目标：创建规则，并用 PutTargets 添加 Arn 为函数 ARN 的目标',
  },
  targetRetries: {
    en: 'the target\'s RetryPolicy is {got}: give it { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 } (EventBridge\'s default is 185 attempts over 24 hours)',
    'zh-cn': '目标的 RetryPolicy 是 {got}：把它设为 { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 }（EventBridge 的默认值是 24 小时内尝试 185 次）',
  },
  targetDlq: {
    en: 'the target\'s DeadLetterConfig is {got}: give it { Arn: <the ARN of {queue}> }, so an event EventBridge could not deliver is kept',
    'zh-cn': '目标的 DeadLetterConfig 是 {got}：把它设为 { Arn: <{queue} 的 ARN> }，这样 EventBridge 无法投递的事件会被保留下来',
  },
  none: { en: 'none', 'zh-cn': '无' },
  eventRefused: { en: 'PutEvents refused the event on bus {bus}: {code}: {message}', 'zh-cn': 'PutEvents 拒绝了总线 {bus} 上的事件：{code}："{message}"' },
  planOk: { en: 'charged at the first attempt', 'zh-cn': '第一次尝试就扣款成功' },
  planFlaky: { en: 'the provider refused the first charge with 503', 'zh-cn': '服务商以 503 拒绝了第一次扣款' },
  planSlow: { en: 'the provider timed out on the first charge', 'zh-cn': '服务商在第一次扣款时超时了' },
  planDown: { en: 'the provider refused every charge', 'zh-cn': '服务商拒绝了每一次扣款' },
  planTwice: { en: 'its event was delivered four times at the same moment', 'zh-cn': '它的事件在同一时刻被投递了四次' },
  planAgain: { en: 'its event was delivered again after the charge', 'zh-cn': '扣款之后它的事件又被投递了一次' },
  ranAs: { en: 'its event ran {count} time(s): {outcomes}', 'zh-cn': '它的事件运行了 {count} 次：{outcomes}' },
  notRun: { en: 'the function never ran for it', 'zh-cn': '函数从未为它运行过' },
  neverCharged: { en: 'order {id} ({how}) was never charged; {ran}. {advice}', 'zh-cn': '订单 {id}（{how}）从未被扣款；{ran}。{advice}' },
  adviceReached: {
    en: 'Check that the rule matches source shop.orders and detail-type Order Placed, and that events.amazonaws.com may invoke the function',
    'zh-cn': '检查规则是否匹配 source shop.orders 和 detail-type Order Placed，以及 events.amazonaws.com 是否可以调用函数',
  },
  adviceThrow: {
    en: 'The handler returned normally after the charge failed, so Lambda did not retry: after releasing the claim, throw the error again',
    'zh-cn': '扣款失败后处理函数正常返回了，所以 Lambda 没有重试：释放认领的键之后，再把错误抛出去',
  },
  adviceRelease: {
    en: 'The retry did not call the provider because the failed attempt kept its claim: delete the key (DeleteCommand) in the catch block before you throw',
    'zh-cn': '重试没有调用服务商，因为失败的那次尝试没有释放它认领的键：在 catch 块里抛出错误之前先删除这个键（DeleteCommand）',
  },
  adviceRetry: {
    en: 'Lambda did not retry the failed attempt: set MaximumRetryAttempts to 1 in the event invoke config',
    'zh-cn': 'Lambda 没有重试失败的那次尝试：在异步调用配置中把 MaximumRetryAttempts 设为 1',
  },
  adviceGeneric: { en: 'Charge each order once per claim of its key, and let a failed charge throw', 'zh-cn': '每次认领键之后为订单扣款一次，扣款失败时让错误抛出' },
  chargedTwice: {
    en: 'order {id} ({how}) was charged {count} times: claim the key take-payment#<orderId> with a PutCommand with ConditionExpression attribute_not_exists(...) before charging, and skip the charge when the condition fails; reading first and writing after lets two deliveries through together',
    'zh-cn': '订单 {id}（{how}）被扣款了 {count} 次：扣款之前，用带 ConditionExpression attribute_not_exists(...) 的 PutCommand 认领键 take-payment#<orderId>，条件失败时跳过扣款；先读再写会让同时到达的两次投递都通过',
  },
  chargedDown: { en: 'order {id} was charged although the provider refused every attempt', 'zh-cn': '服务商拒绝了每一次尝试，订单 {id} 却被扣款了' },
  amount: { en: 'the amount charged for order {id}', 'zh-cn': '订单 {id} 的扣款金额' },
  noRecord: {
    en: 'order {id} failed every attempt ({ran}), but no record of it reached queue {queue}: {advice}',
    'zh-cn': '订单 {id} 的每次尝试都失败了（{ran}），但队列 {queue} 没有收到它的记录：{advice}',
  },
  adviceDestination: {
    en: 'check the OnFailure destination, and let the handler throw when the charge fails (a handler that returns normally succeeded, as far as Lambda knows)',
    'zh-cn': '检查 OnFailure 目的地，并在扣款失败时让处理函数抛出错误（正常返回的处理函数在 Lambda 看来就是成功了）',
  },
  recordField: { en: 'the {field} of the failure record of order {id}', 'zh-cn': '订单 {id} 的失败记录中的 {field}' },
  noTtl: {
    en: 'table {table} has no time to live (its status is {status}): send UpdateTimeToLiveCommand with { Enabled: true, AttributeName: \'expiresAt\' }, or the keys of every order stay for good',
    'zh-cn': '表 {table} 没有启用生存时间（TTL，状态为 {status}）：发送 UpdateTimeToLiveCommand，带上 { Enabled: true, AttributeName: \'expiresAt\' }，否则每个订单的键都会永远留在表里',
  },
  noTable: { en: 'there is no table {table}: create it in setupPaymentRetries', 'zh-cn': '没有名为 {table} 的表：在 setupPaymentRetries 中创建它' },
  noKey: {
    en: 'order {id} was charged, but table {table} has no item with key {key} (its keys: {keys}): name the step in the key, as take-payment#<orderId>, because the shop\'s other steps claim the same orders in this table',
    'zh-cn': '订单 {id} 已被扣款，但表 {table} 中没有键为 {key} 的项目（现有的键：{keys}）：键里要包含步骤名，写成 take-payment#<orderId>，因为商店的其他步骤也会在这张表里为同样的订单认领键',
  },
  noExpiry: {
    en: 'the item {key} has no number in {attribute}, the table\'s time-to-live attribute (it has {got}): store the time it expires, in seconds since 1970',
    'zh-cn': '项目 {key} 的 {attribute}（表的生存时间属性）中没有数字（它是 {got}）：保存它过期的时间，以 1970 年以来的秒数表示',
  },
  expiryMillis: {
    en: 'the item {key} expires at {got}, which is in milliseconds: DynamoDB\'s time to live reads seconds, so divide Date.now() by 1000 (Math.floor)',
    'zh-cn': '项目 {key} 的过期时间是 {got}，单位是毫秒：DynamoDB 的生存时间按秒读取，所以要把 Date.now() 除以 1000（Math.floor）',
  },
  expiryRange: {
    en: 'the item {key} expires in {hours} hours: keep a key at least an hour (longer than any retry) and at most 30 days; a day is usual',
    'zh-cn': '项目 {key} 将在 {hours} 小时后过期：键至少保留一小时（比任何重试都长），最多 30 天；通常保留一天',
  },
});
