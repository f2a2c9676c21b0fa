/** What the CLI's commands print and the errors they raise, in both languages. */
import { catalogue, inLanguage, type Param } from '../core/i18n/texts.ts';

/** A command's message by id. */
export const commandMessage = catalogue('commands', {
  badPort: { en: '{option} "{value}" is not a port number', 'zh-cn': '{option} “{value}”不是端口号' },
  portExample: { en: 'give {option} a whole number from 0 to 65535, for example {option} 4566', 'zh-cn': '给 {option} 一个 0 到 65535 之间的整数，例如 {option} 4566' },

  nothingToDeploy: { en: 'lab {number} has no function to deploy: your own code creates its resources', 'zh-cn': '实验 {number} 没有要部署的函数：它的资源由你自己的代码创建' },
  checkInstead: { en: 'run `npx workshop check {number}` instead', 'zh-cn': '请改为运行 `npx workshop check {number}`' },
  running: { en: 'Running {calls} ... ', 'zh-cn': '正在运行 {calls} …… ' },
  done: { en: 'done.', 'zh-cn': '完成。' },
  bundling: { en: 'Bundling {file} ({export}) ... ', 'zh-cn': '正在打包 {file}（{export}）…… ' },
  deploying: { en: '{bytes} bytes. Deploying {name} ... ', 'zh-cn': '{bytes} 字节。正在部署 {name} …… ' },
  created: { en: 'created.', 'zh-cn': '已创建。' },
  updated: { en: 'updated.', 'zh-cn': '已更新。' },
  arn: { en: '  ARN: {arn}', 'zh-cn': '  ARN：{arn}' },
  invoke: { en: '  Invoke: {command}', 'zh-cn': '  调用方式：{command}' },
  request: { en: '  Try it: {command}', 'zh-cn': '  试一试：{command}' },
  emulatorRanHere: {
    en: 'No emulator was running, so one ran for this command; its state is kept in {dir}, and `npm start` serves it again.',
    'zh-cn': '之前没有正在运行的模拟器，所以这次命令临时启动了一个；它的状态保存在 {dir}，`npm start` 会再次提供这些状态。',
  },

  unknownDevAction: { en: 'unknown dev action "{action}"', 'zh-cn': '未知的 dev 操作“{action}”' },
  oneDevAction: { en: 'the one dev action is `workshop dev check`', 'zh-cn': '唯一的 dev 操作是 `workshop dev check`' },
  proofsFailed: { en: '{bad} of {count} grader proofs failed', 'zh-cn': '{count} 项评分器验证中有 {bad} 项失败' },
  proofsFailedHint: { en: 'each ✖ line says which variant did not behave as expected', 'zh-cn': '每一行 ✖ 都写明了哪个变体的表现不符合预期' },
  proofsHold: { en: 'All {count} grader proofs hold for {labs} lab(s).', 'zh-cn': '{labs} 个实验的全部 {count} 项评分器验证都成立。' },

  findingLine: { en: '{mark} {subject}: {detail}', 'zh-cn': '{mark} {subject}：{detail}' },
  fixLine: { en: '    fix: {fix}', 'zh-cn': '    解决办法：{fix}' },
  doctorProblem: { en: '1 problem to fix before the labs can run', 'zh-cn': '在运行实验之前还有 1 个问题需要解决' },
  doctorProblems: { en: '{count} problems to fix before the labs can run', 'zh-cn': '在运行实验之前还有 {count} 个问题需要解决' },
  doctorAgain: { en: 'follow the fix lines above, then run `workshop doctor` again', 'zh-cn': '按照上面的解决办法处理，然后再次运行 `workshop doctor`' },
  doctorReady: { en: 'Ready: run `npm start` and open the lessons.', 'zh-cn': '一切就绪：运行 `npm start`，然后打开课程。' },

  badJobs: { en: '--jobs "{value}" is not a positive whole number', 'zh-cn': '--jobs “{value}”不是正整数' },
  jobsExample: { en: 'for example --jobs 2', 'zh-cn': '例如 --jobs 2' },
  badGradeTarget: { en: '--target "{value}" cannot grade a cohort', 'zh-cn': '--target “{value}”不能用来为全班评分' },
  gradeTargets: { en: 'use emulator (default) or localstack; grading never uses a real AWS account', 'zh-cn': '请使用 emulator（默认）或 localstack；评分从不使用真实的 AWS 账户' },
  wrote: { en: 'Wrote {file}', 'zh-cn': '已写入 {file}' },
  needsSubmissions: { en: 'workshop grade needs the folder of submissions', 'zh-cn': 'workshop grade 需要存放提交的文件夹' },
  submissionsExample: { en: 'for example `npx workshop grade submissions/ --out grades/`', 'zh-cn': '例如 `npx workshop grade submissions/ --out grades/`' },
  graded: {
    en: 'Graded {learners} submission(s) on {labs} lab(s) in {seconds} s (seed {seed}); mean score {mean}.',
    'zh-cn': '已在 {seconds} 秒内为 {learners} 份提交的 {labs} 个实验评分（种子 {seed}）；平均分 {mean}。',
  },
  reportsIn: { en: 'Reports in {dir}: report.html, grades.csv, grades.json, learners/, junit/, gradescope/, classroom/', 'zh-cn': '报告位于 {dir}：report.html、grades.csv、grades.json、learners/、junit/、gradescope/、classroom/' },

  deleted: { en: 'Deleted: {list}', 'zh-cn': '已删除：{list}' },
  nothingDeleted: { en: 'Lab {number} had no resources in the {target} target.', 'zh-cn': '实验 {number} 在 {target} 目标环境中没有资源。' },
  needsYes: { en: 'restoring files needs a yes', 'zh-cn': '恢复文件需要你确认' },
  addYes: { en: 'add --yes to restore {files} without asking', 'zh-cn': '加上 --yes 可以不经询问直接恢复 {files}' },
  restoreQuestion: {
    en: 'Restore {files} in {dir} to the starter version? Your files are backed up first. [y/N] ',
    'zh-cn': '要把 {dir} 中的 {files} 恢复为初始版本吗？你的文件会先备份。[y/N] ',
  },
  nothingRestored: { en: 'Nothing restored.', 'zh-cn': '没有恢复任何文件。' },
  restored: { en: 'Restored the starter files. Your previous files are in {backup}', 'zh-cn': '已恢复初始文件。你之前的文件在 {backup}' },

  lessonsAt: { en: 'Lessons at {url} (start with Set up, then lesson 1)', 'zh-cn': '课程网站：{url}/zh-cn/（先看“环境准备”，再看第 1 课）' },
  tryIt: {
    en: 'Try it:   aws --endpoint-url {url} sts get-caller-identity   (any credentials work; a 12-digit access key is an account)',
    'zh-cn': '试一试：  aws --endpoint-url {url} sts get-caller-identity   （任何凭证都可以；12 位数字的访问密钥就是一个账户）',
  },
  health: { en: 'Health:   curl {url}/_localstack/health', 'zh-cn': '健康检查：curl {url}/_localstack/health' },
  labs: { en: 'Labs:     npx workshop check 01   (then hint, watch, deploy: npx workshop --help)', 'zh-cn': '实验：    npx workshop check 01   （还有 hint、watch、deploy：见 npx workshop --help）' },
  doctorStep: { en: 'Check:    npx workshop doctor', 'zh-cn': '检查环境：npx workshop doctor' },
  helpStep: { en: 'Help:     npx workshop --help', 'zh-cn': '帮助：    npx workshop --help' },

  checkingAgain: { en: 'Checking lab {number} again...', 'zh-cn': '正在重新检查实验 {number}……' },
  everyCheckPasses: { en: 'Every check passes. On to the next lab!', 'zh-cn': '所有检查都通过了。继续下一个实验吧！' },
  newInputs: { en: ' The next save checks with new inputs.', 'zh-cn': '下一次保存时会用新的输入检查。' },
  watching: { en: 'Watching {dir}: save a file to check again (Ctrl-C to stop).', 'zh-cn': '正在监视 {dir}：保存文件即可重新检查（按 Ctrl-C 停止）。' },
  watchingAfterError: {
    en: 'Watching {dir}: fix the problem above and save to check again (Ctrl-C to stop).',
    'zh-cn': '正在监视 {dir}：解决上面的问题后保存，即可重新检查（按 Ctrl-C 停止）。',
  },

  portInUse: { en: 'port {port} is already in use on {host}', 'zh-cn': '{host} 上的端口 {port} 已被占用' },
  portInUseHint: {
    en: 'run `npx workshop doctor` to see what holds it, or pick another port with --port',
    'zh-cn': '运行 `npx workshop doctor` 查看是谁占用了它，或者用 --port 换一个端口',
  },
  listening: { en: 'AWS emulator listening on {url} ({services})', 'zh-cn': 'AWS 模拟器正在 {url} 上监听（{services}）' },
  stateKept: { en: 'State is kept in {dir}', 'zh-cn': '状态保存在 {dir}' },
  relaxed: {
    en: 'Relaxed permissions: EventBridge invokes Lambda targets without checking their resource policy (as LocalStack does; AWS checks it).',
    'zh-cn': '宽松权限：EventBridge 调用 Lambda 目标时不检查它的资源策略（和 LocalStack 一样；AWS 会检查）。',
  },
  siteFailed: {
    en: 'workshop: the lesson site could not start ({reason}); the emulator keeps running.',
    'zh-cn': 'workshop：课程网站无法启动（{reason}）；模拟器继续运行。',
  },
  pressCtrlC: { en: 'Press Ctrl-C to stop.', 'zh-cn': '按 Ctrl-C 停止。' },
  stopping: { en: 'Stopping the emulator...', 'zh-cn': '正在停止模拟器……' },
});

/** A command's message as text in the learner's language. */
export function commandText(...args: [Parameters<typeof commandMessage>[0], Record<string, Param>?]): string {
  return inLanguage(commandMessage(...args));
}
