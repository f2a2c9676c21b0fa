/**
 * What packaging and deploying a lab's template can go wrong with, and what a stack deploy prints,
 * in both languages. CloudFormation's own words (statuses, reasons) are quoted as they are.
 */
import { catalogue, inLanguage, type Param } from './i18n/texts.ts';

/** A stack message by id. */
export const stackMessage = catalogue('stack', {
  noTemplate: { en: 'there is no template.yaml in the lab folder: write the shop\'s template there', 'zh-cn': '实验文件夹中没有 template.yaml：把商店的模板写在那里' },
  notYaml: { en: 'template.yaml is not valid YAML ({detail}): fix the indentation or quoting the message points at', 'zh-cn': 'template.yaml 不是有效的 YAML（{detail}）：修正消息所指位置的缩进或引号' },
  noResources: { en: 'template.yaml has no Resources section: declare the table, the bus, the queue and the three functions under Resources', 'zh-cn': 'template.yaml 没有 Resources 部分：在 Resources 下声明表、事件总线、队列和三个函数' },
  noHandler: { en: 'function {id} has no Handler: give it Handler: <file>.handler, like place-order.handler', 'zh-cn': '函数 {id} 没有 Handler：给它设置 Handler: <文件>.handler，比如 place-order.handler' },
  badHandler: { en: 'function {id} has Handler {handler}: write it as <file>.<export>, like place-order.handler', 'zh-cn': '函数 {id} 的 Handler 是 {handler}：请写成 <文件>.<导出名>，比如 place-order.handler' },
  noHandlerFile: {
    en: 'function {id} has Handler {handler}, but there is no {file}: CodeUri is the folder of the code (functions/) and Handler names a file in it',
    'zh-cn': '函数 {id} 的 Handler 是 {handler}，但没有 {file}：CodeUri 是代码所在的文件夹（functions/），Handler 指明其中的一个文件',
  },
  fixTemplate: { en: 'fix template.yaml, save, and run the command again', 'zh-cn': '修改 template.yaml 并保存，然后再次运行命令' },
  refused: { en: 'CloudFormation refused the template: {name}: {message}', 'zh-cn': 'CloudFormation 拒绝了这个模板：{name}：{message}' },
  changeSetFailed: { en: 'the change set for stack {stack} could not be created: {reason}', 'zh-cn': '无法为堆栈 {stack} 创建变更集：{reason}' },
  stackFailed: { en: 'stack {stack} ended in {status}: {reason}', 'zh-cn': '堆栈 {stack} 最终处于 {status}：{reason}' },
  fixResource: {
    en: 'fix that resource in template.yaml and run the command again (`aws cloudformation describe-stack-events --stack-name {stack}` shows every event)',
    'zh-cn': '在 template.yaml 中修正这个资源，然后再次运行命令（`aws cloudformation describe-stack-events --stack-name {stack}` 会显示全部事件）',
  },
  stackTimeout: { en: 'stack {stack} was still {status} after {seconds} s', 'zh-cn': '堆栈 {stack} 在 {seconds} 秒后仍处于 {status}' },
  waitAndRetry: { en: 'wait until the stack settles (`aws cloudformation describe-stacks --stack-name {stack}`), then run the command again', 'zh-cn': '等堆栈状态稳定下来（`aws cloudformation describe-stacks --stack-name {stack}`），然后再次运行命令' },

  packaging: { en: 'Bundling the functions of template.yaml into s3://{bucket} ... ', 'zh-cn': '正在把 template.yaml 中的函数打包到 s3://{bucket} …… ' },
  packaged: { en: '{functions}.', 'zh-cn': '{functions}。' },
  done: { en: 'done.', 'zh-cn': '完成。' },
  replacingFailed: { en: 'Stack {stack} is in {status} from an earlier deploy: deleting it first ... ', 'zh-cn': '堆栈 {stack} 因之前的部署处于 {status}：先删除它 …… ' },
  changeSet: { en: 'Creating change set {name} ({type}) for stack {stack} ... ', 'zh-cn': '正在为堆栈 {stack} 创建变更集 {name}（{type}）…… ' },
  changes: { en: '{count} change(s). Executing ... ', 'zh-cn': '{count} 项变更。正在执行 …… ' },
  created: { en: 'stack created.', 'zh-cn': '堆栈已创建。' },
  updated: { en: 'stack updated.', 'zh-cn': '堆栈已更新。' },
  noChanges: { en: 'no changes: stack {stack} is up to date.', 'zh-cn': '没有变更：堆栈 {stack} 已是最新。' },
  outputs: { en: '  Outputs of {stack}:', 'zh-cn': '  堆栈 {stack} 的输出：' },
  output: { en: '    {key}: {value}', 'zh-cn': '    {key}：{value}' },
  tryIt: { en: '  Try it: {command}', 'zh-cn': '  试一试：{command}' },
  stack: { en: 'stack {name}', 'zh-cn': '堆栈 {name}' },
  bucket: { en: 'package bucket {name}', 'zh-cn': '部署包存储桶 {name}' },
});

/** A stack message as text in the learner's language. */
export function stackText(...args: [Parameters<typeof stackMessage>[0], Record<string, Param>?]): string {
  return inLanguage(stackMessage(...args));
}
