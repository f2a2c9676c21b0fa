/** What lab 09's grader says, in both languages: its tests call these by id. AWS's error codes and messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 09 message by id. */
export const say = catalogue('lab09', {
  threw: { en: '{fn} threw {name}: {message}', 'zh-cn': '{fn} 抛出了 {name}："{message}"' },
  noReserved: {
    en: 'function {name} has no reserved concurrency, so a burst runs as many copies as arrive: in protectPayments send PutFunctionConcurrencyCommand with ReservedConcurrentExecutions: {limit}',
    'zh-cn': '函数 {name} 没有预留并发，所以突发流量来多少就运行多少份：在 protectPayments 中发送 PutFunctionConcurrencyCommand，并设置 ReservedConcurrentExecutions: {limit}',
  },
  reservedValue: {
    en: 'the reserved concurrency of {name} is {got}, not {limit}: the provider accepts {limit} charges at once, so reserve exactly that many (fewer wastes what it accepts, more overloads it)',
    'zh-cn': '{name} 的预留并发是 {got}，而不是 {limit}：服务商同时只接受 {limit} 笔扣款，所以正好预留这么多（少了浪费服务商的容量，多了会压垮它）',
  },
  tooManyCharges: {
    en: 'during the {phase} the provider was charging {most} cards at once, more than the {limit} it accepts: Lambda ran more copies of {name} than its reserved concurrency should allow; set ReservedConcurrentExecutions to {limit}',
    'zh-cn': '在{phase}期间，服务商同时在处理 {most} 笔扣款，超过了它能接受的 {limit} 笔：Lambda 运行的 {name} 副本数超过了预留并发应当允许的数量；把 ReservedConcurrentExecutions 设为 {limit}',
  },
  phaseBurst: { en: 'burst of {count} synchronous charges', 'zh-cn': '{count} 笔同步扣款的突发流量' },
  phaseEvents: { en: 'wave of {count} asynchronous charges', 'zh-cn': '{count} 笔异步扣款的一波流量' },
  noThrottle: {
    en: 'of {count} charges sent at once, none was throttled: with {limit} reserved, Lambda refuses the calls beyond {limit} with 429 TooManyRequestsException',
    'zh-cn': '同时发送的 {count} 笔扣款中没有一笔被限流：预留 {limit} 个并发时，Lambda 会用 429 TooManyRequestsException 拒绝超出 {limit} 的调用',
  },
  wrongThrottle: {
    en: 'a throttled call got {got}, not 429 TooManyRequestsException with Reason ReservedFunctionConcurrentInvocationLimitExceeded',
    'zh-cn': '一次被限流的调用得到的是 {got}，而不是带 Reason ReservedFunctionConcurrentInvocationLimitExceeded 的 429 TooManyRequestsException',
  },
  burstFailed: {
    en: 'a charge of the burst failed with {got}: only throttling (429) is expected, so look at the function\'s logs in /aws/lambda/{name}',
    'zh-cn': '突发流量中的一笔扣款以 {got} 失败：这里只应出现限流（429），请查看函数在 /aws/lambda/{name} 中的日志',
  },
  eventRefused: {
    en: 'Invoke with InvocationType Event answered {got}: Lambda queues an asynchronous event (202) even when the function is at its limit, and retries it later',
    'zh-cn': 'InvocationType 为 Event 的 Invoke 得到的是 {got}：即使函数已达到并发上限，Lambda 也会把异步事件放进队列（202），稍后再重试',
  },
  eventLost: {
    en: 'order {id}, sent as an asynchronous event while {name} was at its limit, was charged {count} times, not once: a throttled event must be retried by Lambda until it runs, once',
    'zh-cn': '订单 {id} 在 {name} 达到并发上限时作为异步事件发送，被扣款了 {count} 次，而不是一次：被限流的事件应当由 Lambda 重试直到运行，并且只运行一次',
  },
  noMapping: {
    en: 'the queue {queue} has no event source mapping to {name}: create one in bufferShipments (CreateEventSourceMappingCommand)',
    'zh-cn': '队列 {queue} 没有指向 {name} 的事件源映射：在 bufferShipments 中创建一个（CreateEventSourceMappingCommand）',
  },
  tooManyBatches: {
    en: 'the warehouse was booking {most} orders at once, more than {limit}: Lambda read the queue with more batches at once than it should; set ScalingConfig: { MaximumConcurrency: {limit} } on the event source mapping',
    'zh-cn': '仓库同时在处理 {most} 个订单，超过了 {limit} 个：Lambda 同时读取队列的批次太多了；在事件源映射上设置 ScalingConfig: { MaximumConcurrency: {limit} }',
  },
  shipmentLost: {
    en: 'order {id} was sent to the queue {queue} but never reached the warehouse ({shipped} of {sent} orders did): check the mapping is enabled and points at {name}',
    'zh-cn': '订单 {id} 已发送到队列 {queue}，却从未到达仓库（{sent} 个订单中到达了 {shipped} 个）：检查映射是否已启用并指向 {name}',
  },
  queueNotEmpty: {
    en: 'after every order was booked, the queue {queue} still holds {count} message(s): a batch that succeeded must leave nothing behind; answer batchItemFailures only for the messages that failed',
    'zh-cn': '所有订单都已登记后，队列 {queue} 中仍有 {count} 条消息：成功的批次不应留下任何消息；只为失败的消息返回 batchItemFailures',
  },
  noReports: {
    en: 'no REPORT line reached the log group /aws/lambda/{name}: the functions did not run, so there is nothing to bill; make the checks above pass first',
    'zh-cn': '日志组 /aws/lambda/{name} 中没有任何 REPORT 行：函数没有运行，所以没有可计费的内容；先让上面的检查通过',
  },
  badBill: {
    en: 'monthlyBill answered {got}, not a bill with functions and totalDollars: return the MonthlyBill the file describes',
    'zh-cn': 'monthlyBill 返回的是 {got}，而不是带 functions 和 totalDollars 的账单：返回文件中描述的 MonthlyBill',
  },
  noFunction: {
    en: 'the bill has no entry for function {name}: add one FunctionBill per function of the request',
    'zh-cn': '账单中没有函数 {name} 的条目：为请求中的每个函数添加一个 FunctionBill',
  },
  sampled: {
    en: 'the bill read {got} REPORT line(s) of {name}, but the log group holds {expected} in the window: read them all with FilterLogEvents (startTime, endTime, filterPattern \'"REPORT RequestId"\') and follow nextToken',
    'zh-cn': '账单读取了 {name} 的 {got} 行 REPORT，但时间窗口内日志组中有 {expected} 行：用 FilterLogEvents（startTime、endTime、filterPattern \'"REPORT RequestId"\'）读出全部，并跟随 nextToken 翻页',
  },
  perInvocation: {
    en: 'an average invocation of {name} bills {got} GB-s in your report, AWS bills {expected} GB-s. {advice}',
    'zh-cn': '在你的报告中，{name} 平均每次调用计费 {got} GB 秒，而 AWS 计费 {expected} GB 秒。{advice}',
  },
  adviceInit: {
    en: 'Your figure is what the Duration field gives: use Billed Duration, which Lambda rounds up to the millisecond and which includes the Init Duration of each cold start (billed since August 2025)',
    'zh-cn': '你的数字正是用 Duration 字段算出来的：请使用 Billed Duration，Lambda 会把它向上取整到毫秒，并且其中包含每次冷启动的 Init Duration（自 2025 年 8 月起计费）',
  },
  adviceMemory: {
    en: 'Your figure is what {memory} MB would cost: read each line\'s Memory Size (this function has {actual} MB) and divide by 1,024 for GB',
    'zh-cn': '你的数字是按 {memory} MB 算出来的：请读取每一行的 Memory Size（这个函数是 {actual} MB），再除以 1,024 换算成 GB',
  },
  adviceRounding: {
    en: 'Each invocation is billed its Billed Duration in milliseconds (rounded up to 1 ms since December 2020, not to 100 ms): billed ms / 1000 × Memory Size MB / 1024',
    'zh-cn': '每次调用按 Billed Duration 的毫秒数计费（自 2020 年 12 月起向上取整到 1 毫秒，而不是 100 毫秒）：计费毫秒数 / 1000 × Memory Size MB / 1024',
  },
  dollars: {
    en: 'the month\'s bill of {name} is ${got} in your report, ${expected} at AWS\'s prices ({requests} requests at $0.20 per million, {gbSeconds} GB-s at $0.0000166667, free tier excluded)',
    'zh-cn': '在你的报告中，{name} 这个月的账单是 ${got}，按 AWS 的价格是 ${expected}（{requests} 次请求，每百万次 $0.20；{gbSeconds} GB 秒，每 GB 秒 $0.0000166667；不计免费套餐）',
  },
  total: {
    en: 'totalDollars is ${got}, but the functions\' bills add up to ${expected}: totalDollars is the sum of every function\'s dollars',
    'zh-cn': 'totalDollars 是 ${got}，但各函数的账单加起来是 ${expected}：totalDollars 应当是每个函数 dollars 的总和',
  },
  pricesNamed: {
    en: 'the bill says region {region}, architecture {architecture}, free tier {freeTier}: the prices are those of us-east-1 on x86_64, with the free tier excluded; say so in region, architecture and freeTier',
    'zh-cn': '账单写的是区域 {region}、架构 {architecture}、免费套餐 {freeTier}：这些价格是 us-east-1、x86_64 的价格，并且不计免费套餐；请在 region、architecture 和 freeTier 中如实写明',
  },
});
