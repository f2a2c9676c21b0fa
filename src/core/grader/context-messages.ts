/**
 * What the grader kit says for every lab, in both languages: a learner file that does not export
 * what a grader calls, a handler that cannot be bundled or deployed (deploy-messages.ts words
 * those), and Lambda's refusal of an update while another is under way. Quoted compiler and AWS words stay as they were said.
 */
import { catalogue, joined, type Message } from '../i18n/texts.ts';
import { isWorkshopError } from '../errors.ts';

/** A grader kit message by id. */
export const contextMessage = catalogue('graderContext', {
  notExported: { en: '{file} does not export a function named {exportName}', 'zh-cn': '{file} 没有导出名为 {exportName} 的函数' },
  timedOut: {
    en: '{exportName} did not finish within {seconds} s: is it awaiting something that never resolves?',
    'zh-cn': '{exportName} 没有在 {seconds} 秒内完成：它是不是在 await 一个永远不会完成的 Promise？',
  },
  stoppedBySignal: { en: '{exportName} was stopped by {signal} before answering{memory}{tail}', 'zh-cn': '{exportName} 在给出结果之前被 {signal} 终止了{memory}{tail}' },
  exitedWithCode: { en: '{exportName} exited with code {code} before answering{memory}{tail}', 'zh-cn': '{exportName} 在给出结果之前就退出了，退出码 {code}{memory}{tail}' },
  outOfMemory: { en: ' (it ran out of its {mb} MB of memory)', 'zh-cn': '（它用完了自己的 {mb} MB 内存）' },
  outputTail: { en: ': {tail}', 'zh-cn': '：{tail}' },
  compileThen: {
    en: '{message}: fix that line, save, and check again',
    'zh-cn': '{message}。改好这一行，保存后再检查一次',
  },
  withHint: { en: '{message}: {hint}', 'zh-cn': '{message}：{hint}' },
  refusedUpdate: {
    en: '{call} was refused with ResourceConflictException ("{awsMessage}") because {before}: {wait}',
    'zh-cn': '{call} 被拒绝，错误为 ResourceConflictException（"{awsMessage}"），因为{before}：{wait}',
  },
  stillPending: { en: 'the function was still Pending', 'zh-cn': '函数仍处于 Pending 状态' },
  codeUpdateInProgress: { en: 'the code update was still in progress', 'zh-cn': '代码更新仍在进行中' },
  earlierUpdateInProgress: { en: 'an earlier update of the function was still in progress', 'zh-cn': '函数之前的一次更新仍在进行中' },
  waitActive: { en: 'await waitUntilFunctionActiveV2 before sending {call}Command', 'zh-cn': '发送 {call}Command 之前先 await waitUntilFunctionActiveV2' },
  waitBetween: {
    en: 'await waitUntilFunctionUpdatedV2 between UpdateFunctionCodeCommand and UpdateFunctionConfigurationCommand',
    'zh-cn': '在 UpdateFunctionCodeCommand 和 UpdateFunctionConfigurationCommand 之间 await waitUntilFunctionUpdatedV2',
  },
  waitBefore: {
    en: 'await waitUntilFunctionUpdatedV2 before sending UpdateFunctionCodeCommand, and after each update',
    'zh-cn': '发送 UpdateFunctionCodeCommand 之前以及每次更新之后，都要 await waitUntilFunctionUpdatedV2',
  },
});

/** The error a learner's call rejects with when the sandbox stopped it: it never answered, so it did not throw. */
export class LearnerStopped extends Error {
  /** What happened, in both languages. */
  readonly said: Message;

  constructor(said: Message) {
    super(said.texts.en);
    this.name = 'LearnerStopped';
    this.said = said;
  }
}

/** The message of a call the sandbox stopped (a time limit, an exit, a crash), or undefined for anything else. */
export function learnerStopped(error: unknown): Message | undefined {
  return error instanceof Error && error.name === 'LearnerStopped' && 'said' in error ? (error as LearnerStopped).said : undefined;
}

/** Names in a list, joined as each language writes a list: `a, b` and `a、b`. */
export function listOf(names: readonly string[]): Message {
  return joined(names);
}

/**
 * The kit's own errors (a handler that does not bundle, export or deploy) as a check says them:
 * the message with its next step, in both languages; undefined for any other error.
 */
export function deployFailure(error: unknown): Message | undefined {
  if (!isWorkshopError(error)) return undefined;
  const { message, hint } = error.texts;
  // A message the same in every language is not one of the kit's own: the caller words it.
  if (message.en === message['zh-cn']) return undefined;
  const said: Message = { id: `deploy.${error.code}`, params: {}, texts: message };
  // The CLI's next step says "run the command again"; in a check it is "check again".
  if (error.code === 'BUNDLE_FAILED') return contextMessage('compileThen', { message: said });
  return hint ? contextMessage('withHint', { message: said, hint: { id: 'hint', params: {}, texts: hint } }) : said;
}
