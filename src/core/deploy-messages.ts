/**
 * What packaging and deploying a handler can go wrong with, in both languages: the CLI shows
 * these with their next step, a grader's check rewords the next step for a check. Compiler and
 * AWS words stay as they were said.
 */
import { catalogue } from './i18n/texts.ts';

/** A deploy message by id. */
export const deployMessage = catalogue('deploy', {
  bundleFailed: { en: '{file} does not compile: {where}{detail}', 'zh-cn': '{file} 无法编译：{where}`{detail}`' },
  handlerNotExported: {
    en: '{file} must export {exportName}, the function Lambda runs (it exports {exports})',
    'zh-cn': '{file} 必须导出 {exportName}，也就是 Lambda 运行的函数（它导出的名字：{exports}）',
  },
  exportsNothing: { en: 'nothing', 'zh-cn': '无' },
  deployFailed: { en: 'function {name} failed to become ready: {reason}', 'zh-cn': '函数 {name} 没能进入就绪状态："{reason}"' },
  noReason: { en: 'no reason given', 'zh-cn': '没有给出原因' },
  deployTimeout: {
    en: 'function {name} was not ready after {seconds} s (State {state}, LastUpdateStatus {status})',
    'zh-cn': '函数 {name} 在 {seconds} 秒后仍未就绪（State {state}，LastUpdateStatus {status}）',
  },
});
