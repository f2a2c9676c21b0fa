/** What building the lesson site tells the learner, in their language: its stages, its time, what failed and what to do. */
import { catalogue, inLanguage, type Param } from '../core/i18n/texts.ts';

const say = catalogue('siteBuild', {
  building: { en: 'Building the lesson site (first start only)...', 'zh-cn': '正在构建课程网站（只在第一次启动时）……' },
  rebuilding: {
    en: "The lesson site's sources changed since its last build: rebuilding it (once)...",
    'zh-cn': '课程网站的源文件在上次构建之后改过了：正在重新构建（只此一次）……',
  },
  stage: { en: '  {number}/{count} {stage}...', 'zh-cn': '  {number}/{count} {stage}……' },
  stageReading: { en: 'reading the lessons', 'zh-cn': '读取课程' },
  stageBundling: { en: "bundling the pages' scripts and styles", 'zh-cn': '打包页面的脚本和样式' },
  stageWriting: { en: 'writing the pages', 'zh-cn': '生成页面' },
  stageIndexing: { en: 'indexing the pages for search', 'zh-cn': '为搜索建立页面索引' },
  built: {
    en: 'Lesson site built in {seconds} s and kept in {dir}; the next start reuses it.',
    'zh-cn': '课程网站构建完成，用时 {seconds} 秒，保存在 {dir}；下次启动会直接使用它。',
  },
  noFolder: {
    en: 'its build needs the folder {dir}, which could not be made ({reason}); make sure you can write there, or set WORKSHOP_SITE_DIR to a folder you can, then run `npm start` again',
    'zh-cn': '构建它需要文件夹 {dir}，但无法创建（{reason}）；请确认你能写入那里，或者把 WORKSHOP_SITE_DIR 设为一个你能写入的文件夹，然后再运行 `npm start`',
  },
  astroCannotRun: {
    en: 'Astro could not run ({reason}); run `npm install` in the workshop folder, then `npm start` again',
    'zh-cn': 'Astro 无法运行（{reason}）；请在工作坊文件夹里运行 `npm install`，然后再运行 `npm start`',
  },
  buildFailed: {
    en: 'its build failed: {summary}. The whole log is in {log}. If a package is missing, run `npm install`; then run `npm start` again (or `npm run build:site` to see the build on its own)',
    'zh-cn': '它的构建失败了："{summary}"。完整日志在 {log}。如果缺少某个包，请运行 `npm install`；然后再运行 `npm start`（或者用 `npm run build:site` 单独查看构建过程）',
  },
  printedNothing: { en: 'it printed nothing', 'zh-cn': '它什么也没有输出' },
});

/** A site build line in the learner's language. */
export function buildText(id: Parameters<typeof say>[0], params: Record<string, Param> = {}): string {
  return inLanguage(say(id, params));
}
