/** What `workshop aws`, `awslocal` and `workshop snapshot` print, and their help, in both languages. */
import { catalogue, inLanguage, type Param } from '../core/i18n/texts.ts';

/** A message of the LocalStack-style commands by id. */
export const localstackMessage = catalogue('localstackCommands', {
  awsSummary: { en: 'Run the AWS CLI against the current target (also installed as `awslocal`)', 'zh-cn': '对当前目标环境运行 AWS CLI（也可以用 `awslocal` 命令）' },
  awsArgs: { en: 'what to pass to `aws`, like `sqs list-queues`', 'zh-cn': '要传给 `aws` 的参数，例如 `sqs list-queues`' },
  awsMissing: { en: 'the AWS CLI (`aws`) is not installed, or not on your PATH', 'zh-cn': '没有安装 AWS CLI（`aws`），或者它不在 PATH 中' },
  awsInstall: {
    en: 'install it with `pip install awscli` (or AWS\'s installer for version 2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), then run this command again',
    'zh-cn': '用 `pip install awscli` 安装它（或者用 AWS 提供的第 2 版安装程序：https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html），然后再次运行这条命令',
  },
  awsNoArgs: { en: 'tell `aws` what to do', 'zh-cn': '请告诉 `aws` 要做什么' },
  awsExample: { en: 'for example `npx workshop aws sqs list-queues` or `awslocal s3 ls`', 'zh-cn': '例如 `npx workshop aws sqs list-queues` 或 `awslocal s3 ls`' },

  snapshotSummary: { en: 'Save the emulator\'s whole state under a name and load it back later', 'zh-cn': '把模拟器的全部状态以一个名字保存下来，之后再载入' },
  snapshotAction: { en: 'save, load, list or delete', 'zh-cn': 'save、load、list 或 delete' },
  snapshotName: { en: 'the snapshot\'s name: letters, digits, - and _', 'zh-cn': '快照的名字：字母、数字、- 和 _' },
  snapshotUnknownAction: { en: 'unknown snapshot action "{action}"', 'zh-cn': '未知的快照操作“{action}”' },
  snapshotActions: {
    en: 'use `workshop snapshot save NAME`, `load NAME`, `list` or `delete NAME`',
    'zh-cn': '请使用 `workshop snapshot save 名字`、`load 名字`、`list` 或 `delete 名字`',
  },
  snapshotNeedsName: { en: '`workshop snapshot {action}` needs a name', 'zh-cn': '`workshop snapshot {action}` 需要一个名字' },
  snapshotNameExample: { en: 'for example `npx workshop snapshot {action} before-lab-08`', 'zh-cn': '例如 `npx workshop snapshot {action} before-lab-08`' },
  snapshotBadName: { en: 'the snapshot name "{name}" may hold only letters, digits, - and _', 'zh-cn': '快照名字“{name}”只能包含字母、数字、- 和 _' },
  snapshotNotEmulator: {
    en: 'snapshots are a feature of the kit\'s own emulator, and the target is {target}',
    'zh-cn': '快照是本工具包自带模拟器的功能，而当前目标环境是 {target}',
  },
  snapshotUseEmulator: {
    en: 'run it with --target emulator (and unset WORKSHOP_TARGET or AWS_ENDPOINT_URL if they point elsewhere)',
    'zh-cn': '请加上 --target emulator 再运行（如果 WORKSHOP_TARGET 或 AWS_ENDPOINT_URL 指向别处，请取消它们）',
  },
  snapshotNoEmulator: { en: 'no emulator answers at {endpoint}', 'zh-cn': '{endpoint} 上没有正在运行的模拟器' },
  snapshotStartFirst: {
    en: 'run `npm start` in another terminal first: a snapshot is taken of, and loaded into, the running emulator',
    'zh-cn': '请先在另一个终端里运行 `npm start`：快照是从正在运行的模拟器保存的，也是载入到正在运行的模拟器中的',
  },
  snapshotRefused: { en: 'the emulator refused: {reason}', 'zh-cn': '模拟器拒绝了请求：{reason}' },
  snapshotRefusedHint: { en: 'follow what the emulator said above, then try again', 'zh-cn': '按照上面模拟器给出的说明处理，然后再试一次' },
  snapshotSaved: { en: 'Saved snapshot {name} ({size}) in {dir}. Load it back with `npx workshop snapshot load {name}`.', 'zh-cn': '已保存快照 {name}（{size}），位于 {dir}。用 `npx workshop snapshot load {name}` 可以载入它。' },
  snapshotLoaded: { en: 'Loaded snapshot {name}: the emulator\'s state is as it was when it was saved ({time}).', 'zh-cn': '已载入快照 {name}：模拟器的状态回到了保存时的样子（{time}）。' },
  snapshotDeleted: { en: 'Deleted snapshot {name}.', 'zh-cn': '已删除快照 {name}。' },
  snapshotNone: { en: 'No snapshot yet: save one with `npx workshop snapshot save NAME`.', 'zh-cn': '还没有快照：用 `npx workshop snapshot save 名字` 保存一个。' },
  snapshotListHead: { en: 'Snapshots in {dir}:', 'zh-cn': '{dir} 中的快照：' },
  snapshotListLine: { en: '  {name}  saved {time}  {size}', 'zh-cn': '  {name}  保存于 {time}  {size}' },
});

/** A message of the LocalStack-style commands as text in the learner's language. */
export function localstackText(...args: [Parameters<typeof localstackMessage>[0], Record<string, Param>?]): string {
  return inLanguage(localstackMessage(...args));
}
