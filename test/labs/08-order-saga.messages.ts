/** What lab 08's grader says, in both languages: its tests call these by id. AWS's names and messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 08 message by id. */
export const say = catalogue('lab08', {
  threw: { en: '{setup} threw {name}: {message}', 'zh-cn': '{setup} 抛出了 {name}："{message}"' },
  none: { en: 'none', 'zh-cn': '无' },
  writerFailed: {
    en: 'placing order {id} failed with {errorType}: placeOrder must store the order and its outbox item and answer { status: \'accepted\', orderId }',
    'zh-cn': '下订单 {id} 失败，错误为 {errorType}：placeOrder 必须保存订单和它的发件箱项目，并回答 { status: \'accepted\', orderId }',
  },
  notStored: {
    en: 'order {id} is not in the table {table}: put the order (process.env.ORDERS_TABLE) in the TransactWriteCommand',
    'zh-cn': '订单 {id} 不在表 {table} 中：把订单（process.env.ORDERS_TABLE）放进 TransactWriteCommand',
  },
  noEvent: {
    en: 'no Order Placed event of order {id} reached the bus {bus}: the relay must PutEvents each new outbox item of the stream to process.env.EVENT_BUS, and setupOutbox must map the outbox table\'s stream to the relay',
    'zh-cn': '订单 {id} 的 Order Placed 事件没有到达总线 {bus}：中继函数必须把流中的每个新发件箱项目用 PutEvents 发送到 process.env.EVENT_BUS，而 setupOutbox 必须把发件箱表的流映射到中继函数',
  },
  eventField: { en: 'the field {field} of the event of order {id}', 'zh-cn': '订单 {id} 的事件的字段 {field}' },
  noTransaction: {
    en: 'placing order {id} made no TransactWriteItems call: write the order and its outbox item in one TransactWriteCommand, so both are stored or neither is',
    'zh-cn': '下订单 {id} 时没有调用 TransactWriteItems：在一个 TransactWriteCommand 中同时写入订单和它的发件箱项目，这样两者要么都保存，要么都不保存',
  },
  notStoredAfterCrash: {
    en: 'order {id} is not in the table {table} after its writer ended right after the TransactWriteItems call (the invocation failed with {errorType}): the transaction must contain the order',
    'zh-cn': '写入函数在 TransactWriteItems 调用之后立即结束（调用失败，错误为 {errorType}），之后订单 {id} 不在表 {table} 中：事务中必须包含订单',
  },
  eventLost: {
    en: 'order {id} is stored but its event was never published: its writer ended right after writing the order, before it could call PutEvents. Write the event into the outbox in the same TransactWriteCommand as the order; the relay publishes it from the stream',
    'zh-cn': '订单 {id} 已保存，但它的事件从未发布：写入函数在写完订单之后、调用 PutEvents 之前就结束了。在写订单的同一个 TransactWriteCommand 中把事件写进发件箱；中继函数会从流中发布它',
  },
  publishedTwice: {
    en: 'the Order Placed event of order {id} was published {count} times: the relay must publish only INSERT records, and a retry of a placed order must write no new outbox item (attribute_not_exists conditions)',
    'zh-cn': '订单 {id} 的 Order Placed 事件被发布了 {count} 次：中继函数只能发布 INSERT 记录，而已下订单的重试不能写入新的发件箱项目（使用 attribute_not_exists 条件）',
  },
  retryFailed: {
    en: 'the retry of order {id} (the same order sent again) failed with {errorType}: a TransactionCanceledException whose CancellationReasons include ConditionalCheckFailed means the order exists, so answer { status: \'duplicate\', orderId } instead of throwing',
    'zh-cn': '订单 {id} 的重试（再次发送同一个订单）失败，错误为 {errorType}：CancellationReasons 中含有 ConditionalCheckFailed 的 TransactionCanceledException 表示订单已经存在，所以要回答 { status: \'duplicate\', orderId }，而不是抛出错误',
  },
  overwritten: {
    en: 'the retry of order {id} wrote the order again (createdAt went from {first} to {second}): give both Puts of the transaction ConditionExpression \'attribute_not_exists(...)\' on their keys',
    'zh-cn': '订单 {id} 的重试再次写入了订单（createdAt 从 {first} 变成了 {second}）：给事务中的两个 Put 都加上针对各自键的 ConditionExpression \'attribute_not_exists(...)\'',
  },
  noMachineArn: {
    en: 'setupSaga answered {got}, not the state machine\'s ARN: return stateMachineArn from CreateStateMachine (or of the machine you updated)',
    'zh-cn': 'setupSaga 回答的是 {got}，而不是状态机的 ARN：返回 CreateStateMachine 给出的 stateMachineArn（或者你更新的那台状态机的 ARN）',
  },
  planOk: { en: 'every step succeeds', 'zh-cn': '每一步都成功' },
  planFlaky: { en: 'the payments service answers 503 ServiceUnavailable once', 'zh-cn': '付款服务会回答一次 503 ServiceUnavailable' },
  planNoStock: { en: 'the stock service refuses it with OutOfStock', 'zh-cn': '库存服务以 OutOfStock 拒绝它' },
  planDeclined: { en: 'the card is declined (PaymentDeclined)', 'zh-cn': '银行卡被拒绝（PaymentDeclined）' },
  planNoReceipt: { en: 'the receipt is refused (ReceiptRefused)', 'zh-cn': '收据被拒绝（ReceiptRefused）' },
  notSucceeded: {
    en: 'the execution of order {id} ({how}) ended {status}, not SUCCEEDED: {advice}',
    'zh-cn': '订单 {id}（{how}）的执行以 {status} 结束，而不是 SUCCEEDED：{advice}',
  },
  adviceRetry: {
    en: 'give each step a Retry on ServiceUnavailable (IntervalSeconds 1, MaxAttempts 2, BackoffRate 2): a service that is briefly down answers the second call',
    'zh-cn': '给每一步加上针对 ServiceUnavailable 的 Retry（IntervalSeconds 1、MaxAttempts 2、BackoffRate 2）：暂时不可用的服务会回答第二次调用',
  },
  adviceGeneric: {
    en: 'look at its history in the resource explorer (or GetExecutionHistory): each Task runs the step function with { step, order }, and the last step goes to a Succeed state',
    'zh-cn': '在资源浏览器中（或用 GetExecutionHistory）查看它的历史：每个 Task 用 { step, order } 运行步骤函数，最后一步进入 Succeed 状态',
  },
  charges: { en: 'the number of charges of order {id}', 'zh-cn': '订单 {id} 的扣款次数' },
  reserves: { en: 'the number of stock reservations of order {id}', 'zh-cn': '订单 {id} 的库存预留次数' },
  noReceipt: {
    en: 'order {id} completed but the bucket {bucket} has no receipts/{id}.json: the write-receipt step puts the receipt there (process.env.RECEIPTS_BUCKET)',
    'zh-cn': '订单 {id} 已完成，但存储桶 {bucket} 中没有 receipts/{id}.json：write-receipt 步骤要把收据放在那里（process.env.RECEIPTS_BUCKET）',
  },
  stockUnbalanced: {
    en: 'order {id} failed ({how}) but {units} units of its stock are still reserved (what happened: {effects}): the Catch of every step after ReserveStock must lead to the release of the stock',
    'zh-cn': '订单 {id} 失败了（{how}），但它仍有 {units} 件库存处于预留状态（发生的操作：{effects}）：ReserveStock 之后每一步的 Catch 都必须通向释放库存',
  },
  moneyUnbalanced: {
    en: 'order {id} failed ({how}) but {cents} cents of its payment were kept (what happened: {effects}): the Catch of the step after TakePayment must lead to the refund',
    'zh-cn': '订单 {id} 失败了（{how}），但它的付款中仍有 {cents} 分没有退还（发生的操作：{effects}）：TakePayment 之后那一步的 Catch 必须通向退款',
  },
  receiptForFailed: {
    en: 'order {id} failed ({how}) but has a receipt: write the receipt only in the last step, once stock and payment are done',
    'zh-cn': '订单 {id} 失败了（{how}），却有收据：只在最后一步、库存和付款都完成之后才写收据',
  },
  notFailed: {
    en: 'the execution of order {id} ({how}) ended {status}, not FAILED: after the compensations, end in a Fail state, so the execution\'s status says the order was not placed',
    'zh-cn': '订单 {id}（{how}）的执行以 {status} 结束，而不是 FAILED：补偿完成之后要进入 Fail 状态，这样执行的状态就能说明订单没有下成',
  },
  wrongOrder: {
    en: 'when the receipt of order {id} was refused, the compensations ran as {got}, not refund then release: undo the newest step first (RefundPayment, then ReleaseStock)',
    'zh-cn': '订单 {id} 的收据被拒绝时，补偿的执行顺序是 {got}，而不是先退款再释放库存：先撤销最新的一步（先 RefundPayment，再 ReleaseStock）',
  },
  redeliveryFailed: {
    en: 'the grader ran the {step} step of order {id} with { step: \'{step}\', order } and nothing was undone: sagaStep must call the service for that step',
    'zh-cn': '评分程序用 { step: \'{step}\', order } 运行了订单 {id} 的 {step} 步骤，但什么也没有撤销：sagaStep 必须为这一步调用相应的服务',
  },
  compensatedTwice: {
    en: 'order {id} ({how}): delivering its {step} step again (as a retry or a redelivery does) undid it {count} times in all: pass the idempotency key {step}#{id} to the service, so it answers a repeated call once',
    'zh-cn': '订单 {id}（{how}）：再次投递它的 {step} 步骤（重试或重复投递都会这样）后，一共撤销了 {count} 次：给服务传入幂等键 {step}#{id}，这样它对重复的调用只回应一次',
  },
  chorNotCompleted: {
    en: 'order {id} ({how}) was not completed by the choreography: the events announced for it were {events}, with no Receipt Written. {advice}',
    'zh-cn': '协同式 Saga 没有完成订单 {id}（{how}）：为它发布的事件是 {events}，其中没有 Receipt Written。{advice}',
  },
  chorAdviceRetry: {
    en: 'A busy service (ServiceUnavailable) is not a refusal: let choreographyStep throw it, so Lambda delivers the event again; announce a failure only for OutOfStock, PaymentDeclined and ReceiptRefused.',
    'zh-cn': '繁忙的服务（ServiceUnavailable）并不是拒绝：让 choreographyStep 把它抛出，这样 Lambda 会再次投递这个事件；只有 OutOfStock、PaymentDeclined 和 ReceiptRefused 才发布失败事件。',
  },
  chorAdviceGeneric: {
    en: 'Each rule of setupChoreography sends one step\'s event to the step function (Order Placed, Stock Reserved, Payment Succeeded), with a permission for events.amazonaws.com, and each step announces its outcome with PutEvents on process.env.EVENT_BUS.',
    'zh-cn': 'setupChoreography 的每条规则都把一步的事件发送给步骤函数（Order Placed、Stock Reserved、Payment Succeeded），并给 events.amazonaws.com 授予调用权限；每一步都用 PutEvents 在 process.env.EVENT_BUS 上发布它的结果。',
  },
  chorNotFailed: {
    en: 'order {id} ({how}) did not end as failed under the choreography (the events announced for it: {events}): a refused step announces its failure (Stock Unavailable, Payment Failed, Receipt Refused), and the undoing ends with Stock Released',
    'zh-cn': '在协同式 Saga 中，订单 {id}（{how}）没有以失败结束（为它发布的事件：{events}）：被拒绝的一步要发布它的失败事件（Stock Unavailable、Payment Failed、Receipt Refused），撤销以 Stock Released 结束',
  },
  chorStockUnbalanced: {
    en: 'order {id} failed ({how}) but {units} units of its stock are still reserved under the choreography (what happened: {effects}): a rule must send Payment Failed and Payment Refunded to the step function, whose release-stock puts the stock back',
    'zh-cn': '订单 {id} 失败了（{how}），但在协同式 Saga 中它仍有 {units} 件库存处于预留状态（发生的操作：{effects}）：必须有一条规则把 Payment Failed 和 Payment Refunded 发送给步骤函数，由它的 release-stock 把库存放回去',
  },
  chorMoneyUnbalanced: {
    en: 'order {id} failed ({how}) but {cents} cents of its payment were kept under the choreography (what happened: {effects}): a rule must send Receipt Refused to the step function, whose refund-payment gives the money back',
    'zh-cn': '订单 {id} 失败了（{how}），但在协同式 Saga 中它的付款中仍有 {cents} 分没有退还（发生的操作：{effects}）：必须有一条规则把 Receipt Refused 发送给步骤函数，由它的 refund-payment 退款',
  },
  chorReceiptForFailed: {
    en: 'order {id} failed ({how}) but has a receipt under the choreography (the events announced for it: {events}): a step announces its success only after its work succeeded, never before it',
    'zh-cn': '订单 {id} 失败了（{how}），但在协同式 Saga 中却有收据（为它发布的事件：{events}）：一步只有在它的工作成功之后才能发布成功事件，绝不能在那之前',
  },
  chorWrongOrder: {
    en: 'when the receipt of order {id} was refused, the choreography\'s compensations ran as {got}, not refund then release: Receipt Refused starts the refund, and only Payment Refunded (the refund\'s own event) releases the stock',
    'zh-cn': '订单 {id} 的收据被拒绝时，协同式 Saga 的补偿执行顺序是 {got}，而不是先退款再释放库存：Receipt Refused 触发退款，只有 Payment Refunded（退款自己的事件）才释放库存',
  },
  chorNoCompensation: {
    en: 'order {id} ({how}) needs its {step} compensation, but no {events} event was announced for it to start one: each step announces its outcome on the bus, and a rule sends that event to the compensation',
    'zh-cn': '订单 {id}（{how}）需要它的 {step} 补偿，但没有为它发布任何 {events} 事件来触发补偿：每一步都要在总线上发布它的结果，再由一条规则把这个事件发送给补偿步骤',
  },
  disagree: {
    en: 'order {id} ({how}) ended {orchestrated} under the state machine, but its copy {copy} ended {choreographed} under the choreography: both versions must take the same steps and undo them the same way, newest first',
    'zh-cn': '订单 {id}（{how}）在状态机中的结局是 {orchestrated}，而它的副本 {copy} 在协同式 Saga 中的结局是 {choreographed}：两个版本必须执行同样的步骤，并以同样的方式、从最新的一步开始撤销',
  },
  endState: { en: '{outcome} (services: {effects}; {receipt})', 'zh-cn': '{outcome}（服务操作：{effects}；{receipt}）' },
  stateCompleted: { en: 'completed', 'zh-cn': '已完成' },
  stateFailed: { en: 'failed', 'zh-cn': '已失败' },
  stateUnfinished: { en: 'unfinished', 'zh-cn': '未结束' },
  withReceipt: { en: 'a receipt', 'zh-cn': '有收据' },
  withoutReceipt: { en: 'no receipt', 'zh-cn': '没有收据' },
});

/** How an order's saga is planned to fail, in the learner's language. */
export const howOf = (plan: 'ok' | 'flaky' | 'no-stock' | 'declined' | 'no-receipt') =>
  say(({ ok: 'planOk', flaky: 'planFlaky', 'no-stock': 'planNoStock', declined: 'planDeclined', 'no-receipt': 'planNoReceipt' } as const)[plan]);
