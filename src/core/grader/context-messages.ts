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
