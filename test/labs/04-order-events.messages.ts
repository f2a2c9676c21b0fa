/** What lab 04's grader says, in both languages: its tests call these by id. Trace details and AWS's messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 04 message by id. */
export const say = catalogue('lab04', {
  threw: { en: 'setupOrderEvents threw {name}: {message}', 'zh-cn': 'setupOrderEvents 抛出了 {name}："{message}"' },
  noRule: {
    en: 'there is no rule {rule} on bus {bus} after setupOrderEvents returned ({message})',
    'zh-cn': 'setupOrderEvents 返回后，总线 {bus} 上并没有规则 {rule}（"{message}"）',
  },
  eventRefused: {
    en: 'PutEvents on bus {bus} refused the grader\'s event: {code}: {message} (does setupOrderEvents create the bus?)',
    'zh-cn': '总线 {bus} 上的 PutEvents 拒绝了评分程序的事件：{code}："{message}"（setupOrderEvents 创建这条总线了吗？）',
  },
  notAllowed: {
    en: 'EventBridge was not allowed to invoke the function, so {what} was dropped: the function needs a permission (AddPermission) for principal events.amazonaws.com to call lambda:InvokeFunction, with SourceArn the rule\'s ARN. The trace says: {reason}',
    'zh-cn': 'EventBridge 无权调用该函数，所以{what}被丢弃了：函数需要一条权限（AddPermission），允许主体 events.amazonaws.com 调用 lambda:InvokeFunction，并以规则的 ARN 作为 SourceArn。跟踪记录中的原因：{reason}',
  },
  notDelivered: { en: 'EventBridge did not deliver {what} to the function: {detail}', 'zh-cn': 'EventBridge 没有把{what}投递给函数："{detail}"' },
  functionFailed: { en: 'the function failed on {what}: {detail}', 'zh-cn': '函数处理{what}时失败了："{detail}"' },
  notMatched: { en: 'rule {rule} did not match {what}: field {field}: {reason}', 'zh-cn': '规则 {rule} 没有匹配{what}：字段 {field}："{reason}"' },
  noRuleSaw: { en: 'no rule named {rule} on bus {bus} saw {what}', 'zh-cn': '总线 {bus} 上没有名为 {rule} 的规则收到{what}' },
  noTarget: {
    en: 'rule {rule} matched {what} but has no target: add the function with PutTargets',
    'zh-cn': '规则 {rule} 匹配了{what}，但它没有目标：用 PutTargets 把函数添加为目标',
  },
  itemStored: { en: 'the item stored for {what}', 'zh-cn': '为{what}保存的项目' },
  notArrived: { en: '{what} did not reach the orders table within {seconds} s', 'zh-cn': '{what}没有在 {seconds} 秒内到达订单表' },
  createdEvent: { en: 'the Order Placed event of order {id}', 'zh-cn': '订单 {id} 的 Order Placed 事件' },
  createdEventLast: {
    en: 'the Order Placed event of order {id} (published after the others)',
    'zh-cn': '订单 {id} 的 Order Placed 事件（在其他事件之后发布）',
  },
  createdEventRerun: {
    en: 'the Order Placed event of order {id} (published after the second run)',
    'zh-cn': '订单 {id} 的 Order Placed 事件（在第二次运行之后发布）',
  },
  eventFrom: { en: 'an {detailType} event from {source}', 'zh-cn': '来自 {source} 的 {detailType} 事件' },
  lowerCase: { en: 'an event with detail-type "order created" (lower case)', 'zh-cn': 'detail-type 为 "order created"（小写）的事件' },
  otherEvent: { en: 'an event from another source with another detail-type', 'zh-cn': '来自其他来源、带有其他 detail-type 的事件' },
  letThrough: {
    en: 'rule {rule} let {what} through to the function: its pattern must require source shop.orders and detail-type Order Placed, exactly',
    'zh-cn': '规则 {rule} 让{what}到达了函数：它的模式必须精确要求 source 为 shop.orders、detail-type 为 Order Placed',
  },
  returnedValue: { en: 'the value setupOrderEvents returned (the rule\'s ARN)', 'zh-cn': 'setupOrderEvents 返回的值（规则的 ARN）' },
  noPolicy: {
    en: 'function {name} has no resource policy: EventBridge may not invoke it (AddPermission adds a statement)',
    'zh-cn': '函数 {name} 没有基于资源的策略：EventBridge 无法调用它（AddPermission 会添加一条语句）',
  },
  noEventsStatement: {
    en: 'no statement of {name}\'s resource policy names the principal events.amazonaws.com',
    'zh-cn': '函数 {name} 的资源策略中没有任何语句指定主体 events.amazonaws.com',
  },
  unscoped: {
    en: 'the permission lets any EventBridge rule invoke the function: give AddPermission SourceArn (the rule\'s ARN) so it allows this rule only',
    'zh-cn': '这条权限允许任何 EventBridge 规则调用函数：给 AddPermission 传入 SourceArn（规则的 ARN），让它只允许这条规则',
  },
  sourceArns: { en: 'the SourceArn condition of the permission for events.amazonaws.com', 'zh-cn': '授予 events.amazonaws.com 的权限中的 SourceArn 条件' },
  rerunThrew: {
    en: 'setupOrderEvents threw {name} when run a second time: {message}. Setup code is run again after every change, so what exists already must not make it fail: catch exactly the "already exists" error of a create call, or replace what the first run made',
    'zh-cn': '第二次运行时，setupOrderEvents 抛出了 {name}："{message}"。每次修改之后设置代码都会再次运行，所以已经存在的资源不能让它失败：只捕获创建调用的“已存在”错误，或者替换第一次运行创建的资源',
  },
  rulesAfterRerun: {
    en: 'after a second run bus {bus} has {count} rules ({names}), not one: give PutRule the same name each time',
    'zh-cn': '第二次运行后，总线 {bus} 上有 {count} 条规则（{names}），而不是一条：每次都给 PutRule 同一个名字',
  },
  patternAfterRerun: { en: 'the rule\'s pattern after a second run', 'zh-cn': '第二次运行后规则的模式' },
  targetsAfterRerun: {
    en: 'after a second run rule {rule} has {count} targets (ids {ids}): each event would reach the function {count} times; give the target the same Id on every run, so PutTargets replaces it',
    'zh-cn': '第二次运行后，规则 {rule} 有 {count} 个目标（Id 为 {ids}）：每个事件都会到达函数 {count} 次；每次运行都给目标同一个 Id，这样 PutTargets 会替换它',
  },
  statementsAfterRerun: {
    en: 'after a second run the function\'s policy has {count} statements for events.amazonaws.com, not one: use the same StatementId each run, and remove (RemovePermission) or keep the one an earlier run added',
    'zh-cn': '第二次运行后，函数的策略中有 {count} 条针对 events.amazonaws.com 的语句，而不是一条：每次运行使用同一个 StatementId，并删除（RemovePermission）或保留之前运行添加的那一条',
  },
  invokedTwice: {
    en: 'after a second run one event invoked the function {count} times: the setup must not add a second way for an event to reach it',
    'zh-cn': '第二次运行后，一个事件调用了函数 {count} 次：设置代码不能为事件再添加一条到达函数的途径',
  },
});
