/**
 * The "Do this lab here" panel, loaded when the button is pressed: the lab's files in an editor,
 * Check (run by the lab worker, with Stop), Reset, Download, progress Export and Import, and
 * after a check the CLI's checklist, the stuck line, counted hints, progress and the trace.
 */
import { fullHintSequence } from '../../../../src/core/hints.ts';
import { labProgress, recordRun, type ProgressFile } from '../../../../src/core/progress-data.ts';
import type { LabResult } from '../../../../src/core/check-results.ts';
import { fill, pluralIn } from '../fill.ts';
import { h, withCode } from '../live/kit.ts';
import { labHereStrings } from '../strings-lab-here.ts';
import { createEditor } from './editor.ts';
import { hintsBox, stuckText } from './hints-view.ts';
import { loadLab, maxScore } from './lab-data.ts';
import { checklist, progressBox, type ProgressStrings } from './result-view.ts';
import { connectRunner, RunnerStopped } from './runner.ts';
import { savedFiles, saveFiles, storedProgress, storeProgress } from './storage.ts';
import { fileTabs } from './tabs.ts';
import { showTrace } from './trace-view.ts';
import { labZip, NotProgress, progressDownload, readProgressText, saveAs, zipName } from './transfer.ts';

/**
 * What a script may do with an open panel (the `labHere` property of its `<lab-here>` element):
 * read the files, and set them as typing would (an end-to-end test pastes a solution with it).
 */
export interface LabHereHandle {
  /** The file shown now. */
  current(): string;
  files(): Record<string, string>;
  setFiles(files: Record<string, string>): void;
}

const button = (label: string, className: string) => h('button', { type: 'button', class: className }, label);

