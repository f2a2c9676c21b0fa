/**
 * What the engine says when a target, a lab, a deploy or a reset goes wrong, in both languages:
 * ensure-target, target, probe, labs, deploy, reset, starters and dev-check speak through it.
 */
import { catalogue } from './i18n/texts.ts';

/** A message of the engine by id. */
export const coreMessage = catalogue('core', {
  endpointBusy: { en: '{endpoint} answers, but not as the workshop emulator ({what})', 'zh-cn': '{endpoint} 有程序应答，但不是 workshop 模拟器（{what}）' },
  itIsLocalStack: { en: 'it is LocalStack', 'zh-cn': '那是 LocalStack' },
  useLocalStackOrStop: { en: 'use --target localstack, or stop LocalStack', 'zh-cn': '使用 --target localstack，或者停止 LocalStack' },
  doctorForPort: { en: 'run `npx workshop doctor` to see what holds the port', 'zh-cn': '运行 `npx workshop doctor` 查看是谁占用了这个端口' },
  notLocalStackEmulator: {
    en: 'the localstack target was chosen ({source}) but the kit\'s own emulator answers at {endpoint}, not LocalStack, so a run would report "target localstack" for the emulator\'s behaviour',
    'zh-cn': '选择了 localstack 目标环境（{source}），但在 {endpoint} 应答的是工具包自己的模拟器，而不是 LocalStack，这样运行会把模拟器的行为报告成“target localstack”',
  },
  notLocalStackFree: { en: 'the localstack target was chosen ({source}) but nothing answers at {endpoint}', 'zh-cn': '选择了 localstack 目标环境（{source}），但 {endpoint} 上没有任何程序应答' },
  notLocalStackOther: {
    en: 'the localstack target was chosen ({source}) but {endpoint} answers, but not as LocalStack ({detail})',
    'zh-cn': '选择了 localstack 目标环境（{source}），但 {endpoint} 上应答的不是 LocalStack（{detail}）',
  },
  stopEmulatorForLocalStack: {
    en: 'stop the kit\'s emulator (Ctrl-C where `npm start` runs) and start LocalStack with `docker compose up -d`, or use --target emulator',
    'zh-cn': '先停止工具包的模拟器（在运行 `npm start` 的终端按 Ctrl-C），再用 `docker compose up -d` 启动 LocalStack；或者使用 --target emulator',
  },
  startLocalStack: {
    en: 'start LocalStack with `docker compose up -d` and wait for `curl http://127.0.0.1:4566/_localstack/health`, or use --target emulator',
    'zh-cn': '用 `docker compose up -d` 启动 LocalStack，并等到 `curl http://127.0.0.1:4566/_localstack/health` 有应答；或者使用 --target emulator',
  },
  noAwsCredentials: { en: 'the aws target was chosen ({source}) but no AWS credentials were found', 'zh-cn': '选择了 aws 目标环境（{source}），但没有找到 AWS 凭证' },
  awsUnreachable: {
    en: 'the aws target was chosen ({source}) but AWS refused the credentials or could not be reached: {name}: {message}',
    'zh-cn': '选择了 aws 目标环境（{source}），但 AWS 拒绝了凭证，或者无法连接到 AWS：{name}: {message}',
  },
  configureAws: {
    en: 'configure a sandbox account with `aws configure` (or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then run the command again; or use --target emulator',
    'zh-cn': '用 `aws configure` 配置一个沙箱账户（或者设置 AWS_PROFILE，或 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY），然后再次运行命令；或者使用 --target emulator',
  },
  checkAwsCredentials: {
    en: 'check the credentials with `aws sts get-caller-identity`, and that this machine reaches AWS; or use --target emulator',
    'zh-cn': '用 `aws sts get-caller-identity` 检查凭证，并确认这台机器能连接到 AWS；或者使用 --target emulator',
  },

  targetConflict: {
    en: 'the aws target was chosen ({source}) but AWS_ENDPOINT_URL is set to {endpoint}, which would send every call there instead of to AWS',
    'zh-cn': '选择了 aws 目标环境（{source}），但 AWS_ENDPOINT_URL 被设置为 {endpoint}，这会把每个调用都发到那里，而不是发给 AWS',
  },
  targetConflictHint: { en: 'unset AWS_ENDPOINT_URL to use AWS, or choose --target localstack for that endpoint', 'zh-cn': '要使用 AWS，请取消设置 AWS_ENDPOINT_URL；或者为那个地址选择 --target localstack' },
  badAccountId: { en: 'account id "{id}" is not 12 digits', 'zh-cn': '账户 ID “{id}”不是 12 位数字' },
  unknownTarget: { en: 'unknown target "{value}" (from {source})', 'zh-cn': '未知的目标环境“{value}”（来自 {source}）' },
  chooseTarget: { en: 'choose one of: {names}', 'zh-cn': '请从这些中选择一个：{names}' },
  endpointNotUrl: { en: 'AWS_ENDPOINT_URL "{value}" is not a URL', 'zh-cn': 'AWS_ENDPOINT_URL “{value}”不是 URL' },
  endpointExample: { en: 'set it like http://127.0.0.1:4566, or unset it', 'zh-cn': '请设置成 http://127.0.0.1:4566 这样的地址，或者取消设置' },
  endpointScheme: { en: 'AWS_ENDPOINT_URL "{value}" must start with http:// or https://', 'zh-cn': 'AWS_ENDPOINT_URL “{value}”必须以 http:// 或 https:// 开头' },

  unknownLab: { en: 'there is no lab "{reference}"', 'zh-cn': '没有实验“{reference}”' },
  theLabsAre: { en: 'the labs are: {ids}', 'zh-cn': '现有的实验：{ids}' },
  noLabsYet: { en: 'this kit has no labs yet', 'zh-cn': '这个工具包里还没有实验' },
  labDirMissing: { en: 'no folder {dir} for lab {id}', 'zh-cn': '找不到实验 {id} 的文件夹 {dir}' },
  pointDir: { en: 'point --dir at a folder that holds the lab folders (like labs/)', 'zh-cn': '让 --dir 指向存放各个实验文件夹的文件夹（例如 labs/）' },
  restoreLab: { en: 'restore it with `git checkout -- labs/{id}`', 'zh-cn': '用 `git checkout -- labs/{id}` 恢复它' },

  fixAndRerun: { en: 'fix that line, save, and run the command again', 'zh-cn': '改好那一行，保存，然后再次运行命令' },
  exportHandler: {
    en: 'write `export async function {exportName}(event, context)` in {file}, or rename your function to {exportName}',
    'zh-cn': '在 {file} 中写 `export async function {exportName}(event, context)`，或者把你的函数改名为 {exportName}',
  },
  unknownClient: { en: 'lab.json names an unknown SDK client "{client}"', 'zh-cn': 'lab.json 指定了一个未知的 SDK 客户端“{client}”' },
  arnTooEarly: { en: 'lab.json uses $functionArn in a "before" call, before the function exists', 'zh-cn': 'lab.json 在 "before" 调用中使用了 $functionArn，而那时函数还不存在' },
  outsideLabs: { en: 'lab.json names {file}, outside the labs folder', 'zh-cn': 'lab.json 指定的 {file} 在实验文件夹之外' },
  progressUnreadable: {
    en: 'your progress file could not be read ({reason}); it was moved to {aside} and progress starts fresh',
    'zh-cn': '无法读取你的进度文件（{reason}）；它已被移到 {aside}，进度从头开始',
  },
  progressUnknownFormat: { en: 'unknown format', 'zh-cn': '格式无法识别' },
  setupFailed: { en: '{export} in {file} threw {name}: {message}', 'zh-cn': '{file} 中的 {export} 抛出了 {name}：{message}' },
  setupFailedHint: {
    en: 'the deployed function needs what {export} creates: fix it (`npx workshop check` on that lab says what is missing) and deploy again',
    'zh-cn': '部署的函数需要 {export} 创建的资源：修好它（对那个实验运行 `npx workshop check` 可以看到缺了什么），然后重新部署',
  },
  tableNotCreated: {
    en: 'the function stores orders in table {table}, which does not exist: {calls} did not create it',
    'zh-cn': '函数把订单存放在表 {table} 中，但这张表不存在：{calls} 没有创建它',
  },
  tableNothingCreates: { en: 'the function stores orders in table {table}, which does not exist: nothing creates it', 'zh-cn': '函数把订单存放在表 {table} 中，但这张表不存在：没有任何代码创建它' },
  completeSetup: {
    en: 'complete that function (its lab\'s `npx workshop check` says what is missing), then deploy again',
    'zh-cn': '把那个函数写完整（它所在实验的 `npx workshop check` 会说明缺了什么），然后重新部署',
  },

  rule: { en: 'rule {name}', 'zh-cn': '规则 {name}' },
  bus: { en: 'bus {name}', 'zh-cn': '事件总线 {name}' },
  function: { en: 'function {name}', 'zh-cn': '函数 {name}' },
  table: { en: 'table {name}', 'zh-cn': '表 {name}' },
  queue: { en: 'queue {name}', 'zh-cn': '队列 {name}' },
  role: { en: 'role {name}', 'zh-cn': '角色 {name}' },
  api: { en: 'HTTP API {name}', 'zh-cn': '名为 {name} 的 HTTP API' },

  manifestUnreadable: { en: '{file} could not be read ({reason})', 'zh-cn': '无法读取 {file}（{reason}）' },
  restoreManifest: {
    en: 'restore it with `git checkout -- labs/starters.json`; maintainers write it with `npm run starters`',
    'zh-cn': '用 `git checkout -- labs/starters.json` 恢复它；维护者用 `npm run starters` 生成它',
  },
  starterNotListed: { en: 'labs/starters.json does not list {key}', 'zh-cn': 'labs/starters.json 中没有列出 {key}' },
  runStarters: { en: 'maintainers: run `npm run starters`', 'zh-cn': '维护者：请运行 `npm run starters`' },
  starterGone: {
    en: 'the starter version of labs/{key} is neither in the folder nor in git\'s history here',
    'zh-cn': 'labs/{key} 的初始版本既不在文件夹里，也不在这里的 git 历史中',
  },
  needsClone: {
    en: 'restoring needs the kit as a git clone; download the file from the kit\'s repository instead',
    'zh-cn': '恢复文件需要工具包是一个 git 克隆；请改为从工具包的仓库下载这个文件',
  },

  notLocalStackHealth: { en: 'HTTP {status} that is not a LocalStack health answer', 'zh-cn': 'HTTP {status}，不是 LocalStack 的健康检查应答' },
  noHttpAnswer: { en: 'a program accepts connections but does not answer HTTP', 'zh-cn': '有程序接受连接，但不应答 HTTP' },

  devStarter: { en: 'starter', 'zh-cn': '初始代码' },
  devSolution: { en: 'solution', 'zh-cn': '参考答案' },
  devMutants: { en: 'mutants', 'zh-cn': '变体' },
  devMutant: { en: 'mutant {name}', 'zh-cn': '变体 {name}' },
  devFails: { en: 'fails', 'zh-cn': '不通过' },
  devFullPoints: { en: 'full points', 'zh-cn': '满分' },
  devAtLeast3: { en: 'at least 3', 'zh-cn': '至少 3 个' },
  devFailsCheck: { en: 'fails {id}', 'zh-cn': '{id} 不通过' },
  devFailed: { en: 'failed {list}', 'zh-cn': '未通过：{list}' },
  devMutantsIn: { en: '{count} in {dir}', 'zh-cn': '{dir} 中有 {count} 个' },
  devPassedEvery: { en: 'passed every check', 'zh-cn': '通过了所有检查' },
  devInPage: { en: '{variant} (browser)', 'zh-cn': '{variant}（浏览器）' },
  devNoBrowser: { en: 'no browser pass: {path} is missing (install Debian\'s chromium package)', 'zh-cn': '跳过浏览器检查：缺少 {path}（请安装 Debian 的 chromium 软件包）' },
  devNoPlaywright: { en: 'no browser pass: playwright-core is not installed (run npm install in the kit)', 'zh-cn': '跳过浏览器检查：没有安装 playwright-core（请在工具包中运行 npm install）' },
});
