/** numeric, cidr, exists and $or. */
import { awsEvent, eventText, withDetail, type MatchCase } from './event-pattern-cases.ts';

const numericPattern = {
  detail: {
    'c-count': [{ numeric: ['>', 0, '<=', 5] }],
    'd-count': [{ numeric: ['<', 10] }],
    'x-limit': [{ numeric: ['=', 3.018e2] }],
  },
};
const counts = (overrides: Record<string, unknown>) => withDetail({ 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, ...overrides });
const numeric = (range: unknown[]) => ({ detail: { price: [{ numeric: range }] } });
const price = (value: unknown) => withDetail({ price: value });
const cidr = (block: string) => ({ detail: { sourceIPAddress: [{ cidr: block }] } });
const ip = (address: unknown) => withDetail({ sourceIPAddress: address });
const dynamo = (newImage: Record<string, unknown>) => awsEvent({ source: 'order', dynamodb: { NewImage: newImage } });
const homemade = { dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } } };
const cloudwatch = (fields: Record<string, unknown>) => awsEvent({ source: 'aws.cloudwatch', ...fields });
const normalOr = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] };
const orWithAnd = {
  source: ['aws.cloudwatch'],
  $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] }, { scope: ['Service'] }],
};
const nestedOr = {
  source: ['aws.cloudwatch'],
  $or: [
    { metricName: ['CPUUtilization', 'ReadLatency'] },
    { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
    { scope: ['Service'] },
  ],
};
const parallelOr = {
  $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
};

/** Numeric comparisons and ranges. */
export const numericCases: MatchCase[] = [
  { name: 'doc: every numeric condition holds', pattern: numericPattern, event: counts({}), expected: true },
  { name: 'doc: c-count 0 is not > 0', pattern: numericPattern, event: counts({ 'c-count': 0 }), expected: false },
  { name: 'doc: c-count 6 is not <= 5', pattern: numericPattern, event: counts({ 'c-count': 6 }), expected: false },
  { name: 'doc: d-count 10 is not < 10', pattern: numericPattern, event: counts({ 'd-count': 10 }), expected: false },
  { name: 'doc: x-limit 301.9 is not = 3.018e2', pattern: numericPattern, event: counts({ 'x-limit': 301.9 }), expected: false },
  { name: 'aws: 101.0 is > 100', pattern: { detail: { number: [{ numeric: ['>', 100] }] } }, event: eventText('{"number": 101.0}'), expected: true },
  { name: 'aws: the string "300" never matches numeric', pattern: { detail: { number: [{ numeric: ['>', 100] }] } }, event: withDetail({ number: '300' }), expected: false },
  { name: 'aws: null never matches numeric', pattern: { detail: { number: [{ numeric: ['>', 100] }] } }, event: withDetail({ number: null }), expected: false },
  { name: 'doc: numbers compare by value (3.015e2 = 301.5)', pattern: numeric(['=', 301.5]), event: eventText('{"price": 3.015e2}'), expected: true },
  { name: 'doc: >= includes the bound', pattern: numeric(['>=', 10]), event: price(10), expected: true },
  { name: 'doc: > excludes the bound', pattern: numeric(['>', 10]), event: price(10), expected: false },
  { name: 'doc: <= includes the bound', pattern: numeric(['<=', 20]), event: price(20), expected: true },
  { name: 'doc: < excludes the bound', pattern: numeric(['<', 20]), event: price(20), expected: false },
  { name: 'doc: price more than 10 and at most 20', pattern: numeric(['>', 10, '<=', 20]), event: price(15), expected: true },
  { name: 'doc: price above the range', pattern: numeric(['>', 10, '<=', 20]), event: price(25), expected: false },
  { name: 'doc: price 100 with numeric =', pattern: numeric(['=', 100]), event: price(100), expected: true },
  { name: 'doc: negative numbers', pattern: numeric(['>=', -5, '<', 0]), event: price(-1), expected: true },
  { name: 'doc: numeric matching stops at 5e9', pattern: numeric(['>', 0]), event: price(6e9), expected: false },
  { name: 'doc: 5e9 itself is in range', pattern: numeric(['<=', 5e9]), event: price(5e9), expected: true },
  { name: 'doc: six decimals of precision (5.0000001 = 5)', pattern: numeric(['=', 5]), event: price(5.0000001), expected: true },
  { name: 'doc: the sixth decimal still counts', pattern: numeric(['>', 5]), event: price(5.000001), expected: true },
  {
    name: 'aws: $or of numeric conditions',
    pattern: { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } },
    event: withDetail({ 'c-count': 0, 'd-count': 0, 'x-limit': 9.018e2 }),
    expected: true,
  },
  {
    name: 'aws: numeric fails on a string, anything-but matches it',
    pattern: { dynamodb: { NewImage: { numericFilter: { N: [{ numeric: ['>', 100] }, { 'anything-but': '101' }] } } } },
    event: dynamo({ numericFilter: { N: '42' } }),
    expected: true,
  },
];

