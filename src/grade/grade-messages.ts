/**
 * What cohort grading says to the instructor, in both languages: why a submission or a lab could
 * not be graded, the progress lines, and the OS sandbox refusal. Reports keep the English text in
 * their fields; the terminal and report.html show the instructor's language.
 */
import { GRADING_HINT, gradingRefused } from '../sandbox/index.ts';
import { catalogue, inLanguage, type Param } from '../core/i18n/texts.ts';

/** A grading message by id. */
export const gradeMessage = catalogue('grade', {
  gradingRefused: {
    en: gradingRefused('{reason}'),
    'zh-cn': 'workshop grade 会运行每份提交的代码，而这台机器没有系统沙箱，无法让这些代码远离你的文件、凭证和其他提交（{reason}）',
  },
  gradingHint: {
    en: GRADING_HINT,
    'zh-cn': '在 Linux 上安装 bubblewrap（Debian/Ubuntu：`sudo apt-get install bubblewrap`；Fedora：`sudo dnf install bubblewrap`；Arch：`sudo pacman -S bubblewrap`）后再运行；或者，如果你信任每一份提交（比如在用完即弃的容器里），加上 --trust-submissions',
  },
  noSandboxWarning: {
    en: 'Grading without an OS sandbox ({reason}), as --trust-submissions allows: submissions\' code can read this machine\'s files.',
    'zh-cn': '正在没有系统沙箱的情况下评分（{reason}），这是 --trust-submissions 允许的：提交的代码可以读取这台机器上的文件。',
  },
  noLabFolder: { en: 'the submission has no folder {labId}', 'zh-cn': '这份提交里没有文件夹 {labId}' },
  gradingFailed: { en: 'grading failed: {reason}', 'zh-cn': '评分失败：{reason}' },
  notGraded: { en: 'not graded', 'zh-cn': '没有评分' },
  outOfTime: { en: 'grading stopped after {seconds} s, the submission\'s time budget', 'zh-cn': '评分在 {seconds} 秒后停止，这是这份提交的时间上限' },
  endedEarly: { en: 'the grading process ended early ({how})', 'zh-cn': '评分进程提前结束了（{how}）' },
  exitCode: { en: 'exit code {code}', 'zh-cn': '退出码 {code}' },
  notAFolder: { en: '{dir} is not a folder', 'zh-cn': '{dir} 不是文件夹' },
  giveFolder: { en: 'give the folder that holds one sub-folder (or .zip) per learner', 'zh-cn': '请给出每位学员一个子文件夹（或 .zip）的那个文件夹' },
  emptyFolder: { en: '{dir} holds no sub-folders or .zip files', 'zh-cn': '{dir} 里没有子文件夹，也没有 .zip 文件' },
  oneFolderEach: { en: 'put each learner\'s copy of labs/ in its own sub-folder', 'zh-cn': '把每位学员的 labs/ 副本放进各自的子文件夹' },
  unreadable: { en: 'the submission could not be read: {reason}', 'zh-cn': '无法读取这份提交：{reason}' },
  zipEmpty: { en: 'the zip is empty', 'zh-cn': '这个 zip 是空的' },
  zipTooManyEntries: { en: 'the zip holds more than {count} entries', 'zh-cn': '这个 zip 包含的条目超过 {count} 个' },
  zipEscapes: { en: 'the zip entry "{name}" points outside the submission', 'zh-cn': 'zip 条目“{name}”指向提交之外的位置' },
  zipTooBig: { en: 'the zip unpacks to more than {mb} MB (Lambda\'s limit for a function\'s code)', 'zh-cn': '这个 zip 解压后超过 {mb} MB（这是 Lambda 对函数代码的上限）' },
  progress: { en: '{done}/{total} done, {running} running, {failed} failed to grade ', 'zh-cn': '已完成 {done}/{total}，正在评分 {running}，评分失败 {failed} ' },
  noRecords: { en: 'no learner results found in {dirs}', 'zh-cn': '在 {dirs} 中没有找到学员结果' },
  recordsWhere: {
    en: 'give folders that hold learners/<learner>.json (written by every `workshop grade` run and by the Classroom workflow\'s artifact) or Gradescope results.json files',
    'zh-cn': '请给出包含 learners/<学员>.json（每次运行 `workshop grade` 和 Classroom 工作流的构件都会写出）或 Gradescope results.json 文件的文件夹',
  },
  mergeNeedsDirs: { en: '--merge needs the folders of results to join', 'zh-cn': '--merge 需要要合并的结果文件夹' },
  mergeExample: { en: 'like `workshop grade --merge artifacts/ gradescope-export/ --out grades`', 'zh-cn': '例如 `workshop grade --merge artifacts/ gradescope-export/ --out grades`' },
  merged: { en: 'Merged {learners} learners from {dirs}; reports in {dir}', 'zh-cn': '已合并来自 {dirs} 的 {learners} 名学员；报告位于 {dir}' },
  unknownLabs: { en: 'Left out labs this kit does not have: {labs}. Merge with the kit the results were graded with.', 'zh-cn': '已略去这个工具包里没有的实验：{labs}。请用评出这些结果的那个版本的工具包来合并。' },
  wroteZip: {
    en: 'Wrote the Gradescope autograder {file} ({mb} MB). Upload it in the assignment\'s Configure Autograder page (Zip file upload).',
    'zh-cn': '已写入 Gradescope 自动评分包 {file}（{mb} MB）。请在作业的 Configure Autograder 页面上传它（Zip file upload）。',
  },
  classroomGraded: {
    en: 'Graded {learner}: {score}/{max}; the Autograding Tests check reads {runners}',
    'zh-cn': '已评分 {learner}：{score}/{max}；Autograding Tests 检查读取 {runners}',
  },
  gradedOne: { en: 'graded {learner}: {score}/{max} in {seconds} s{note} [{done}/{total}]', 'zh-cn': '已评分 {learner}：{score}/{max}，用时 {seconds} 秒{note} [{done}/{total}]' },
});

/** A grading message as text in the instructor's language. */
export function gradeText(...args: [Parameters<typeof gradeMessage>[0], Record<string, Param>?]): string {
  return inLanguage(gradeMessage(...args));
}
