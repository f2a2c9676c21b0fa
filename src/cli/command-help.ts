/**
 * The CLI's help in both languages: `workshop --help`, each command's one-line summary, and the
 * descriptions citty shows under `workshop <command> --help`.
 */
import { catalogue, inLanguage, type Param } from '../core/i18n/texts.ts';

/** A help text by id. */
export const helpMessage = catalogue('commandHelp', {
  helpHead: { en: 'workshop {version}: the Serverless Shop Workshop\'s command line', 'zh-cn': 'workshop {version}：Serverless Shop Workshop 的命令行工具' },
  helpUsage: { en: 'Usage: npx workshop <command> [options]', 'zh-cn': '用法：npx workshop <命令> [选项]' },
  helpCommands: { en: 'Commands:', 'zh-cn': '命令：' },
  usageLine: { en: 'Usage: {call}', 'zh-cn': '用法：{call}' },
  usageOptions: { en: '[options]', 'zh-cn': '[选项]' },
  usageArguments: { en: 'Arguments:', 'zh-cn': '参数：' },
  usageOptionsHead: { en: 'Options:', 'zh-cn': '选项：' },
  usageDefault: { en: ' (default: {value})', 'zh-cn': '（默认：{value}）' },
  helpLater: { en: ' (not available yet: arrives with {arrives})', 'zh-cn': '（暂时还不可用：将随 {arrives} 提供）' },
  helpTargets: {
    en: 'Targets: --target emulator|localstack|aws, or WORKSHOP_TARGET (default: emulator, no Docker needed).',
    'zh-cn': '目标环境：--target emulator|localstack|aws，或者设置 WORKSHOP_TARGET（默认是 emulator，不需要 Docker）。',
  },
  helpLanguage: {
    en: 'Language: --lang en|zh-cn, or WORKSHOP_LANG (default: from the locale, else English).',
    'zh-cn': '语言：--lang en|zh-cn，或者设置 WORKSHOP_LANG（默认跟随系统的区域设置，否则是英文）。',
  },
  helpOptions: { en: 'Run `npx workshop <command> --help` for a command\'s options.', 'zh-cn': '运行 `npx workshop <命令> --help` 查看某个命令的选项。' },

  start: { en: 'Start the AWS emulator (and the lesson site) and print where to go next', 'zh-cn': '启动 AWS 模拟器（以及课程网站），并告诉你下一步去哪里' },
  check: { en: 'Check a lab: deploy, grade, and show each check with a hint', 'zh-cn': '检查一个实验：部署、评分，并列出每项检查和提示' },
  watch: { en: 'Re-run a lab\'s check every time you save a file', 'zh-cn': '每次保存文件时重新检查实验' },
  hint: { en: 'Reveal the next hint for a lab', 'zh-cn': '显示实验的下一条提示' },
  deploy: { en: 'Bundle and deploy your handler for a lab, and print how to invoke it', 'zh-cn': '打包并部署你为实验写的处理函数，并告诉你如何调用它' },
  reset: { en: 'Delete a lab\'s resources (and with --code, restore its starter files)', 'zh-cn': '删除实验创建的资源（加上 --code 时还会恢复初始文件）' },
  doctor: { en: 'Check Node.js, the emulator port, Docker and LocalStack, with a fix for each problem', 'zh-cn': '检查 Node.js、模拟器端口、Docker 和 LocalStack，并给出每个问题的解决办法' },
  emulator: { en: 'Run the embedded AWS emulator in the foreground (default 127.0.0.1:4566)', 'zh-cn': '在前台运行内置的 AWS 模拟器（默认 127.0.0.1:4566）' },
  emulatorMeta: { en: 'Run the embedded AWS emulator in the foreground', 'zh-cn': '在前台运行内置的 AWS 模拟器' },
  grade: { en: 'Grade a whole class of submissions and write gradebooks (instructors)', 'zh-cn': '为全班的提交评分并生成成绩册（教师使用）' },
  dev: { en: 'Prove every lab fails as a starter and passes as a solution (maintainers)', 'zh-cn': '证明每个实验的初始代码不能通过、参考答案能够通过（维护者使用）' },
  devMeta: {
    en: 'Maintainer tools: `dev check` proves every lab fails as a starter and passes as a solution',
    'zh-cn': '维护者工具：`dev check` 证明每个实验的初始代码不能通过、参考答案能够通过',
  },

  argLab: { en: 'The lab number, like 01', 'zh-cn': '实验编号，例如 01' },
  argLabOrAll: { en: 'The lab number, like 01 (default: every lab)', 'zh-cn': '实验编号，例如 01（默认：所有实验）' },
  argJson: { en: 'Print results.json (Exercism v3 shape) instead of the checklist', 'zh-cn': '输出 results.json（Exercism v3 格式），而不是检查清单' },
  argAllHints: { en: 'List every hint revealed so far again', 'zh-cn': '再次列出目前已显示的所有提示' },
  argTarget: { en: 'emulator (default), localstack or aws; or set WORKSHOP_TARGET', 'zh-cn': 'emulator（默认）、localstack 或 aws；也可以设置 WORKSHOP_TARGET' },
  argDir: { en: 'The folder holding your lab folders (default: labs/)', 'zh-cn': '存放你的各个实验文件夹的文件夹（默认：labs/）' },
  argSeed: { en: 'Seed for the generated test inputs (default: random; the same seed repeats a run)', 'zh-cn': '生成测试输入用的种子（默认随机；同一个种子会重复同一次运行）' },
  argAllowOrigin: {
    en: 'Origins (comma-separated) of web pages that may call the emulator besides the lesson site; or set WORKSHOP_ALLOW_ORIGINS',
    'zh-cn': '除课程网站外，还允许调用模拟器的网页来源（用逗号分隔）；也可以设置 WORKSHOP_ALLOW_ORIGINS',
  },
  argAllowHost: {
    en: 'Host names (comma-separated) the emulator answers to besides 127.0.0.1 and localhost; or set WORKSHOP_ALLOW_HOSTS',
    'zh-cn': '除 127.0.0.1 和 localhost 外，模拟器还响应的主机名（用逗号分隔）；也可以设置 WORKSHOP_ALLOW_HOSTS',
  },
  argRelaxed: {
    en: 'Let EventBridge invoke Lambda targets without checking their resource policy, as LocalStack does (AWS checks it)',
    'zh-cn': '让 EventBridge 调用 Lambda 目标时不检查它的资源策略，和 LocalStack 一样（AWS 会检查）',
  },
  devAction: { en: 'check', 'zh-cn': 'check（目前唯一的操作）' },
  devLab: { en: 'One lab number (default: every lab)', 'zh-cn': '一个实验编号（默认：所有实验）' },
  doctorPort: { en: 'The port the emulator uses', 'zh-cn': '模拟器使用的端口' },
  emulatorPort: { en: 'Port to listen on (0 picks a free one)', 'zh-cn': '要监听的端口（0 表示任选一个空闲端口）' },
  emulatorHost: { en: 'Address to bind; the emulator has no authentication, so keep it on loopback', 'zh-cn': '要绑定的地址；模拟器没有身份验证，所以请只绑定回环地址' },
  emulatorState: { en: 'Folder that keeps the emulator\'s state across restarts', 'zh-cn': '在重启之间保存模拟器状态的文件夹' },
  gradeSubmissions: { en: 'The folder with one sub-folder (or .zip) per learner', 'zh-cn': '每位学员一个子文件夹（或 .zip）的那个文件夹' },
  gradeLabs: { en: 'Labs to grade, like 01,02 (default: every lab)', 'zh-cn': '要评分的实验，例如 01,02（默认：所有实验）' },
  gradeJobs: {
    en: 'Grading processes at once, each grading a few submissions in turn (default: six per core, at most 12)',
    'zh-cn': '同时运行的评分进程数，每个进程依次评几份提交（默认：每个核心六个，最多 12 个）',
  },
  gradeTarget: { en: 'emulator (default) or localstack', 'zh-cn': 'emulator（默认）或 localstack' },
  gradeOut: { en: 'Folder for the reports', 'zh-cn': '存放报告的文件夹' },
  gradeSeed: { en: 'Seed of the generated inputs; the same seed gives the same grades', 'zh-cn': '生成输入用的种子；同一个种子给出同样的成绩' },
  gradeGradescope: {
    en: 'Run inside Gradescope: read /autograder/submission, write /autograder/results/results.json',
    'zh-cn': '在 Gradescope 中运行：读取 /autograder/submission，写入 /autograder/results/results.json',
  },
  gradeGradescopeRoot: { en: 'The autograder folder (default /autograder)', 'zh-cn': 'autograder 文件夹（默认 /autograder）' },
  gradeGradescopePackage: {
    en: 'Build the Gradescope autograder zip (setup.sh and run_autograder beside the kit) at this path, then stop',
    'zh-cn': '在这个路径生成 Gradescope 自动评分包（setup.sh 和 run_autograder 与工具包放在一起），然后结束',
  },
  gradeClassroom: {
    en: 'Grade one repository checkout (the folder given, default .) in GitHub Classroom\'s workflow: each lab\'s result goes to $GITHUB_OUTPUT for the autograding reporter',
    'zh-cn': '在 GitHub Classroom 的工作流中为一个仓库检出（给出的文件夹，默认 .）评分：每个实验的结果写入 $GITHUB_OUTPUT，供 autograding reporter 读取',
  },
  gradeGithubOutput: { en: 'With --classroom: the file to append step outputs to (default $GITHUB_OUTPUT)', 'zh-cn': '配合 --classroom：追加步骤输出的文件（默认 $GITHUB_OUTPUT）' },
  gradeMerge: {
    en: 'Join the learner results found in the folders given (learners/*.json, Gradescope results.json) into one gradebook in --out',
    'zh-cn': '把给出的文件夹中找到的学员结果（learners/*.json、Gradescope results.json）合并成 --out 中的一份成绩册',
  },
  gradeTrust: {
    en: 'Grade even without an OS sandbox (bubblewrap), trusting every submission with this machine',
    'zh-cn': '即使没有系统沙箱（bubblewrap）也评分，也就是把这台机器托付给每一份提交',
  },
  resetCode: { en: 'Also restore the starter files (your files are backed up first)', 'zh-cn': '同时恢复初始文件（会先备份你的文件）' },
  resetYes: { en: 'Do not ask before restoring files', 'zh-cn': '恢复文件之前不再询问' },
  startPort: { en: 'Emulator port', 'zh-cn': '模拟器端口' },
  startState: { en: 'Folder for the emulator\'s state', 'zh-cn': '保存模拟器状态的文件夹' },
  startSite: {
    en: 'Serve the lesson site too, built on the first start and reused after (--no-site for the emulator alone)',
    'zh-cn': '同时提供课程网站，首次启动时构建，之后复用（用 --no-site 只启动模拟器）',
  },
  startSitePort: { en: 'Port of the lesson site', 'zh-cn': '课程网站的端口' },
});

/** A help text in the learner's language: command descriptions are read once, when citty defines the command. */
export function helpText(...args: [Parameters<typeof helpMessage>[0], Record<string, Param>?]): string {
  return inLanguage(helpMessage(...args));
}
