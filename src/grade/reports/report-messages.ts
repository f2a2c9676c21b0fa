/** The words of report.html in both languages. */
import { catalogue } from '../../core/i18n/texts.ts';

/** A report.html message by id. */
export const reportMessage = catalogue('report', {
  title: { en: 'Cohort report', 'zh-cn': '班级报告' },
  meta: { en: '{learners} learners, labs {labs}, target {target}, seed {seed}, generated {generated}', 'zh-cn': '{learners} 名学员，实验 {labs}，目标环境 {target}，种子 {seed}，生成于 {generated}' },
  scores: { en: 'Mean score <strong>{mean}</strong> of {max}; median <strong>{median}</strong>; full marks: <strong>{full}</strong>.', 'zh-cn': '平均分 <strong>{mean}</strong>（满分 {max}）；中位数 <strong>{median}</strong>；满分人数：<strong>{full}</strong>。' },
  mostFailed: { en: 'Most-failed checks', 'zh-cn': '未通过最多的检查' },
  check: { en: 'Check', 'zh-cn': '检查' },
  failedBy: { en: 'Failed by', 'zh-cn': '未通过人数' },
  failedOf: { en: '{failed} of {count}', 'zh-cn': '{count} 人中 {failed} 人' },
  allPassed: { en: 'Every learner passed every check.', 'zh-cn': '每位学员都通过了每项检查。' },
  grid: { en: 'Learners and checks', 'zh-cn': '学员与检查' },
  legend: { en: 'Green passed, red failed; hover a cell for the reason.', 'zh-cn': '绿色为通过，红色为未通过；把鼠标悬停在格子上可以看到原因。' },
  learner: { en: 'Learner', 'zh-cn': '学员' },
  score: { en: 'Score', 'zh-cn': '得分' },
  hints: { en: 'Hints', 'zh-cn': '提示' },
  points: { en: '{points} points', 'zh-cn': '{points} 分' },
  passed: { en: 'passed', 'zh-cn': '通过' },
  notGraded: { en: 'not graded', 'zh-cn': '未评分' },
});