/** Builds the panel of the lab `host` names (`data-lab`) inside `host`'s `.lab-here-body`. */
export async function openPanel(host: HTMLElement): Promise<void> {
  const labId = host.dataset.lab ?? '';
  const lang = host.dataset.locale === 'zh-cn' ? 'zh-cn' : 'en';
  const t = labHereStrings(lang);
  const progressStrings = JSON.parse(host.dataset.progressStrings ?? '{}') as ProgressStrings;
  const { definition, starters } = await loadLab(labId);
  const number = labId.slice(0, 2);
  const ownHintOrder = fullHintSequence(definition).map((step) => step.id);
  // Old progress files count hints instead of naming them; only this lab's order is known here.
  const hintOrder = (id: string) => (id === labId ? ownHintOrder : []);
  const readProgress = () => storedProgress(hintOrder);
  const entryOf = (progress: ProgressFile) => progress.labs[labId];
  const files = savedFiles(labId, starters);

  const status = h('p', { class: 'lab-here-status' });
  const editorBox = h('div', { class: 'lab-here-editor' });
  const editor = createEditor(editorBox, files, {
    label: (file) => fill(t.editorLabel, { file }),
    todoTitle: t.todoMarker,
    onChange: (file, text) => {
      files[file] = text;
      saveFiles(labId, files);
      showTodoCount();
    },
  });
  const showTodoCount = () => {
    status.textContent = `${pluralIn(t.todoCount, editor.todoLines(editor.current()).length, lang)}${lang === 'zh-cn' ? '。' : '. '}${t.kept}`;
  };
  const tabs = fileTabs(Object.keys(files), t.filesLabel, (file) => {
    editor.show(file);
    showTodoCount();
  });
  tabs.panel.append(editorBox);

  const check = button(t.check, 'lab-here-check');
  const stop = button(t.stop, 'lab-here-stop');
  stop.hidden = true;
  const reset = button(t.reset, 'lab-here-reset');
  const download = button(t.download, 'lab-here-download');
  const exportButton = button(t.exportProgress, 'lab-here-export');
  const importButton = button(t.importProgress, 'lab-here-import');
  const importInput = h('input', { type: 'file', accept: '.json,application/json', hidden: '', 'aria-label': t.importProgress }) as HTMLInputElement;
  const busy = h('p', { class: 'lab-here-busy', role: 'status' });
  const message = h('p', { class: 'lab-here-message', 'aria-live': 'polite' });
  const result = h('div', { class: 'lab-here-result', 'aria-live': 'polite' });
  const hints = h('div', { class: 'lab-here-hints-box' });
  const progressArea = h('div', { class: 'lab-here-progress-box' });
  const trace = h('div', { class: 'lab-here-trace' }, h('p', { class: 'lab-here-title' }, t.traceTitle));
  trace.hidden = true;
  const panel = h('section', { class: 'lab-here-panel', 'aria-label': fill(t.panelLabel, { number }) },
    tabs.list, tabs.panel, status,
    h('div', { class: 'lab-here-actions' }, check, stop, reset, download, exportButton, importButton, importInput),
    busy, message, result, hints, progressArea, trace,
  );

  let lastResult: LabResult | undefined;
  const say = (text: string, kind: 'info' | 'error' = 'info') => {
    message.className = `lab-here-message ${kind}`;
    message.replaceChildren(...withCode(text));
  };

  /** Draws what depends on progress: the checklist's stuck line, the hints and the progress box. */
  const render = () => {
    const entry = entryOf(readProgress());
    const stuck = lastResult && entry ? stuckText(definition, entry, lang, t) : undefined;
    result.replaceChildren(...(lastResult ? [checklist(lastResult, lang, t.targetName, progressStrings.passed, progressStrings.failed)] : []), ...(stuck ? [h('p', { class: 'stuck-line' }, stuck)] : []));
    hints.replaceChildren(h('p', { class: 'lab-here-title' }, t.hintsTitle), hintsBox(definition, entry, lang, t, (step) => {
      const progress = readProgress();
      labProgress(progress, labId, maxScore(definition)).hintsRevealed.push(step.id);
      storeProgress(progress);
      render();
    }));
    const box = progressBox(entry, lang, progressStrings);
    progressArea.replaceChildren(...(box ? [h('p', { class: 'lab-here-title' }, t.progressTitle), box] : []));
  };

  let ranOnce = false;
  const runner = connectRunner((text) => (busy.textContent = text));
  // The worker prepares the emulator and esbuild as it starts: by the first Check they are ready.
  runner.warm();
  const setBusy = (on: boolean) => {
    check.toggleAttribute('disabled', on);
    check.textContent = on ? t.checking : t.check;
    stop.hidden = !on;
    panel.setAttribute('aria-busy', String(on));
    busy.textContent = on ? t.starting : '';
  };

  check.addEventListener('click', async () => {
    setBusy(true);
    say('');
    ranOnce = true;
    try {
      const answer = await runner.ask({ kind: 'check', labId, files: editor.texts(), lang });
      if (answer.kind !== 'result') {
        const reason = (answer.kind === 'error' && answer.message) || t.unknownReason;
        say(`${fill(t.workerError, { message: reason })}${lang === 'zh-cn' ? '' : ' '}${t.workerErrorNext}`, 'error');
        return;
      }
      lastResult = answer.result;
      const progress = readProgress();
      recordRun(progress, labId, answer.result.checks);
      storeProgress(progress);
      render();
      await showTrace(trace, Array.isArray(answer.trace) ? answer.trace : [], host.dataset.flowStrings ?? '{}', lang);
    } catch (error) {
      if (error instanceof RunnerStopped && error.reason === 'stopped') say(t.stopped);
      else say(fill(t.workerFailed, { reason: (error as Error).message || t.unknownReason, number }), 'error');
    } finally {
      setBusy(false);
    }
  });
  stop.addEventListener('click', () => runner.stop());

  reset.addEventListener('click', () => {
    if (!confirm(t.resetConfirm)) return;
    editor.replace(starters);
    saveFiles(labId, undefined);
    // The emulator keeps what the last check created; a fresh start forgets it too.
    if (ranOnce) void runner.ask({ kind: 'reset' }).catch(() => undefined);
    say(t.resetDone);
  });

  download.addEventListener('click', () => {
    saveAs(zipName(labId), labZip(labId, editor.texts()), 'application/zip');
    say(fill(t.downloaded, { file: zipName(labId), id: labId }));
  });

  exportButton.addEventListener('click', () => {
    const file = progressDownload(readProgress());
    saveAs(file.name, file.text, 'application/json');
    say(t.exported);
  });
  importButton.addEventListener('click', () => importInput.click());
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (!file) return;
    try {
      storeProgress(readProgressText(await file.text(), hintOrder));
      say(fill(t.imported, { file: file.name }));
      render();
    } catch (error) {
      const reason = error instanceof NotProgress ? t[error.why] : (error as Error).message;
      say(fill(t.importFailed, { file: file.name, reason }), 'error');
    }
  });

  showTodoCount();
  render();
  const handle: LabHereHandle = { current: () => editor.current(), files: () => editor.texts(), setFiles: (next) => editor.replace(next) };
  Object.assign(host, { labHere: handle });
  host.querySelector('.lab-here-body')?.replaceChildren(panel);
  editor.focus();
}
