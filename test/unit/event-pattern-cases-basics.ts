/** Exact values, null and "", nesting, dotted names and arrays. */
import { awsEvent, eventText, withDetail, type MatchCase } from './event-pattern-cases.ts';

// The EC2, Auto Scaling and Macie events of the user guide's "Event patterns" pages.
const ec2 = awsEvent({
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
});
const ec2Pattern = { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } };
const autoscaling = awsEvent({
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  region: 'us-east-1',
  detail: { eventVersion: '', responseElements: null },
});
const macie = awsEvent({
  'detail-type': 'Macie Alert',
  source: 'aws.macie',
  resources: ['arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_id', 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id'],
  detail: {
    'notification-type': 'ALERT_CREATED',
    name: 'Scanning bucket policies',
    tags: ['Custom_Alert', 'Insider'],
    'risk-score': 80,
    trigger: { 'rule-arn': 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id', 'alert-type': 'basic', risk: 8 },
  },
});
const macieDetail = (detail: Record<string, unknown>) => ({ source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail });
// The event PutEvents delivered in a rule test recorded against AWS, and that rule's pattern.
const shopDetail = {
  description: 'this-is-event-details', amount: 200, salary: 2000, env: 'prod', user: 'user3', admins: 'admin',
  test1: 300, test2: 'test22', test3: 'test333', test4: 'this test4', ip: '10.102.1.100',
  'num-test1': 100, 'num-test2': 200, 'num-test3': 300, 'num-test4': 200, 'num-test5': 500, 'num-test6': 300, 'num-test7': 300,
};
const shopPattern = {
  source: [{ exists: true }],
  'detail-type': [{ prefix: 'core.app' }],
  detail: {
    description: ['this-is-event-details'], amount: [200], salary: [2000, 4000], env: ['dev', 'prod'],
    user: ['user1', 'user2', 'user3'], admins: ['skyli', { prefix: 'hey' }, { prefix: 'ad' }],
    test1: [{ 'anything-but': 200 }], test2: [{ 'anything-but': 'test2' }], test3: [{ 'anything-but': ['test3', 'test33'] }],
    test4: [{ 'anything-but': { prefix: 'test4' } }],
    'num-test1': [{ numeric: ['<', 200] }], 'num-test2': [{ numeric: ['<=', 200] }], 'num-test3': [{ numeric: ['>', 200] }],
    'num-test4': [{ numeric: ['>=', 200] }], 'num-test5': [{ numeric: ['>=', 200, '<=', 500] }],
    'num-test6': [{ numeric: ['>', 200, '<', 500] }], 'num-test7': [{ numeric: ['>=', 200, '<', 500] }],
  },
};
const shopEvent = (detail: Record<string, unknown>) => awsEvent({ source: 'core.update-account-command', 'detail-type': 'core.app.backend', detail });
const employees = { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] };

/** Exact matching and structure. */
export const basicCases: MatchCase[] = [
  { name: 'doc: the EC2 termination pattern matches the terminated event', pattern: ec2Pattern, event: ec2, expected: true },
  { name: 'doc: the EC2 termination pattern does not match a running instance', pattern: ec2Pattern, event: { ...ec2, detail: { state: 'running' } }, expected: false },
  { name: 'doc: a value list is OR (aws.fargate)', pattern: { source: ['aws.ec2', 'aws.fargate'] }, event: { ...ec2, source: 'aws.fargate' }, expected: true },
  { name: 'doc: a value list matches none of aws.s3', pattern: { source: ['aws.ec2', 'aws.fargate'] }, event: { ...ec2, source: 'aws.s3' }, expected: false },
  { name: 'doc: fields absent from the pattern are ignored', pattern: { source: ['aws.ec2'] }, event: ec2, expected: true },
  { name: 'doc: every pattern field must be in the event', pattern: { detail: { 'instance-type': ['t3.micro'] } }, event: ec2, expected: false },
  { name: 'doc: all fields must match (AND)', pattern: { source: ['aws.ec2'], 'detail-type': ['AWS API Call via CloudTrail'] }, event: ec2, expected: false },
  { name: 'doc: strings match character by character, without case folding', pattern: { source: ['AWS.EC2'] }, event: ec2, expected: false },
  { name: 'aws: field names are case-sensitive', pattern: { Source: ['aws.ec2'] }, event: ec2, expected: false },
  { name: 'doc: top-level account and region', pattern: { account: ['111122223333'], region: ['us-west-1'] }, event: ec2, expected: true },
  { name: 'doc: the resources array', pattern: { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] }, event: ec2, expected: true },
  { name: 'doc: [null] matches a null value', pattern: { detail: { responseElements: [null] } }, event: autoscaling, expected: true },
  { name: 'doc: [""] matches an empty string', pattern: { detail: { eventVersion: [''] } }, event: autoscaling, expected: true },
  { name: 'doc: [""] does not match null', pattern: { detail: { responseElements: [''] } }, event: autoscaling, expected: false },
  { name: 'doc: [null] does not match ""', pattern: { detail: { eventVersion: [null] } }, event: autoscaling, expected: false },
  { name: 'doc: [null] does not match a missing field', pattern: { detail: { requestParameters: [null] } }, event: autoscaling, expected: false },
  {
    name: 'doc: source, detail-type and a null field together',
    pattern: { source: ['aws.autoscaling'], 'detail-type': ['EC2 Instance Launch Successful'], detail: { responseElements: [null] } },
    event: autoscaling,
    expected: true,
  },
  { name: 'doc: Macie risk-score 80 and nested trigger.risk 8', pattern: macieDetail({ 'risk-score': [80], trigger: { risk: [8] } }), event: macie, expected: true },
  { name: 'doc: Macie risk-score 81 does not match 80', pattern: macieDetail({ 'risk-score': [81], trigger: { risk: [8] } }), event: macie, expected: false },
  { name: 'doc: Macie nested trigger.risk 9 does not match 8', pattern: macieDetail({ 'risk-score': [80], trigger: { risk: [9] } }), event: macie, expected: false },
  { name: 'doc: an event array matches when any element is listed (Macie tags)', pattern: { detail: { tags: ['Insider'] } }, event: macie, expected: true },
  { name: 'doc: an event array without a listed element', pattern: { detail: { tags: ['External'] } }, event: macie, expected: false },
  { name: 'doc: a number pattern does not match the string "5"', pattern: { detail: { count: [5] } }, event: withDetail({ count: '5' }), expected: false },
  { name: 'doc: a string pattern "5" does not match the number 5', pattern: { detail: { count: ['5'] } }, event: withDetail({ count: 5 }), expected: false },
  { name: 'doc: a number matches the same number', pattern: { detail: { count: [5] } }, event: withDetail({ count: 5 }), expected: true },
  { name: 'aws: [300] matches 300.0', pattern: { detail: { number: [300] } }, event: eventText('{"number": 300.0}'), expected: true },
  { name: 'doc: true matches the JSON literal true', pattern: { detail: { enabled: [true] } }, event: withDetail({ enabled: true }), expected: true },
  { name: 'doc: true does not match the string "true"', pattern: { detail: { enabled: [true] } }, event: withDetail({ enabled: 'true' }), expected: false },
  { name: 'doc: false does not match true', pattern: { detail: { enabled: [false] } }, event: withDetail({ enabled: true }), expected: false },
  { name: 'aws: a nested pattern does not look inside a JSON string', pattern: { detail: { 'my-key': ['my-value'] } }, event: withDetail('{"my-key": "my-value"}'), expected: false },
  { name: 'doc: a value pattern does not match an object (same nesting required)', pattern: { detail: { state: ['running'] } }, event: withDetail({ state: { name: 'running' } }), expected: false },
  { name: 'doc: a nested pattern does not match a plain value', pattern: { detail: { state: { name: ['running'] } } }, event: withDetail({ state: 'running' }), expected: false },
  { name: 'aws: a dotted pattern name addresses a nested field', pattern: { detail: { 'state.status': ['running'] } }, event: withDetail({ state: { status: 'running' } }), expected: true },
  { name: 'aws: a dotted pattern name joins with the names under it', pattern: { detail: { 'state.status': { status: ['running'] } } }, event: withDetail({ state: { status: 'running' } }), expected: false },
  { name: 'ruler: a dotted event name is matched by a nested pattern', pattern: { detail: { state: { status: ['running'] } } }, event: withDetail({ 'state.status': 'running' }), expected: true },
  { name: 'aws: a dotted event name joins with the names under it', pattern: { detail: { state: { status: ['running'] } } }, event: withDetail({ 'state.status': { status: 'running' } }), expected: false },
  { name: 'aws: a rule recorded against AWS (many operators)', pattern: shopPattern, event: shopEvent(shopDetail), expected: true },
  { name: 'aws: the same rule with amount 201', pattern: shopPattern, event: shopEvent({ ...shopDetail, amount: 201 }), expected: false },
  { name: 'aws: the same rule with num-test3 equal to 200 (not > 200)', pattern: shopPattern, event: shopEvent({ ...shopDetail, 'num-test3': 200 }), expected: false },
];