/** IP address matching. */
export const cidrCases: MatchCase[] = [
  { name: 'ruler: an address inside 10.0.0.0/24', pattern: cidr('10.0.0.0/24'), event: ip('10.0.0.33'), expected: true },
  { name: 'ruler: the last address of 10.0.0.0/24', pattern: cidr('10.0.0.0/24'), event: ip('10.0.0.255'), expected: true },
  { name: 'ruler: an address outside 10.0.0.0/24', pattern: cidr('10.0.0.0/24'), event: ip('10.0.1.1'), expected: false },
  { name: 'aws: a number is not an IP address', pattern: cidr('10.0.0.0/24'), event: ip(123), expected: false },
  { name: 'ruler: text that is not an address', pattern: cidr('10.0.0.0/24'), event: ip('not-an-ip'), expected: false },
  { name: 'aws: an IPv6 address inside a /64', pattern: cidr('2001:db8:1234:1a00::/64'), event: ip('2001:0db8:1234:1a00:0000:0000:0000:0000'), expected: true },
  { name: 'aws: an IPv6 address outside the /64', pattern: cidr('2001:db8:1234:1a00::/64'), event: ip('2001:0db8:123f:1a01:0000:0000:0000:0000'), expected: false },
  { name: 'ruler: an IPv4 address is not inside an IPv6 block', pattern: cidr('2001:db8::/32'), event: ip('10.0.0.1'), expected: false },
  { name: 'ruler: a bare IP address in a value list', pattern: { detail: { sourceIPAddress: ['10.0.0.1'] } }, event: ip('10.0.0.1'), expected: true },
];

