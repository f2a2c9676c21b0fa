/**
 * What the grader kit says for every lab, in both languages: a learner file that does not export
 * what a grader calls, a handler that cannot be bundled or deployed, and Lambda's refusal of an
 * update while another is under way. Quoted compiler and AWS words stay as they were said.
 */
import { catalogue, joined, type Message } from '../i18n/texts.ts';
import { isWorkshopError } from '../errors.ts';

/** A grader kit message by id. */
export const contextMessage = catalogue('graderContext', {
  notExported: { en: '{file} does not export a function named {exportName}', 'zh-cn': '{file} 没有导出名为 {exportName} 的函数' },
  bundleFailed: {
    en: '{file} does not compile: {where}{detail}: fix that line, save, and check again',
    'zh-cn': '{file} 无法编译：{where}`{detail}`。改好这一行，保存后再检查一次',
  },
  handlerNotExported: {
    en: '{file} must export {exportName}, the function Lambda runs (it exports {exports}): write `export async function {exportName}(event, context)` in {file}, or rename your function to {exportName}',
    'zh-cn': '{file} 必须导出 {exportName}，也就是 Lambda 运行的函数（它导出的名字：{exports}）：在 {file} 中写 `export async function {exportName}(event, context)`，或把你的函数改名为 {exportName}',
  },
  withHint: { en: '{message}: {hint}', 'zh-cn': '{message}：{hint}' },
  exportsNothing: { en: 'nothing', 'zh-cn': '无' },
  deployFailed: {
    en: 'function {name} failed to become ready: {reason}',
    'zh-cn': '函数 {name} 没能进入就绪状态："{reason}"',
  },
  deployTimeout: {
    en: 'function {name} was not ready after {seconds} s (State {state}, LastUpdateStatus {status})',
    'zh-cn': '函数 {name} 在 {seconds} 秒后仍未就绪（State {state}，LastUpdateStatus {status}）',
  },
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
 * The kit's deploy errors (src/core/deploy.ts words them in English) as messages in both
 * languages, read back from their English text (or as they are when already translated);
 * undefined for any other error.
 */
export function deployFailure(error: unknown): Message | undefined {
  if (!isWorkshopError(error)) return undefined;
  const { message } = error.texts;
  // Already in both languages: shown as it is, with its next step (a check shows no hint of its own).
  if (message.en !== message['zh-cn']) {
    const said: Message = { id: `deploy.${error.code}`, params: {}, texts: message };
    return error.texts.hint ? contextMessage('withHint', { message: said, hint: { id: 'hint', params: {}, texts: error.texts.hint } }) : said;
  }
  const text = message.en;
  const compile = error.code === 'BUNDLE_FAILED' ? /^(.+?) does not compile: ((?:\S+:\d+:\d+: )?)(.*)$/s.exec(text) : null;
  if (compile) return contextMessage('bundleFailed', { file: compile[1]!, where: compile[2]!, detail: compile[3]! });
  const missing = error.code === 'HANDLER_NOT_EXPORTED' ? /^(.+?) must export (.+?), the function Lambda runs \(it exports (.*)\)$/s.exec(text) : null;
  if (missing) {
    const exports = missing[3] === 'nothing' ? contextMessage('exportsNothing') : listOf(missing[3]!.split(', '));
    return contextMessage('handlerNotExported', { file: missing[1]!, exportName: missing[2]!, exports });
  }
  const failed = error.code === 'DEPLOY_FAILED' ? /^function (.+?) failed to become ready: (.*)$/s.exec(text) : null;
  if (failed) return contextMessage('deployFailed', { name: failed[1]!, reason: failed[2]! });
  const late = error.code === 'DEPLOY_TIMEOUT' ? /^function (.+?) was not ready after (\S+) s \(State (.*?), LastUpdateStatus (.*)\)$/s.exec(text) : null;
  if (late) return contextMessage('deployTimeout', { name: late[1]!, seconds: late[2]!, state: late[3]!, status: late[4]! });
  return undefined;
}
