/** What lab 06's grader says, in both languages: its tests call these by id. Trace details, message bodies and AWS's messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 06 message by id. */
export const say = catalogue('lab06', {
  threw: { en: 'setupOrdersQueue threw {name}: {message}', 'zh-cn': 'setupOrdersQueue 抛出了 {name}："{message}"' },
  noQueue: {
    en: 'there is no queue named {name} after setupOrdersQueue returned: create it with CreateQueueCommand({ QueueName: setup.queueName })',
    'zh-cn': 'setupOrdersQueue 返回后，并没有名为 {name} 的队列：用 CreateQueueCommand({ QueueName: setup.queueName }) 创建它',
  },
  noDeadLetterQueue: {
    en: 'there is no queue named {name}: create the dead-letter queue with CreateQueueCommand({ QueueName: setup.deadLetterQueueName })',
    'zh-cn': '没有名为 {name} 的队列：用 CreateQueueCommand({ QueueName: setup.deadLetterQueueName }) 创建死信队列',
  },
  returnedUrl: { en: 'the URL setupOrdersQueue returned', 'zh-cn': 'setupOrdersQueue 返回的 URL' },
  noRedrive: {
    en: 'queue {name} has no RedrivePolicy, so a message that always fails comes back until its retention period ends (4 days by default): set RedrivePolicy to JSON with deadLetterTargetArn {arn} and maxReceiveCount {count}',
    'zh-cn': '队列 {name} 没有 RedrivePolicy，所以一条总是失败的消息会一直回来，直到保留期结束（默认 4 天）：把 RedrivePolicy 设为带有 deadLetterTargetArn {arn} 和 maxReceiveCount {count} 的 JSON',
  },
  redriveTarget: {
    en: 'the RedrivePolicy of {name} sends messages to {got}, not to the dead-letter queue {arn}: use the QueueArn of setup.deadLetterQueueName (GetQueueAttributesCommand)',
    'zh-cn': '{name} 的 RedrivePolicy 把消息送到 {got}，而不是死信队列 {arn}：使用 setup.deadLetterQueueName 的 QueueArn（GetQueueAttributesCommand）',
  },
  maxReceiveCount: { en: 'maxReceiveCount in the RedrivePolicy of {name} (setup.maxReceiveCount)', 'zh-cn': '{name} 的 RedrivePolicy 中的 maxReceiveCount（setup.maxReceiveCount）' },
  refusedMapping: {
    en: 'CreateEventSourceMapping was refused with "{awsMessage}": give the queue a VisibilityTimeout of at least six times the function\'s timeout ({least} s) before connecting it',
    'zh-cn': 'CreateEventSourceMapping 被拒绝，原因是 "{awsMessage}"：在连接之前，先把队列的 VisibilityTimeout 设为至少是函数超时的六倍（{least} 秒）',
  },
  visibilityTooShort: {
    en: 'queue {name} has a VisibilityTimeout of {visibility} s, but the function may run for {timeout} s: AWS advises at least six times the function\'s timeout ({least} s), or a batch still running (or retried after a throttle) reappears and runs twice; read Timeout with GetFunctionConfigurationCommand',
    'zh-cn': '队列 {name} 的 VisibilityTimeout 是 {visibility} 秒，而函数最多可能运行 {timeout} 秒：AWS 建议至少是函数超时的六倍（{least} 秒），否则仍在运行（或因限流而重试）的一批消息会重新出现并再运行一次；用 GetFunctionConfigurationCommand 读取 Timeout',
  },
  noMapping: {
    en: 'function {function} has no event source mapping from queue {queue}: connect them with CreateEventSourceMappingCommand({ EventSourceArn: <the queue\'s ARN>, FunctionName: setup.functionArn })',
    'zh-cn': '函数 {function} 没有来自队列 {queue} 的事件源映射：用 CreateEventSourceMappingCommand({ EventSourceArn: <队列的 ARN>, FunctionName: setup.functionArn }) 把它们连接起来',
  },
  batchSize: { en: 'the BatchSize of the mapping', 'zh-cn': '映射的 BatchSize' },
  noWindow: {
    en: 'the mapping has MaximumBatchingWindowInSeconds {window}: give it a batching window of at least 1 second, so Lambda gathers fuller batches instead of invoking the function for every few messages',
    'zh-cn': '映射的 MaximumBatchingWindowInSeconds 是 {window}：给它至少 1 秒的批处理窗口，这样 Lambda 会凑成更满的批次，而不是每来几条消息就调用一次函数',
  },
  noReport: {
    en: 'the mapping\'s FunctionResponseTypes are {types}: without ReportBatchItemFailures Lambda ignores batchItemFailures, so one bad message fails (or passes) its whole batch',
    'zh-cn': '映射的 FunctionResponseTypes 是 {types}：没有 ReportBatchItemFailures 时，Lambda 会忽略 batchItemFailures，于是一条坏消息会让整批消息一起失败（或一起通过）',
  },
  none: { en: 'none', 'zh-cn': '无' },
  mappingDisabled: {
    en: 'the mapping is {state}, so Lambda does not poll the queue: create it enabled (Enabled is true by default)',
    'zh-cn': '映射处于 {state} 状态，所以 Lambda 不会轮询队列：以启用状态创建它（Enabled 默认为 true）',
  },
  notSettled: {
    en: 'after {seconds} s, {count} message(s) are still in queue {name}, visible or in flight: a message that keeps failing comes back after every visibility timeout ({visibility} s) until its receives pass maxReceiveCount; without a RedrivePolicy it never stops',
    'zh-cn': '{seconds} 秒之后，队列 {name} 中仍有 {count} 条消息（可见的或正在处理的）：一条不断失败的消息会在每次可见性超时（{visibility} 秒）之后回来，直到接收次数超过 maxReceiveCount；没有 RedrivePolicy 时它永远不会停下',
  },
  notFulfilled: {
    en: 'order {id} was sent to the queue, but its item has status {status} and no fulfilledAt{fate}{said}',
    'zh-cn': '订单 {id} 已经发送到队列，但它的项目的 status 是 {status}，也没有 fulfilledAt{fate}{said}',
  },

  fateDeadLettered: {
    en: ': its message went to the dead-letter queue, so its batch failed every time; catch each message\'s failure and report only that one in batchItemFailures',
    'zh-cn': '：它的消息进入了死信队列，说明它所在的批次每次都失败了；分别捕获每条消息的失败，只在 batchItemFailures 中报告失败的那条',
  },

  fateNone: {
    en: ': set status \'fulfilled\', fulfilledAt and fulfilledBy with UpdateCommand on the table process.env.TABLE_NAME',
    'zh-cn': '：在表 process.env.TABLE_NAME 上用 UpdateCommand 设置 status \'fulfilled\'、fulfilledAt 和 fulfilledBy',
  },
  lambdaSaid: {
    en: '; the emulator said of a batch: "{detail}"',
    'zh-cn': '；模拟器对其中一批消息的说明是："{detail}"',
  },
  fulfilledByOther: {
    en: 'order {id} has fulfilledBy {got}, which is not the messageId of a message that carried it ({ids}): store the record\'s messageId',
    'zh-cn': '订单 {id} 的 fulfilledBy 是 {got}，它不是携带这个订单的任何一条消息的 messageId（{ids}）：保存记录的 messageId',
  },
  notIso: {
    en: 'order {id} has fulfilledAt {got}: store when it was fulfilled as an ISO 8601 string (new Date().toISOString())',
    'zh-cn': '订单 {id} 的 fulfilledAt 是 {got}：把履约时间保存为 ISO 8601 字符串（new Date().toISOString()）',
  },
  orderOverwritten: {
    en: 'the item of order {id} lost its {field}: update the order (UpdateCommand with SET) instead of putting a new item over it',
    'zh-cn': '订单 {id} 的项目丢失了 {field}：更新这个订单（带 SET 的 UpdateCommand），而不是用一个新项目覆盖它',
  },
  noneFulfilled: {
    en: 'no order was fulfilled, so no repeat could be tried: make the check on good orders pass first',
    'zh-cn': '没有任何订单被履约，所以无法尝试重复投递：先让关于合格订单的检查通过',
  },
  fulfilledAgain: {
    en: 'order {id} was fulfilled by message {first}, then again by message {second}, a repeat sent later: make the update conditional (attribute_not_exists(fulfilledAt)), so a repeat changes nothing',
    'zh-cn': '订单 {id} 先由消息 {first} 履约，之后又被稍后发送的重复消息 {second} 再履约了一次：给更新加上条件（attribute_not_exists(fulfilledAt)），这样重复消息不会改变任何东西',
  },
  duplicateDeadLettered: {
    en: 'message {messageId} repeats order {id}, which was fulfilled already, but it went to the dead-letter queue: a failed condition on an order that exists means the work is done, so answer success for that message',
    'zh-cn': '消息 {messageId} 重复了已经履约的订单 {id}，却进入了死信队列：对一个存在的订单，条件检查失败说明工作已经完成，所以这条消息应当算作成功',
  },
  poisonNotJson: { en: 'the message that is not JSON ({body})', 'zh-cn': '不是 JSON 的消息（{body}）' },
  poisonNoOrderId: { en: 'the message without an orderId ({body})', 'zh-cn': '没有 orderId 的消息（{body}）' },
  poisonUnknown: { en: 'the message for order {id}, which does not exist', 'zh-cn': '指向不存在的订单 {id} 的消息' },
  poisonNotDeadLettered: {
    en: '{what} can never succeed, yet it is not in the dead-letter queue {dlq}{where}',
    'zh-cn': '{what}永远不可能成功，却不在死信队列 {dlq} 中{where}',
  },
  whereQueued: {
    en: ': it is still in the queue, coming back after every visibility timeout; give the queue a RedrivePolicy',
    'zh-cn': '：它仍在队列里，每次可见性超时之后都会回来；给队列设置 RedrivePolicy',
  },
  whereGone: {
    en: ': it was deleted as if it had succeeded; report it in batchItemFailures by its messageId, and give the mapping FunctionResponseTypes [\'ReportBatchItemFailures\']',
    'zh-cn': '：它被当作成功处理而删除了；在 batchItemFailures 中用它的 messageId 报告它，并给映射设置 FunctionResponseTypes [\'ReportBatchItemFailures\']',
  },
  poisonReceives: { en: 'the receives of {what} before it moved to the dead-letter queue', 'zh-cn': '{what}在移入死信队列之前被接收的次数' },
  goodDeadLettered: {
    en: 'message {messageId} (good order {id}) is in the dead-letter queue, where only poison messages belong: report only failed messages in batchItemFailures, each by its messageId{said}',
    'zh-cn': '消息 {messageId}（合格订单 {id}）在死信队列中，而那里只应有毒消息：只在 batchItemFailures 中报告失败的消息，每条都用它的 messageId{said}',
  },

  unknownStored: {
    en: 'a poison message names order {id}, which does not exist, yet the table now has an item for it: add attribute_exists(orderId) to the condition, so an unknown order fails instead of being created',
    'zh-cn': '一条毒消息指向并不存在的订单 {id}，表里却出现了它的项目：在条件中加上 attribute_exists(orderId)，这样未知的订单会失败，而不会被凭空创建',
  },
  lost: {
    en: '{count} of the {sent} messages sent are neither fulfilled nor in the dead-letter queue, nor still queued: {ids}',
    'zh-cn': '发送的 {sent} 条消息中，有 {count} 条既没有被履约，也不在死信队列中，也不在队列里：{ids}',
  },
  both: {
    en: 'message {messageId} (order {id}) was fulfilled and is in the dead-letter queue as well: replaying the dead-letter queue would deliver it again; only messages that failed belong there',
    'zh-cn': '消息 {messageId}（订单 {id}）已经履约，却同时也在死信队列中：重放死信队列会再次投递它；那里只应有失败的消息',
  },
});
