/** prefix, suffix, equals-ignore-case, wildcard and anything-but. */
import { awsEvent, withDetail, type MatchCase } from './event-pattern-cases.ts';

const at = (time: string) => awsEvent({ time });
const field = (name: string, values: unknown[]) => ({ detail: { [name]: values } });
const value = (name: string, v: unknown) => withDetail({ [name]: v });

/** Prefix, suffix and case-insensitive matching. */
export const affixCases: MatchCase[] = [
  { name: 'doc: prefix matches the start of "time"', pattern: { time: [{ prefix: '2017-10-02' }] }, event: at('2017-10-02T18:43:48Z'), expected: true },
  { name: 'doc: prefix does not match another date', pattern: { time: [{ prefix: '2017-10-02' }] }, event: at('2017-10-03T18:43:48Z'), expected: false },
  { name: 'doc: Auto Scaling events from European regions', pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, event: awsEvent({ source: 'aws.autoscaling', region: 'eu-west-1' }), expected: true },
  { name: 'doc: a US region is not European', pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, event: awsEvent({ source: 'aws.autoscaling', region: 'us-east-1' }), expected: false },
  { name: 'doc: prefix works on strings only', pattern: field('code', [{ prefix: '12' }]), event: value('code', 123), expected: false },
  { name: 'doc: prefix is case-sensitive', pattern: field('service', [{ prefix: 'EventB' }]), event: value('service', 'eventbridge'), expected: false },
  { name: 'doc: prefix with equals-ignore-case (lower case)', pattern: field('service', [{ prefix: { 'equals-ignore-case': 'EventB' } }]), event: value('service', 'eventbridge'), expected: true },
  { name: 'doc: prefix with equals-ignore-case (upper case)', pattern: field('service', [{ prefix: { 'equals-ignore-case': 'EventB' } }]), event: value('service', 'EVENTBRIDGE'), expected: true },
  { name: 'doc: prefix with equals-ignore-case, other prefix', pattern: field('service', [{ prefix: { 'equals-ignore-case': 'EventB' } }]), event: value('service', 'lambda'), expected: false },
  { name: 'doc: suffix matches a file extension', pattern: { FileName: [{ suffix: '.png' }] }, event: awsEvent({ FileName: 'image.png' }), expected: true },
  { name: 'doc: suffix is case-sensitive', pattern: { FileName: [{ suffix: '.png' }] }, event: awsEvent({ FileName: 'IMAGE.PNG' }), expected: false },
  { name: 'doc: suffix does not match elsewhere in the string', pattern: { FileName: [{ suffix: '.png' }] }, event: awsEvent({ FileName: 'image.png.jpg' }), expected: false },
  { name: 'doc: suffix with equals-ignore-case', pattern: field('FileName', [{ suffix: { 'equals-ignore-case': '.png' } }]), event: value('FileName', 'IMAGE.PNG'), expected: true },
  { name: 'doc: suffix with equals-ignore-case (tBridge)', pattern: field('service', [{ suffix: { 'equals-ignore-case': 'tBridge' } }]), event: value('service', 'EventBridge'), expected: true },
  { name: 'ruler: suffix works on strings only', pattern: field('code', [{ suffix: '3' }]), event: value('code', 123), expected: false },
  { name: 'doc: equals-ignore-case matches "Alice"', pattern: field('Name', [{ 'equals-ignore-case': 'alice' }]), event: value('Name', 'Alice'), expected: true },
  { name: 'doc: equals-ignore-case is still whole-string', pattern: field('Name', [{ 'equals-ignore-case': 'alice' }]), event: value('Name', 'Alicia'), expected: false },
  { name: 'ruler: equals-ignore-case works on strings only', pattern: field('code', [{ 'equals-ignore-case': '5' }]), event: value('code', 5), expected: false },
  { name: 'aws: equals-ignore-case "" matches ""', pattern: field('value', [{ 'equals-ignore-case': '' }]), event: value('value', ''), expected: true },
  { name: 'aws: equals-ignore-case "" does not match text', pattern: field('value', [{ 'equals-ignore-case': '' }]), event: value('value', 'test-value'), expected: false },
  { name: 'aws: a value list mixes literals and operators', pattern: field('admins', ['skyli', { prefix: 'hey' }, { prefix: 'ad' }]), event: value('admins', 'admin'), expected: true },
  { name: 'aws: a value list where nothing applies', pattern: field('admins', ['skyli', { prefix: 'hey' }, { prefix: 'ad' }]), event: value('admins', 'root'), expected: false },
  { name: 'aws: exists plus other operators in one list', pattern: { my_key: [{ exists: true }, { prefix: 'IGNORED' }, { suffix: 'IGNORED' }] }, event: awsEvent({ my_key: 'my-value' }), expected: true },
];