/** exists. */
export const existsCases: MatchCase[] = [
  { name: 'doc: exists true, field present', pattern: { detail: { description: [{ exists: true }] } }, event: withDetail({ description: 'text' }), expected: true },
  { name: 'doc: exists true, field absent', pattern: { detail: { description: [{ exists: true }] } }, event: withDetail({ title: 'text' }), expected: false },
  { name: 'aws: exists true does not look at sibling objects', pattern: { detail: { state: [{ exists: true }] } }, event: withDetail({ 'c-count': { c1: 100 } }), expected: false },
  {
    name: 'doc: exists false, field absent',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    event: awsEvent({ 'detail-type': 'EC2 Instance State-change Notification', detail: { state: ['initializing', 'running'] } }),
    expected: true,
  },
  {
    name: 'doc: exists false matches when the field is an object (not a leaf)',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    event: awsEvent({ detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } }),
    expected: true,
  },
  {
    name: 'aws: exists false, deep field present',
    pattern: { detail: { level1: { level2: { level3: { level4: [{ exists: false }] } } } } },
    event: withDetail({ level1: { level2: { level3: { level4: 'l4 value' } } } }),
    expected: false,
  },
  { name: 'doc: exists looks at presence, not value (null is present)', pattern: { detail: { key: [{ exists: true }] } }, event: withDetail({ key: null }), expected: true },
  { name: 'doc: exists false does not match a null value', pattern: { detail: { key: [{ exists: false }] } }, event: withDetail({ key: null }), expected: false },
  { name: 'doc: exists true does not match an object (leaf nodes only)', pattern: { detail: { key: [{ exists: true }] } }, event: withDetail({ key: { inner: 1 } }), expected: false },
  { name: 'aws: exists true does not match an empty array', pattern: { resources: [{ exists: true }] }, event: awsEvent({ resources: [] }), expected: false },
  { name: 'ruler: exists false matches an empty array', pattern: { resources: [{ exists: false }] }, event: awsEvent({ resources: [] }), expected: true },
  { name: 'ruler: exists false when the parent is missing too', pattern: { detail: { key: [{ exists: false }] } }, event: awsEvent({}), expected: true },
  { name: 'aws: rule delivery, exists false with the key absent', pattern: { detail: { key: [{ exists: false }] } }, event: withDetail({ 'no-key': 'no-value', payload: 'baz' }), expected: true },
  { name: 'aws: rule delivery, exists false with the key present', pattern: { detail: { key: [{ exists: false }] } }, event: withDetail({ key: 'value', payload: 'baz' }), expected: false },
  { name: 'aws: anything-but or exists false, inner field absent', pattern: homemade, event: dynamo({ homemade: { N: '789' } }), expected: true },
  { name: 'aws: anything-but or exists false, parent absent', pattern: homemade, event: dynamo({ purchased: { N: '789' } }), expected: true },
  { name: 'ruler: anything-but or exists false, excluded value', pattern: homemade, event: dynamo({ homemade: { S: 'roses' } }), expected: false },
];

/** $or. */
export const orCases: MatchCase[] = [
  { name: 'ruler: source AND (metricName OR namespace), namespace matches', pattern: normalOr, event: cloudwatch({ namespace: 'AWS/EC2' }), expected: true },
  { name: 'ruler: source AND (metricName OR namespace), metricName matches', pattern: normalOr, event: cloudwatch({ metricName: 'ReadLatency' }), expected: true },
  { name: 'ruler: neither $or alternative matches', pattern: normalOr, event: cloudwatch({ metricName: 'Other', namespace: 'AWS/S3' }), expected: false },
  { name: 'ruler: an $or alternative matches but source does not', pattern: normalOr, event: awsEvent({ source: 'aws.ec2', namespace: 'AWS/EC2' }), expected: false },
  { name: 'ruler: an AND inside an $or alternative', pattern: orWithAnd, event: cloudwatch({ metricType: 'MetricType', namespace: 'AWS/ES' }), expected: true },
  { name: 'ruler: half of an AND inside an $or alternative', pattern: orWithAnd, event: cloudwatch({ metricType: 'MetricType' }), expected: false },
  { name: 'ruler: nested $or', pattern: nestedOr, event: cloudwatch({ metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }), expected: true },
  { name: 'ruler: nested $or with no inner alternative', pattern: nestedOr, event: cloudwatch({ metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1 }), expected: false },
  { name: 'ruler: parallel $or at two levels', pattern: parallelOr, event: awsEvent({ metricName: 'CPUUtilization', detail: { 'detail-type': 'CloudWatch Alarm State Change' } }), expected: true },
  { name: 'ruler: parallel $or, the inner one fails', pattern: parallelOr, event: awsEvent({ metricName: 'CPUUtilization', detail: { source: 'aws.ec2' } }), expected: false },
  { name: 'doc: Location is New York or Day is Monday', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: awsEvent({ Location: 'Paris', Day: 'Monday' }), expected: true },
  { name: 'doc: neither New York nor Monday', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: awsEvent({ Location: 'Paris', Day: 'Friday' }), expected: false },
  { name: 'ruler: an $or alternative with exists false', pattern: { detail: { $or: [{ state: ['ready'] }, { state: [{ exists: false }] }] } }, event: withDetail({}), expected: true },
];
