/**
 * The words the interactive components show, in each language of the site. A component picks
 * its language from the page's URL (`/zh-cn/...` is Chinese) and hands its strings to its
 * browser script through a `data-strings` attribute. The live components' words are in
 * strings-live.ts and the retry calculator's in strings-retries.ts, joined here.
 */
import { pluralIn, type Plural } from './fill.ts';
import { liveEn, liveZhCn } from './strings-live.ts';
import { retriesEn, retriesZhCn } from './strings-retries.ts';

/** The site's languages, as their URL prefixes name them. */
export type Locale = 'en' | 'zh-cn';

/** The language of a page from its URL. */
export function localeOf(url: URL): Locale {
  return url.pathname.startsWith('/zh-cn/') || url.pathname === '/zh-cn' ? 'zh-cn' : 'en';
}

const en = {
  ...liveEn,
  retries: retriesEn,
  playground: {
    preset: 'Example',
    pattern: 'Event pattern',
    event: 'Event',
    match: 'Match: a rule with this pattern would send the event to its targets.',
    noMatch: 'No match',
    field: 'field',
    invalidPattern: 'EventBridge would refuse this pattern: ',
    invalidEvent: 'The event is not valid JSON: ',
    loading: 'Loading the matcher…',
    invalidEnvelope: 'EventBridge would refuse this event: ',
    missingFields: 'an event is a JSON object with the envelope fields every event has; add {fields}, as the examples show.',
  },
  calculator: {
    rate: 'Requests per second',
    duration: 'Average duration (ms)',
    memory: 'Memory (MB)',
    server: 'Always-on server ($ per month, optional)',
    freeTier: 'Subtract the free tier (1M requests and 400,000 GB-s a month)',
    concurrency: 'Concurrency (rate × duration)',
    requests: 'Requests per month',
    gbSeconds: 'GB-seconds per month',
    cost: 'Lambda cost per month',
    costSplit: 'requests {requests} + compute {compute}',
    breakEven: 'Break-even against the server',
    breakEvenValue: '{rate} requests/s',
    noServer: 'enter a server price to compare',
    never: 'never: Lambda stays cheaper',
    chartLabel: 'Monthly cost against requests per second',
    lambda: 'Lambda',
    serverLine: 'Server',
    you: 'you',
    perSecond: 'requests/s',
    priceNote: 'Prices: x86 in us-east-1, $0.20 per million requests and $0.0000166667 per GB-second; a month is 30 days.',
  },
  quiz: {
    correct: 'Correct.',
    wrong: 'Not quite. The answer is: {answer}',
    score: '{right} of {total} right',
    reset: 'Reset answers',
  },
  checks: {
    points: { one: '{n} point', other: '{n} points' } as Plural,
    total: { one: '{n} point in all', other: '{n} points in all' } as Plural,
    hintCount: { one: '{n} hint', other: '{n} hints' } as Plural,
    command: "Run `npx workshop check {number}` to see each check's result.",
    totalLine: '{total}. ',
    // The space before the parenthesis is English's; Chinese puts none before （.
    facts: ' ({facts})',
    separator: ' · ',
    hint: 'Hint {n}: ',
    offline: 'Hints stay hidden until you reveal them, one at a time, with `npx workshop hint {number}` (the kit counts them). While `npm start` runs, the hints you revealed appear here under their checks.',
    none: 'No hints revealed yet. Stuck? `npx workshop hint {number}` reveals the next one (hints are counted), and it appears here under its check.',
    some: '{count} of {total} hints revealed, shown under their checks. `npx workshop hint {number}` reveals the next one.',
    all: 'All {total} hints revealed, shown under their checks.',
  },
};

const zhCn: typeof en = {
  ...liveZhCn,
  retries: retriesZhCn,
  playground: {
    preset: '示例',
    pattern: '事件模式',
    event: '事件',
    match: '匹配：带有此模式的规则会把事件发送到它的目标。',
    noMatch: '不匹配',
    field: '字段',
    invalidPattern: 'EventBridge 会拒绝这个模式：',
    invalidEvent: '事件不是合法的 JSON：',
    loading: '正在加载匹配器…',
    invalidEnvelope: 'EventBridge 会拒绝这个事件：',
    missingFields: '事件是一个带有信封字段的 JSON 对象，每个事件都有这些字段；请补上 {fields}，可参照示例。',
  },
  calculator: {
    rate: '每秒请求数',
    duration: '平均执行时长（毫秒）',
    memory: '内存（MB）',
    server: '常驻服务器（每月美元，可选）',
    freeTier: '扣除免费额度（每月 100 万次请求和 400,000 GB-秒）',
    concurrency: '并发数（到达率 × 时长）',
    requests: '每月请求数',
    gbSeconds: '每月 GB-秒',
    cost: '每月 Lambda 费用',
    costSplit: '请求 {requests} + 计算 {compute}',
    breakEven: '与服务器的盈亏平衡点',
    breakEvenValue: '每秒 {rate} 次请求',
    noServer: '输入服务器价格以进行比较',
    never: '不存在：Lambda 始终更便宜',
    chartLabel: '每月费用与每秒请求数的关系',
    lambda: 'Lambda',
    serverLine: '服务器',
    you: '当前',
    perSecond: '次请求/秒',
    priceNote: '价格：us-east-1 的 x86，每百万次请求 0.20 美元，每 GB-秒 0.0000166667 美元；每月按 30 天计算。',
  },
  quiz: {
    correct: '回答正确。',
    wrong: '不太对。正确答案是：{answer}',
    score: '答对 {right} / {total} 题',
    reset: '重置答案',
  },
  checks: {
    points: { other: '{n} 分' },
    total: { other: '共 {n} 分' },
    hintCount: { other: '{n} 条提示' },
    command: '运行 `npx workshop check {number}` 查看每一项检查的结果。',
    totalLine: '{total}。',
    facts: '（{facts}）',
    separator: ' · ',
    hint: '提示 {n}：',
    offline: '提示在你揭示之前不会显示：用 `npx workshop hint {number}` 逐条揭示（工具包会记录次数）。运行 `npm start` 时，你已揭示的提示会显示在对应的检查项下面。',
    none: '还没有揭示任何提示。遇到困难时，运行 `npx workshop hint {number}` 揭示下一条（提示会被计数），它会显示在对应的检查项下面。',
    some: '已揭示 {count} / {total} 条提示，显示在对应的检查项下面。运行 `npx workshop hint {number}` 揭示下一条。',
    all: '{total} 条提示已全部揭示，显示在对应的检查项下面。',
  },
};

/** Every component's strings in one language. */
export type Strings = typeof en;

/** The strings of a language. */
export function stringsFor(locale: Locale): Strings {
  return locale === 'zh-cn' ? zhCn : en;
}

/** A phrase with a count, in the language's plural form (`one` for 1 in English; Chinese has one form). */
export function plural(forms: Plural, n: number, locale: Locale): string {
  return pluralIn(forms, n, locale);
}
