/** The grader kit's own messages, in both languages: the frame of a mismatch, timeouts, runs. */
import { catalogue } from '../i18n/texts.ts';

/** A message of the grader kit by id. */
export const kitMessage = catalogue('grader', {
  mismatch: { en: '{what}{forInput}: expected {expected}{because}, got {got}{cause}', 'zh-cn': '{what}{forInput}：应为 {expected}{because}，实际为 {got}{cause}' },
  forInput: { en: ' for {input}', 'zh-cn': '（{input}）' },
  because: { en: ' ({because})', 'zh-cn': '（{because}）' },
  cause: { en: '. Likely cause: {cause}', 'zh-cn': '。可能的原因：{cause}' },
  nothing: { en: '', 'zh-cn': '' },
  timeout: {
    en: 'the check did not finish within {seconds} s: is something awaiting a promise that never resolves?',
    'zh-cn': '这项检查在 {seconds} 秒内没有完成：是不是有代码在等待一个永远不会完成的 Promise？',
  },
  passed: { en: 'passed', 'zh-cn': '通过' },
  failed: { en: 'failed', 'zh-cn': '未通过' },
  didNotRun: { en: 'did not run', 'zh-cn': '没有运行' },
  graderDidNotRun: { en: 'the grader did not run', 'zh-cn': '评分程序没有运行' },
  noTestNamed: { en: 'the grader has no test named "{id}"', 'zh-cn': '评分程序中没有名为“{id}”的测试' },
  expectedGot: { en: '{label}: expected {expected}, got {got}', 'zh-cn': '{label}：应为 {expected}，实际为 {got}' },
});
