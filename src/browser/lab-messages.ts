/** What the lab worker tells the panel while a check runs, in both languages. */
import { catalogue } from '../core/i18n/texts.ts';

/** The lab worker's progress lines. */
export const labWorkerMessage = catalogue('labWorker', {
  starting: { en: 'Starting the emulator in this page…', 'zh-cn': '正在本页中启动模拟器……' },
  grading: { en: 'Deploying your files and running the checks of lab {number}…', 'zh-cn': '正在部署你的文件并运行实验 {number} 的检查……' },
});