/** Arrays in events. */
export const arrayCases: MatchCase[] = [
  {
    name: 'doc: arrays match when pattern and event arrays intersect',
    pattern: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
    event: awsEvent({ resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }),
    expected: true,
  },
  { name: 'doc: arrays without intersection do not match', pattern: { resources: ['arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'] }, event: awsEvent({ resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }), expected: false },
  { name: 'doc: an empty event array matches no value', pattern: { resources: ['arn:aws:s3:::bucket'] }, event: awsEvent({ resources: [] }), expected: false },
  { name: 'aws: [null] does not match an empty array', pattern: { resources: [null] }, event: awsEvent({ resources: [] }), expected: false },
  { name: 'ruler: an array of objects matches when one element matches', pattern: { detail: { employees: { firstName: ['Anna'] } } }, event: withDetail(employees), expected: true },
  { name: 'ruler: fields from different elements of one array are not combined', pattern: { detail: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } }, event: withDetail(employees), expected: false },
  { name: 'ruler: fields from the same element are combined', pattern: { detail: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } }, event: withDetail(employees), expected: true },
  {
    name: 'ruler: nested arrays are flattened',
    pattern: { detail: { employees: { firstName: ['Peter'] } } },
    event: withDetail({ employees: [[{ firstName: 'John' }, { firstName: 'Anna' }], [{ firstName: 'Peter' }]] }),
    expected: true,
  },
  {
    name: 'aws: exists matches when one element of a list has the field',
    pattern: { detail: { automations: { id: [{ exists: true }] } } },
    event: withDetail({ automations: [{ key1: 'value1' }, { id: 'match-does-exist' }, { key2: 'value2' }] }),
    expected: true,
  },
  { name: 'ruler: numeric matching on an array of numbers (any element)', pattern: { detail: { scores: [{ numeric: ['>', 10] }] } }, event: withDetail({ scores: [1, 50] }), expected: true },
  { name: 'ruler: numeric matching when no element is in range', pattern: { detail: { scores: [{ numeric: ['>', 10] }] } }, event: withDetail({ scores: [1, 2] }), expected: false },
  { name: 'ruler: a nested pattern does not match an array of plain values', pattern: { detail: { tags: { name: ['x'] } } }, event: withDetail({ tags: ['x'] }), expected: false },
];
