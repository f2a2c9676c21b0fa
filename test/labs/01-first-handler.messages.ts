/** What lab 01's grader says, in both languages: its tests call these by id. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 01 message by id. */
export const say = catalogue('lab01', {
  order: { en: 'order {id} ({description})', 'zh-cn': '订单 {id}（{description}）' },
  rejectedValid: {
    en: '{order} was rejected with {errorType}: {errorMessage}; it is a valid order and must be accepted',
    'zh-cn': '{order}被拒绝了，错误为 {errorType}：{errorMessage}；这是一个有效订单，必须被接受',
  },
  answerNotObject: {
    en: 'the answer for {order} was {answer}: return an object { status: \'accepted\', orderId, totalCents }',
    'zh-cn': '{order}的回答是 {answer}：应返回一个对象 { status: \'accepted\', orderId, totalCents }',
  },
  extraFields: {
    en: 'the answer for {order} has {fields} besides status, orderId and totalCents: return exactly these three fields',
    'zh-cn': '{order}的回答中除了 status、orderId 和 totalCents 之外还有 {fields}：只返回这三个字段',
  },
  withCase: { en: 'an order with {what}', 'zh-cn': '带有{what}的订单' },
  noItems: { en: 'no items', 'zh-cn': '空商品列表' },
  quantityZero: { en: 'a quantity of 0', 'zh-cn': '数量为 0' },
  fractionalQuantity: { en: 'a fractional quantity', 'zh-cn': '小数数量' },
  negativePrice: { en: 'a negative price', 'zh-cn': '负数价格' },
  fractionalPrice: { en: 'a price with fractions of a cent', 'zh-cn': '不足一分的价格' },
  currency: { en: 'the currency {currency}', 'zh-cn': '货币 {currency}' },
  unknownCode: { en: 'the unknown discount code {code}', 'zh-cn': '未知折扣码 {code}' },
  inheritedCode: { en: 'the discount code {code}', 'zh-cn': '折扣码 {code}' },
  inheritedWhy: {
    en: '{code} is a name every JavaScript object inherits, so `code in table` and table[code] find it: look codes up with Object.hasOwn(table, code) or in a Map',
    'zh-cn': '{code} 是每个 JavaScript 对象都继承的名字，所以 `code in table` 和 table[code] 都能找到它：请用 Object.hasOwn(table, code) 或 Map 来查找折扣码',
  },
  acceptedInvalid: {
    en: '{input} was accepted with {answer}: it must throw a ValidationError{cause}',
    'zh-cn': '{input}被接受了，回答为 {answer}：它必须抛出 ValidationError{cause}',
  },
  cause: { en: '. Likely cause: {why}', 'zh-cn': '。可能的原因：{why}' },
  nothing: { en: '', 'zh-cn': '' },
  noLogLine: {
    en: 'no JSON line with orderId {id} in the function\'s log: write one with console.log(JSON.stringify({ orderId, totalCents })); it logged {logged}',
    'zh-cn': '函数的日志中没有包含 orderId {id} 的 JSON 行：用 console.log(JSON.stringify({ orderId, totalCents })) 写一行；它记录的是 {logged}',
  },
  noLoggedTotal: { en: 'the logged line for {id} has no totalCents: put the total in it beside the orderId', 'zh-cn': '{id} 的日志行中没有 totalCents：把总额和 orderId 一起写进去' },
  loggedTotal: { en: 'totalCents in the logged line', 'zh-cn': '日志行中的 totalCents' },
  whatReturned: { en: 'what the function returned', 'zh-cn': '函数返回的值' },
});
