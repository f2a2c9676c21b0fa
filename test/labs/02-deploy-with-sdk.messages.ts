/** What lab 02's grader says, in both languages: its tests call these by id. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 02 message by id. */
export const say = catalogue('lab02', {
  whenCreating: { en: 'when creating a function', 'zh-cn': '创建函数时' },
  whenExisted: { en: 'when the function already existed', 'zh-cn': '函数已存在时' },
  threw: { en: 'deployFunction threw {name} {when}: {message}', 'zh-cn': '{when}，deployFunction 抛出了 {name}："{message}"' },
  noFunction: {
    en: 'there is no function {name} after deployFunction returned: did it send a CreateFunctionCommand?',
    'zh-cn': 'deployFunction 返回后并没有函数 {name}：它发送 CreateFunctionCommand 了吗？',
  },
  fromCreating: { en: 'from creating it', 'zh-cn': '创建函数后' },
  fromUpdating: { en: 'from updating it', 'zh-cn': '更新函数后' },
  notActive: {
    en: 'function {name} was {state} when deployFunction returned {after}: wait until it is Active before returning',
    'zh-cn': 'deployFunction {after}返回时，函数 {name} 仍处于 {state} 状态：等它变为 Active 之后再返回',
  },
  updateNotDone: {
    en: 'function {name} had LastUpdateStatus {status} when deployFunction returned {after}: wait until the update is Successful before returning',
    'zh-cn': 'deployFunction {after}返回时，函数 {name} 的 LastUpdateStatus 是 {status}：等更新变为 Successful 之后再返回',
  },
  notArn: {
    en: 'deployFunction returned {returned} {when}, not the function\'s ARN ({arn})',
    'zh-cn': '{when}，deployFunction 返回了 {returned}，而不是函数的 ARN（{arn}）',
  },
  nothing: { en: 'nothing', 'zh-cn': '空值' },
  returnedValue: { en: 'the value deployFunction returned {when} (the function\'s ARN)', 'zh-cn': '{when} deployFunction 返回的值（函数的 ARN）' },
  rightAfterDeploy: { en: 'right after the deploy', 'zh-cn': '刚部署完' },
  afterSecondDeploy: { en: 'after the second deploy', 'zh-cn': '第二次部署后' },
  invokeFailed: { en: 'invoking {name} {when} failed: {errorType}: {errorMessage}', 'zh-cn': '{when}调用 {name} 失败了：{errorType}："{errorMessage}"' },
  codeThatRan: { en: 'the code that ran {when} (its answer\'s token)', 'zh-cn': '{when}运行的代码（其回答中的 token）' },
  variablesSeen: { en: 'the variables the code saw {when}', 'zh-cn': '{when}代码看到的环境变量' },
  settingOf: { en: '{setting} of {name}', 'zh-cn': '{name} 的 {setting}' },
  timeoutOf: { en: 'Timeout of {name}{note}', 'zh-cn': '{name} 的 Timeout{note}' },
  noTimeoutGiven: { en: ' (none given: Lambda\'s default)', 'zh-cn': '（未指定：取 Lambda 的默认值）' },
  none: { en: '', 'zh-cn': '' },
  settingAfterSecond: { en: '{setting} after the second deploy', 'zh-cn': '第二次部署后的 {setting}' },
  untimedSecondDeploy: {
    en: 'a second deploy that gives no timeout (the first gave {timeout})',
    'zh-cn': '第二次部署没有指定超时，第一次指定的是 {timeout}',
  },
  lambdaDefault: { en: 'Lambda\'s default', 'zh-cn': 'Lambda 的默认值' },
  timeoutKept: {
    en: 'the earlier timeout stayed: UpdateFunctionConfiguration keeps what it is not sent, so send Timeout: input.timeout ?? 3',
    'zh-cn': '之前的超时保留了下来：UpdateFunctionConfiguration 会保留没有发送给它的设置，所以要发送 Timeout: input.timeout ?? 3',
  },
});
