/** What the CLI says about checks, hints and itself, in both languages. */
import { catalogue } from '../core/i18n/texts.ts';

/** A CLI message by id. */
export const cliMessage = catalogue('cli', {
  checklistHead: { en: 'Lab {number}: {title}  (target {target}, seed {seed})', 'zh-cn': '实验 {number}：{title}（目标环境 {target}，种子 {seed}）' },
  score: { en: 'Score {score}/{max}: {passed} of {count} checks passed in {seconds} s', 'zh-cn': '得分 {score}/{max}：{count} 项检查通过了 {passed} 项，用时 {seconds} 秒' },
  stuck: { en: 'Stuck on "{title}"?', 'zh-cn': '卡在“{title}”了吗？' },
  stuckReveal: { en: '{hint} reveals a hint.', 'zh-cn': '运行 {hint} 可以看到一条提示。' },
  stuckNoneLeft: {
    en: 'No hint is left for it (`npx workshop hint {number} --all` lists those shown); {hint} reveals one for "{next}".',
    'zh-cn': '这项检查已经没有更多提示了（`npx workshop hint {number} --all` 会列出已显示的提示）；运行 {hint} 可以看到“{next}”的一条提示。',
  },
  stuckAllShown: { en: 'Every hint is shown: {hint} lists them again.', 'zh-cn': '所有提示都已显示：运行 {hint} 可以再看一遍。' },
  stuckNoHints: { en: 'It has no hints: its message above and the lab\'s README say what it needs.', 'zh-cn': '这项检查没有提示：上面的消息和实验的 README 说明了它需要什么。' },
  summaryHead: { en: 'Lab                          Score   Checks', 'zh-cn': '实验                         得分    检查' },
  summaryDone: { en: 'done', 'zh-cn': '完成' },
  summaryTotal: { en: 'Total', 'zh-cn': '总计' },
  hintListItem: { en: '{index}. ({title}) {text}', 'zh-cn': '{index}.（{title}）{text}' },
  hintNoneYet: { en: 'No hint for lab {number} is revealed yet: run `npx workshop hint {number}` to see the first.', 'zh-cn': '实验 {number} 还没有显示过任何提示：运行 `npx workshop hint {number}` 查看第一条。' },
  hintRevealedSoFar: { en: 'Hints revealed for lab {number} so far ({count}):', 'zh-cn': '实验 {number} 目前已显示的提示（{count} 条）：' },
  hintRunForNext: { en: 'Run `npx workshop hint {number}` for the next one.', 'zh-cn': '运行 `npx workshop hint {number}` 查看下一条。' },
  hintAllPassed: {
    en: 'Lab {number}: every check passed last time, so there is nothing to hint. Run `npx workshop check {number}` to confirm.',
    'zh-cn': '实验 {number}：上次所有检查都通过了，所以没有需要提示的内容。运行 `npx workshop check {number}` 确认一下。',
  },
  hintFailingHaveNone: {
    en: 'Lab {number}: the checks still failing have no hints. Their messages in `npx workshop check {number}` and the lab\'s README say what they need.',
    'zh-cn': '实验 {number}：仍未通过的检查没有提示。`npx workshop check {number}` 中它们的消息和实验的 README 说明了它们需要什么。',
  },
  hintAllShownAgain: { en: 'Every hint for the checks still failing in lab {number} is shown; here they are again:', 'zh-cn': '实验 {number} 中仍未通过的检查的所有提示都已显示；再列一遍：' },
  hintReadAgain: {
    en: 'Read {readme} again, or run `npx workshop check {number}` after your next change to see what still fails.',
    'zh-cn': '再读一遍 {readme}，或者在下一次修改之后运行 `npx workshop check {number}`，看看还有什么没有通过。',
  },
  hintHead: { en: 'Hint {shown} of {total} for lab {number}, check "{title}":', 'zh-cn': '实验 {number} 的第 {shown} 条提示（共 {total} 条），检查项“{title}”：' },
  hintAgain: { en: 'Run `npx workshop hint {number}` again for the next one.', 'zh-cn': '再次运行 `npx workshop hint {number}` 查看下一条。' },
  hintLast: {
    en: 'That was the last hint for the checks still failing; `npx workshop hint {number} --all` lists every hint shown.',
    'zh-cn': '这是仍未通过的检查的最后一条提示；`npx workshop hint {number} --all` 会列出所有已显示的提示。',
  },
  errorPrefix: { en: 'workshop: {message}', 'zh-cn': 'workshop：{message}' },
  next: { en: '  next: {hint}', 'zh-cn': '  下一步：{hint}' },
  cliArgsHint: { en: 'add --help after the command to see its arguments', 'zh-cn': '在命令后面加上 --help 查看它的参数' },
  bug: { en: 'workshop: an unexpected error stopped the command; this is a bug in the kit, please report it.', 'zh-cn': 'workshop：一个意外的错误中断了命令；这是工具包的缺陷，请报告它。' },
  unknownCommand: { en: 'unknown command "{name}"', 'zh-cn': '未知命令“{name}”' },
  didYouMean: { en: 'did you mean `workshop {near}`? Run `workshop --help` to list the commands', 'zh-cn': '你是想输入 `workshop {near}` 吗？运行 `workshop --help` 列出所有命令' },
  listCommands: { en: 'run `workshop --help` to list the commands', 'zh-cn': '运行 `workshop --help` 列出所有命令' },
  notAvailable: { en: 'workshop {name} is not available yet: arrives with {arrives}', 'zh-cn': 'workshop {name} 暂时还不可用：将随 {arrives} 提供' },
  commandsToday: { en: 'run `workshop --help` to see the commands you can use today', 'zh-cn': '运行 `workshop --help` 查看目前可以使用的命令' },
  badLang: { en: '--lang "{value}" is not a language the kit speaks', 'zh-cn': '--lang “{value}”不是工具包支持的语言' },
  langChoices: { en: 'use --lang en or --lang zh-cn (or set WORKSHOP_LANG)', 'zh-cn': '使用 --lang en 或 --lang zh-cn（也可以设置 WORKSHOP_LANG）' },
  badSeed: { en: '--seed "{value}" is not a whole number', 'zh-cn': '--seed “{value}”不是整数' },
  seedExample: { en: 'use --seed 42 to repeat a run', 'zh-cn': '使用 --seed 42 可以重复一次运行' },
  noLabs: { en: 'this kit has no labs', 'zh-cn': '这个工具包里没有实验' },
  needsLab: { en: 'workshop {command} needs a lab number', 'zh-cn': 'workshop {command} 需要一个实验编号' },
  labExample: { en: 'for example `npx workshop {command} 01` (labs: {ids})', 'zh-cn': '例如 `npx workshop {command} 01`（实验：{ids}）' },
});