/** Wildcards. */
export const wildcardCases: MatchCase[] = [
  { name: 'doc: a .png file in folder dir', pattern: field('FileName', [{ wildcard: 'dir/*.png' }]), event: value('FileName', 'dir/image.png'), expected: true },
  { name: 'doc: a .jpg file in folder dir', pattern: field('FileName', [{ wildcard: 'dir/*.png' }]), event: value('FileName', 'dir/image.jpg'), expected: false },
  { name: 'doc: a .png file in another folder', pattern: field('FileName', [{ wildcard: 'dir/*.png' }]), event: value('FileName', 'other/image.png'), expected: false },
  { name: 'doc: * also matches zero characters', pattern: field('FileName', [{ wildcard: '*.png' }]), event: value('FileName', '.png'), expected: true },
  { name: 'doc: *Title* matches Title in the middle', pattern: field('name', [{ wildcard: '*Title*' }]), event: value('name', 'MyTitleHere'), expected: true },
  { name: 'doc: *Title* needs Title', pattern: field('name', [{ wildcard: '*Title*' }]), event: value('name', 'Header'), expected: false },
  { name: 'aws: a wildcard then a repeating path', pattern: { FileName: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] }, event: awsEvent({ FileName: '/Users/ls_user/dir/dir/dir/dir/dir/doc.txt' }), expected: true },
  { name: 'aws: a wildcard then a repeating path that differs', pattern: { FileName: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] }, event: awsEvent({ FileName: '/Users/ls_user/dir/dir/dir/dir/otherdir/doc.txt' }), expected: false },
  { name: 'doc: any account of an event bus ARN', pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, event: awsEvent({ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' }), expected: true },
  { name: 'doc: an event bus ARN in another region', pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, event: awsEvent({ EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/myEventBus' }), expected: false },
  { name: 'doc: \\* is a literal star', pattern: field('name', [{ wildcard: 'a\\*b' }]), event: value('name', 'a*b'), expected: true },
  { name: 'doc: \\* does not match other characters', pattern: field('name', [{ wildcard: 'a\\*b' }]), event: value('name', 'axxb'), expected: false },
  { name: 'doc: \\\\ is a literal backslash', pattern: field('path', [{ wildcard: 'C:\\\\dir\\\\*' }]), event: value('path', 'C:\\dir\\file.txt'), expected: true },
  { name: 'ruler: wildcard works on strings only', pattern: field('code', [{ wildcard: '1*' }]), event: value('code', 123), expected: false },
  { name: 'ruler: a wildcard without * matches the whole string only', pattern: field('name', [{ wildcard: 'abc' }]), event: value('name', 'abcd'), expected: false },
];

/** anything-but in all its forms. */
export const anythingButCases: MatchCase[] = [
  { name: 'doc: anything-but a string, other value', pattern: field('state', [{ 'anything-but': 'initializing' }]), event: value('state', 'running'), expected: true },
  { name: 'doc: anything-but a string, that value', pattern: field('state', [{ 'anything-but': 'initializing' }]), event: value('state', 'initializing'), expected: false },
  { name: 'doc: anything-but a number, other value', pattern: field('x-limit', [{ 'anything-but': 123 }]), event: value('x-limit', 456), expected: true },
  { name: 'doc: anything-but a number, that value', pattern: field('x-limit', [{ 'anything-but': 123 }]), event: value('x-limit', 123), expected: false },
  { name: 'doc: anything-but a list of strings, other value', pattern: field('state', [{ 'anything-but': ['stopped', 'overloaded'] }]), event: value('state', 'running'), expected: true },
  { name: 'doc: anything-but a list of strings, listed value', pattern: field('state', [{ 'anything-but': ['stopped', 'overloaded'] }]), event: value('state', 'stopped'), expected: false },
  { name: 'doc: anything-but a list of numbers, other value', pattern: field('x-limit', [{ 'anything-but': [100, 200, 300] }]), event: value('x-limit', 150), expected: true },
  { name: 'aws: anything-but a list of numbers, listed value', pattern: field('x-limit', [{ 'anything-but': [100, 200, 300] }]), event: value('x-limit', 100), expected: false },
  { name: 'aws: anything-but 0', pattern: field('x-limit', [{ 'anything-but': 0 }]), event: value('x-limit', 789), expected: true },
  { name: 'ruler: anything-but numbers does not exclude the string "100"', pattern: field('x-limit', [{ 'anything-but': [100] }]), event: value('x-limit', '100'), expected: true },
  { name: 'doc: anything-but prefix, other prefix', pattern: field('state', [{ 'anything-but': { prefix: 'init' } }]), event: value('state', 'running'), expected: true },
  { name: 'doc: anything-but prefix, that prefix', pattern: field('state', [{ 'anything-but': { prefix: 'init' } }]), event: value('state', 'initializing'), expected: false },
  { name: 'aws: anything-but prefix matches a number', pattern: field('state', [{ 'anything-but': { prefix: 'init' } }]), event: value('state', 12), expected: true },
  { name: 'aws: anything-but matches a null value', pattern: field('state', [{ 'anything-but': 'initializing' }]), event: value('state', null), expected: true },
  { name: 'aws: anything-but needs the field to exist', pattern: field('state', [{ 'anything-but': 'initializing' }]), event: withDetail({}), expected: false },
  { name: 'aws: anything-but a list matches null (rule delivery)', pattern: field('command', [{ 'anything-but': ['no-message'] }]), event: value('command', null), expected: true },
  { name: 'aws: anything-but a list excludes its value (rule delivery)', pattern: field('command', [{ 'anything-but': ['no-message'] }]), event: value('command', 'no-message'), expected: false },
  { name: 'doc: all events except CloudTrail API calls', pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] }, event: awsEvent({ 'detail-type': 'EC2 Instance State-change Notification' }), expected: true },
  { name: 'doc: all events except those from EC2 or S3', pattern: { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] }, event: awsEvent({ source: 'aws.s3' }), expected: false },
  { name: 'doc: only your own events (source not starting with aws.)', pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] }, event: awsEvent({ source: 'com.shop.orders' }), expected: true },
  { name: 'doc: an AWS event is excluded by anything-but prefix aws.', pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] }, event: awsEvent({ source: 'aws.ec2' }), expected: false },
  { name: 'doc: anything-but suffix, other extension', pattern: field('FileName', [{ 'anything-but': { suffix: '.png' } }]), event: value('FileName', 'a.txt'), expected: true },
  { name: 'doc: anything-but suffix, that extension', pattern: field('FileName', [{ 'anything-but': { suffix: '.png' } }]), event: value('FileName', 'a.png'), expected: false },
  { name: 'doc: anything-but equals-ignore-case, other casing', pattern: field('state', [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }]), event: value('state', 'INITIALIZING'), expected: false },
  { name: 'doc: anything-but equals-ignore-case, other value', pattern: field('state', [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }]), event: value('state', 'running'), expected: true },
  { name: 'ruler: anything-but equals-ignore-case list', pattern: field('state', [{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }]), event: value('state', 'B'), expected: false },
  { name: 'doc: anything-but wildcard, a path with /lib/', pattern: field('FilePath', [{ 'anything-but': { wildcard: '*/lib/*' } }]), event: value('FilePath', '/usr/lib/libc.so'), expected: false },
  { name: 'doc: anything-but wildcard, a path without /lib/', pattern: field('FilePath', [{ 'anything-but': { wildcard: '*/lib/*' } }]), event: value('FilePath', '/usr/bin/ls'), expected: true },
  { name: 'aws: anything-but wildcard matches a number', pattern: field('FilePath', [{ 'anything-but': { wildcard: '*/dir/*' } }]), event: value('FilePath', 123), expected: true },
  { name: 'aws: anything-but the empty wildcard', pattern: field('FilePath', [{ 'anything-but': { wildcard: '' } }]), event: value('FilePath', 'dir/init/file'), expected: true },
  { name: 'ruler: anything-but a prefix list, excluded', pattern: { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, event: awsEvent({ region: 'eu-west-1' }), expected: false },
  { name: 'ruler: anything-but a prefix list, allowed', pattern: { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, event: awsEvent({ region: 'ap-south-1' }), expected: true },
  { name: 'ruler: anything-but on an array matches if one element is not excluded', pattern: field('tags', [{ 'anything-but': 'a' }]), event: value('tags', ['a', 'b']), expected: true },
  { name: 'ruler: anything-but on an array whose elements are all excluded', pattern: field('tags', [{ 'anything-but': ['a', 'b'] }]), event: value('tags', ['a', 'b']), expected: false },
];
