/** How graders describe the shop's orders and their prices, in both languages. */
import { catalogue } from '../i18n/texts.ts';

/** An order or pricing message by id. */
export const orderMessage = catalogue('orders', {
  line: { en: '{quantity} x {price}', 'zh-cn': '{quantity} × {price}' },
  noItems: { en: 'no items', 'zh-cn': '没有商品' },
  noCode: { en: 'no code', 'zh-cn': '无折扣码' },
  code: { en: 'code {code}', 'zh-cn': '折扣码 {code}' },
  described: { en: '{lines}, {code}, {currency}', 'zh-cn': '{lines}，{code}，{currency}' },
  price: { en: '{subtotal}{discount} + {tax} tax', 'zh-cn': '{subtotal}{discount} + 税费 {tax}' },
  discount: { en: ' - {discount} discount', 'zh-cn': ' - 折扣 {discount}' },
  none: { en: '', 'zh-cn': '' },
  taxBeforeDiscount: {
    en: 'the tax was computed on the subtotal before the discount: take the discount off first, then add 20% tax on what is left',
    'zh-cn': '税费是按折扣前的小计计算的：先减去折扣，再对剩下的金额加 20% 的税',
  },
  noTax: { en: 'the total has no tax: add 20% tax on the subtotal after the discount', 'zh-cn': '总额里没有税费：对折扣后的小计加 20% 的税' },
  noDiscount: { en: 'the total has no discount: take {code} off the subtotal before adding the tax', 'zh-cn': '总额里没有折扣：先从小计中减去 {code} 的折扣，再加税' },
  plainSubtotal: { en: 'the total is the plain subtotal: take the discount off, then add 20% tax', 'zh-cn': '总额就是未经处理的小计：先减去折扣，再加 20% 的税' },
  nullIsNaN: {
    en: 'null is what JSON makes of NaN: a number in the sum was undefined (the discount percent of an order without a code?)',
    'zh-cn': 'JSON 会把 NaN 变成 null：求和中有一个数是 undefined（也许是没有折扣码的订单的折扣百分比？）',
  },
  wholeCents: { en: 'amounts are whole cents: round the discount and the tax with Math.round', 'zh-cn': '金额必须是整数分：用 Math.round 对折扣和税费取整' },
  centOff: {
    en: 'a cent off is rounding: round the discount and the tax separately with Math.round, not the total once at the end',
    'zh-cn': '差一分是取整造成的：用 Math.round 分别对折扣和税费取整，而不是最后对总额取整一次',
  },
});
