/** What lab 03's grader says, in both languages: its tests call these by id. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 03 message by id. */
export const say = catalogue('lab03', {
  threw: { en: '{exportName} threw {name}{when}: {message}', 'zh-cn': '{when}{exportName} 抛出了 {name}："{message}"' },
  tableExisted: { en: ' when the table existed already', 'zh-cn': '表已存在时，' },
  none: { en: '', 'zh-cn': '' },
  noTable: {
    en: 'there is no table {table} after createOrdersTable returned: did it send a CreateTableCommand?',
    'zh-cn': 'createOrdersTable 返回后并没有表 {table}：它发送 CreateTableCommand 了吗？',
  },
  storeFailed: { en: 'storeOrder failed for order {id}: {errorType}: {errorMessage}', 'zh-cn': '订单 {id} 的 storeOrder 调用失败了：{errorType}："{errorMessage}"' },
  notIndexed: {
    en: 'the grader\'s own table did not show {count} orders of {customer} in index byCustomer within 10 s',
    'zh-cn': '评分程序自己的表在 10 秒内没有在索引 byCustomer 中显示客户 {customer} 的 {count} 个订单',
  },
  customer: { en: 'customer {id}', 'zh-cn': '客户 {id}' },
  customerWithout: { en: 'customer {id}, who has no orders', 'zh-cn': '客户 {id}，该客户没有订单' },
  loyalCustomer: { en: 'customer {id}, whose {count} orders take more than 1 MB', 'zh-cn': '客户 {id}，其 {count} 个订单共超过 1 MB' },
  notArray: {
    en: 'listCustomerOrders returned {returned} for {who}: return an array of the orders (the Items of the query)',
    'zh-cn': 'listCustomerOrders 返回了 {returned}（{who}）：应返回订单组成的数组（即查询结果的 Items）',
  },
  oldestFirst: {
    en: 'listCustomerOrders lists the orders of {who} oldest first: a Query returns items in ascending sort-key order (createdAt), and ScanIndexForward: false reverses it to newest first',
    'zh-cn': 'listCustomerOrders 把订单按从旧到新的顺序列出（{who}）：Query 按排序键（createdAt）升序返回项目，ScanIndexForward: false 会把顺序反过来，变成从新到旧',
  },
  shortList: {
    en: 'listCustomerOrders returned {count} of the {total} orders of {who}: a Query answers at most 1 MB per call and then sets LastEvaluatedKey; query again with ExclusiveStartKey: LastEvaluatedKey until it is absent',
    'zh-cn': 'listCustomerOrders 只返回了 {total} 个订单中的 {count} 个（{who}）：一次 Query 调用最多返回 1 MB，然后设置 LastEvaluatedKey；请用 ExclusiveStartKey: LastEvaluatedKey 再次查询，直到它不再出现',
  },
  listedIds: { en: 'the orderIds listed for {who}', 'zh-cn': '列出的 orderId（{who}）' },
  listedOrders: { en: 'the orders listed for customer {id}', 'zh-cn': '为客户 {id} 列出的订单' },
  stillCreating: {
    en: 'createOrdersTable returned while table {table} was still {status}: CreateTable answers before the table is ready, and every read or write until it is ACTIVE fails; await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName }) before returning',
    'zh-cn': 'createOrdersTable 返回时，表 {table} 仍处于 {status} 状态：CreateTable 在表就绪之前就会应答，而表变为 ACTIVE 之前的每次读写都会失败；返回之前先 await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName })',
  },
  billingMode: { en: 'the billing mode', 'zh-cn': '计费模式' },
  tableKeySchema: { en: 'the table\'s KeySchema', 'zh-cn': '表的 KeySchema' },
  attributeType: { en: 'the type of {name} in AttributeDefinitions', 'zh-cn': 'AttributeDefinitions 中 {name} 的类型' },
  noIndex: {
    en: 'the table has no global secondary index named byCustomer (it has: {indexes})',
    'zh-cn': '表中没有名为 byCustomer 的全局二级索引（现有的索引：{indexes}）',
  },
  noIndexes: { en: 'none', 'zh-cn': '无' },
  ofIndex: { en: 'the {field} of index byCustomer', 'zh-cn': '索引 byCustomer 的 {field}' },
  answerFor: { en: 'the answer for order {id}', 'zh-cn': '订单 {id} 的回答' },
  notStored: {
    en: 'storeOrder answered for order {id}, but the table has no item with that orderId',
    'zh-cn': 'storeOrder 对订单 {id} 作出了回答，但表中没有这个 orderId 的项目',
  },
  extraFields: {
    en: 'the item stored for order {id} has fields the README does not name ({fields}): build Item from the five fields {names} only, not from the whole event',
    'zh-cn': '为订单 {id} 保存的项目中有 README 没有提到的字段（{fields}）：只用 {names} 这五个字段构造 Item，而不是用整个事件',
  },
  itemStored: { en: 'the item stored for order {id}', 'zh-cn': '为订单 {id} 保存的项目' },
  swallowed: {
    en: 'storeOrder answered {answer} for order {id}, whose createdAt is a number that DynamoDB refuses (the index byCustomer keys createdAt as a string): only a ConditionalCheckFailedException means a duplicate; rethrow every other error so the invocation fails and the caller can retry or report it',
    'zh-cn': 'storeOrder 对订单 {id} 的回答是 {answer}，但这个订单的 createdAt 是数字，DynamoDB 会拒绝它（索引 byCustomer 把 createdAt 作为字符串键）：只有 ConditionalCheckFailedException 才表示重复；其他错误都要重新抛出，让调用失败，调用方才能重试或报告',
  },
  refusedItem: { en: 'the item of order {id}, which DynamoDB refused', 'zh-cn': 'DynamoDB 拒绝写入的订单 {id} 的项目' },
  firstNotStored: {
    en: 'order {id} was not stored the first time, so a repeat cannot be checked',
    'zh-cn': '订单 {id} 第一次没有被保存，所以无法检查重复发送的情况',
  },
  answerForRepeat: { en: 'the answer for order {id} sent a second time', 'zh-cn': '第二次发送订单 {id} 时的回答' },
  itemAfterRepeat: { en: 'the item of order {id} after a repeat with other values', 'zh-cn': '用其他值重复发送后订单 {id} 的项目' },
});
