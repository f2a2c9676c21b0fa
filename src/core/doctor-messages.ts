/** What `workshop doctor` finds and what it says to do about it, in both languages. */
import { INSTALL_BUBBLEWRAP } from '../sandbox/index.ts';
import { catalogue, inLanguage, type Param } from './i18n/texts.ts';

/** A doctor's message by id. */
export const doctorMessage = catalogue('doctor', {
  nodeOk: { en: '{version} (needs {need} or newer)', 'zh-cn': '{version}（需要 {need} 或更新的版本）' },
  nodeOld: {
    en: '{version} is too old: the kit runs TypeScript directly, which needs {need} or newer',
    'zh-cn': '{version} 太旧了：工具包直接运行 TypeScript，这需要 {need} 或更新的版本',
  },
  installNode: { en: 'install Node.js 24 LTS (https://nodejs.org, or `nvm install 24` with nvm)', 'zh-cn': '安装 Node.js 24 LTS（https://nodejs.org，或者用 nvm 运行 `nvm install 24`）' },
  port: { en: 'port {port}', 'zh-cn': '端口 {port}' },
  portFree: { en: 'free: the emulator can start here', 'zh-cn': '空闲：模拟器可以在这里启动' },
  localStackNotRunning: { en: 'not running on {port} (needed only for --target localstack)', 'zh-cn': '没有在 {port} 上运行（只有 --target localstack 才需要）' },
  emulatorServing: { en: 'the workshop emulator {version} is serving here', 'zh-cn': 'workshop 模拟器 {version} 正在这里提供服务' },
  localStackNotHere: { en: 'not running on {port} (the emulator has the port)', 'zh-cn': '没有在 {port} 上运行（端口由模拟器占用）' },
  localStackHasPort: { en: 'LocalStack has the port, so the emulator cannot start here', 'zh-cn': 'LocalStack 占用了这个端口，所以模拟器无法在这里启动' },
  useLocalStack: {
    en: 'use --target localstack, or stop LocalStack (`docker compose down`) to use the emulator',
    'zh-cn': '使用 --target localstack；如果要用模拟器，请停止 LocalStack（`docker compose down`）',
  },
  localStackAnswers: { en: 'answers on {port} ({edition} {version})', 'zh-cn': '在 {port} 上有应答（{edition} {version}）' },
  portTaken: { en: 'taken by another program ({detail})', 'zh-cn': '被另一个程序占用（{detail}）' },
  stopProgram: {
    en: 'stop that program, or run the emulator elsewhere with `workshop emulator --port {next}` and AWS_ENDPOINT_URL=http://{host}:{next}',
    'zh-cn': '停止那个程序，或者用 `workshop emulator --port {next}` 和 AWS_ENDPOINT_URL=http://{host}:{next} 在别的端口运行模拟器',
  },
  localStackNotAnswering: { en: 'not answering on {port}', 'zh-cn': '在 {port} 上没有应答' },
  sandbox: { en: 'OS sandbox', 'zh-cn': '系统沙箱' },
  sandboxOk: { en: 'bubblewrap: functions and graded code run in a sandbox of their own', 'zh-cn': 'bubblewrap：函数和被评分的代码都在各自的沙箱中运行' },
  sandboxNone: {
    en: 'none ({reason}): functions cannot start processes, Python functions are refused, and `workshop grade` needs --trust-submissions',
    'zh-cn': '没有（{reason}）：函数不能启动进程，Python 函数会被拒绝，`workshop grade` 需要加上 --trust-submissions',
  },
  installBubblewrap: {
    en: INSTALL_BUBBLEWRAP,
    'zh-cn': '在 Linux 上安装 bubblewrap（Debian/Ubuntu：`sudo apt-get install bubblewrap`；Fedora：`sudo dnf install bubblewrap`；Arch：`sudo pacman -S bubblewrap`；或者你的发行版的 bubblewrap 软件包）',
  },
  dockerMissing: { en: 'not installed: fine for the default emulator target', 'zh-cn': '没有安装：使用默认的 emulator 目标环境不需要它' },
  dockerOnlyForLocalStack: { en: 'install Docker only if you want --target localstack', 'zh-cn': '只有想用 --target localstack 时才需要安装 Docker' },
  dockerRunning: { en: 'engine {version} is running (for --target localstack)', 'zh-cn': '引擎 {version} 正在运行（供 --target localstack 使用）' },
  dockerNoEngine: {
    en: 'the client is installed but no engine answers: fine for the default emulator target',
    'zh-cn': '已安装客户端，但没有引擎应答：使用默认的 emulator 目标环境不需要它',
  },
  startDocker: { en: 'start Docker (or its desktop app) only if you want --target localstack', 'zh-cn': '只有想用 --target localstack 时才需要启动 Docker（或它的桌面应用）' },

  notTried: { en: 'not tried: {endpoint} is not the workshop emulator', 'zh-cn': '没有尝试：{endpoint} 不是 workshop 模拟器' },
  freePort: { en: 'free the port (see above) and run `workshop doctor` again', 'zh-cn': '先让出这个端口（见上文），然后再次运行 `workshop doctor`' },
  temporaryFailed: { en: 'a temporary emulator could not start: {reason}', 'zh-cn': '临时模拟器无法启动：{reason}' },
  runEmulatorToSee: {
    en: 'run `npx workshop emulator` in a terminal to see why, and report the line above with it',
    'zh-cn': '在终端中运行 `npx workshop emulator` 查看原因，并把它和上面那一行一起报告',
  },
  runEmulatorForLog: {
    en: 'run `npx workshop emulator` in a terminal to see its log, and report the line above with it',
    'zh-cn': '在终端中运行 `npx workshop emulator` 查看它的日志，并把日志和上面那一行一起报告',
  },
  temporaryEmulator: { en: 'a temporary emulator', 'zh-cn': '一个临时模拟器' },
  emulatorAt: { en: 'the emulator at {url}', 'zh-cn': '位于 {url} 的模拟器' },
  wrongAnswer: { en: 'wrong answer', 'zh-cn': '回答不对' },
  didNotRun: { en: 'a test function on {where} did not run: {error} {answer}', 'zh-cn': '{where}上的测试函数没有运行：{error} {answer}' },
  invoked: { en: 'a test function was deployed and invoked on {where} in {ms} ms', 'zh-cn': '已在{where}上部署并调用了一个测试函数，用时 {ms} 毫秒' },
  deployFailed: { en: 'deploying a test function on {where} failed: {name}: {message}', 'zh-cn': '在{where}上部署测试函数失败：{name}: {message}' },

});

/** A doctor's message as text in the learner's language. */
export function doctorText(...args: [Parameters<typeof doctorMessage>[0], Record<string, Param>?]): string {
  return inLanguage(doctorMessage(...args));
}
