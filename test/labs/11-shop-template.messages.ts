/** What lab 11's grader says, in both languages: its tests call these by id. CloudFormation's, IAM's and the trace's own words are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 11 message by id. */
export const say = catalogue('lab11', {
  noTemplate: { en: 'there is no template.yaml in the lab folder: write the shop\'s template there', 'zh-cn': '实验文件夹中没有 template.yaml：把商店的模板写在那里' },
  notYaml: { en: 'template.yaml is not valid YAML ({detail}): fix the indentation or quoting the message points at', 'zh-cn': 'template.yaml 不是有效的 YAML（{detail}）：修正消息所指位置的缩进或引号' },
  noResources: { en: 'template.yaml has no Resources section: declare the table, the bus, the queue and the three functions under Resources', 'zh-cn': 'template.yaml 没有 Resources 部分：在 Resources 下声明表、事件总线、队列和三个函数' },
  noHandler: { en: 'function {id} has no Handler: give it Handler: <file>.handler, like place-order.handler', 'zh-cn': '函数 {id} 没有 Handler：给它设置 Handler: <文件>.handler，比如 place-order.handler' },
  badHandler: { en: 'function {id} has Handler {handler}: write it as <file>.<export>, like place-order.handler', 'zh-cn': '函数 {id} 的 Handler 是 {handler}：请写成 <文件>.<导出名>，比如 place-order.handler' },
  noHandlerFile: {
    en: 'function {id} has Handler {handler}, but there is no {file}: CodeUri is the folder of the code (functions/) and Handler names a file in it',
    'zh-cn': '函数 {id} 的 Handler 是 {handler}，但没有 {file}：CodeUri 是代码所在的文件夹（functions/），Handler 指明其中的一个文件',
  },
  refused: { en: 'CloudFormation refused the template: {name}: {message}', 'zh-cn': 'CloudFormation 拒绝了这个模板：{name}：{message}' },
  changeSetFailed: { en: 'the change set could not be created: {reason}', 'zh-cn': '无法创建变更集：{reason}' },
  stackFailed: {
    en: 'the stack ended in {status}: {reason}. Fix that resource in template.yaml and check again',
    'zh-cn': '堆栈最终处于 {status}：{reason}。在 template.yaml 中修正这个资源，然后再次检查',
  },
  missingOutput: { en: 'the stack has no output {key}: add it under Outputs with Value: {value}', 'zh-cn': '堆栈没有输出 {key}：在 Outputs 下添加它，Value 设为 {value}' },
  noResourceOfType: { en: 'the stack has no {type}: declare it in template.yaml', 'zh-cn': '堆栈中没有 {type}：在 template.yaml 中声明它' },
  outputValue: { en: 'output {key} (it must be the stack\'s own {type})', 'zh-cn': '输出 {key}（它必须是这个堆栈自己的 {type}）' },
  wildcardAction: {
    en: 'role {role} allows action {action} (policy {policy}): a function may do only what its code does: use a SAM policy template like DynamoDBCrudPolicy or SQSSendMessagePolicy',
    'zh-cn': '角色 {role} 允许操作 {action}（策略 {policy}）：函数只应能做它的代码要做的事：使用 DynamoDBCrudPolicy 或 SQSSendMessagePolicy 这样的 SAM 策略模板',
  },
  wildcardResource: {
    en: 'role {role} allows {action} on every resource ("*", policy {policy}): name the table, bus or queue, as SAM\'s policy templates do (DynamoDBCrudPolicy: { TableName: !Ref OrdersTable })',
    'zh-cn': '角色 {role} 允许对所有资源（"*"，策略 {policy}）执行 {action}：像 SAM 策略模板那样指明表、事件总线或队列（DynamoDBCrudPolicy: { TableName: !Ref OrdersTable }）',
  },
  broadManaged: {
    en: 'role {role} has the managed policy {arn}, which allows far more than the function needs: replace it with a SAM policy template for the one table, bus or queue',
    'zh-cn': '角色 {role} 附加了托管策略 {arn}，它允许的远多于函数所需：把它换成只针对那一张表、那一条事件总线或那一个队列的 SAM 策略模板',
  },
  noRoles: { en: 'the stack has no IAM roles: give each function its own (SAM makes one per AWS::Serverless::Function)', 'zh-cn': '堆栈中没有 IAM 角色：给每个函数一个自己的角色（SAM 会为每个 AWS::Serverless::Function 创建一个）' },
  postOrder: { en: 'POST /orders with order {id}', 'zh-cn': '提交订单 {id} 的 POST /orders' },
  unreachable: { en: '{request} could not reach {url} ({reason}): is ApiUrl the API\'s endpoint?', 'zh-cn': '{request} 无法连接 {url}（{reason}）：ApiUrl 是 API 的端点吗？' },
  status: { en: 'the status code of {request}', 'zh-cn': '{request} 的状态码' },
  statusBecause: { en: '{request} got {status} instead of {expected}: {detail}', 'zh-cn': '{request} 得到 {status} 而不是 {expected}：{detail}' },
  noRoute: {
    en: '{request} got 404 Not Found: the API has no POST /orders route. Give PlaceOrderFunction an Events entry of Type HttpApi with Path /orders and Method post',
    'zh-cn': '{request} 得到 404 Not Found：API 没有 POST /orders 路由。给 PlaceOrderFunction 添加一个 Events 项，Type 为 HttpApi，Path 为 /orders，Method 为 post',
  },
  tableKey: {
    en: 'the table {table} has the key {key}, but the functions read and write orders by orderId: give it KeySchema [{ AttributeName: orderId, KeyType: HASH }] (and orderId in AttributeDefinitions, type S)',
    'zh-cn': '表 {table} 的键是 {key}，但函数按 orderId 读写订单：给它设置 KeySchema [{ AttributeName: orderId, KeyType: HASH }]（并在 AttributeDefinitions 中声明 orderId，类型为 S）',
  },
  body: { en: 'the body of the answer to {request}', 'zh-cn': '{request} 的响应体' },
  notStored: { en: '{request} was answered 201, but the table {table} has no order {id}: is TableName the table the function writes to?', 'zh-cn': '{request} 得到了 201，但表 {table} 中没有订单 {id}：TableName 是函数写入的那张表吗？' },
  stored: { en: 'the stored order {id}', 'zh-cn': '保存的订单 {id}' },
  notPacked: { en: 'order {id} was stored but not packed within {seconds} s: {cause}', 'zh-cn': '订单 {id} 已保存，但在 {seconds} 秒内没有打包：{cause}' },
  stuck: { en: 'order {id} was stored but cannot be packed: {cause}', 'zh-cn': '订单 {id} 已保存，但无法被打包：{cause}' },
  accessDenied: { en: 'a function was refused {action}: {detail}', 'zh-cn': '有一个函数被拒绝执行 {action}：{detail}' },
  eventRefused: { en: 'the OrderPlaced event was refused: {detail}', 'zh-cn': 'OrderPlaced 事件被拒绝了：{detail}' },
  noEvent: {
    en: 'no OrderPlaced event reached the bus {bus}: PlaceOrderFunction sends it to BUS_NAME, so set BUS_NAME: !Ref OrdersBus in its Environment and allow it EventBridgePutEventsPolicy',
    'zh-cn': '没有 OrderPlaced 事件到达事件总线 {bus}：PlaceOrderFunction 把它发送到 BUS_NAME，所以在它的 Environment 中设置 BUS_NAME: !Ref OrdersBus，并给它 EventBridgePutEventsPolicy',
  },
  noRuleMatched: {
    en: 'the OrderPlaced event reached {bus}, but no rule on it matched: give ForwardOrderFunction an EventBridgeRule event with EventBusName: !Ref OrdersBus and Pattern { source: [shop.orders], detail-type: [OrderPlaced] }',
    'zh-cn': 'OrderPlaced 事件到达了 {bus}，但上面没有规则匹配：给 ForwardOrderFunction 添加一个 EventBridgeRule 事件，EventBusName 为 !Ref OrdersBus，Pattern 为 { source: [shop.orders], detail-type: [OrderPlaced] }',
  },
  deliveryRefused: {
    en: 'the rule matched but could not invoke its target: {detail}. A rule invokes a function only with an AWS::Lambda::Permission for events.amazonaws.com; SAM\'s EventBridgeRule event adds it for you',
    'zh-cn': '规则匹配了，但无法调用它的目标：{detail}。只有存在允许 events.amazonaws.com 的 AWS::Lambda::Permission 时，规则才能调用函数；SAM 的 EventBridgeRule 事件会为你添加它',
  },
  functionError: { en: 'function {target} failed: {detail}', 'zh-cn': '函数 {target} 执行失败：{detail}' },
  notConsumed: {
    en: 'the order went into the queue, but nothing packed it: give PackOrderFunction an SQS event on the queue (Queue: !GetAtt PackingQueue.Arn), TABLE_NAME in its Environment and DynamoDBCrudPolicy on the table',
    'zh-cn': '订单进入了队列，但没有被打包：给 PackOrderFunction 添加一个指向这个队列的 SQS 事件（Queue: !GetAtt PackingQueue.Arn），在它的 Environment 中设置 TABLE_NAME，并给它对这张表的 DynamoDBCrudPolicy',
  },
});
