/**
 * The panel's editor: CodeMirror 6 with line numbers, undo, TypeScript highlighting and the TODO
 * marks, one document per file of the lab. Switching files swaps the editor's state, so each
 * file keeps its own undo history and cursor.
 */
import { history, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { todoMarks } from './todo-marks.ts';

/** Colours from CSS variables the panel's style sets for the light and the dark theme. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--lab-code-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--lab-code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--lab-code-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--lab-code-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className], color: 'var(--lab-code-type)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--lab-code-function)' },
]);

/** What the panel asks of its editor. */
export interface LabEditor {
  /** Shows `file` (one of the lab's files). */
  show(file: string): void;
  /** The file shown now. */
  current(): string;
  /** Every file's text now. */
  texts(): Record<string, string>;
  /** Replaces every file's text, as one undoable change each (Reset). */
  replace(texts: Record<string, string>): void;
  /** The lines of `file` marked TODO. */
  todoLines(file: string): number[];
  focus(): void;
}

/** Options of {@link createEditor}. */
export interface EditorOptions {
  /** The accessible name of the editor for a file. */
  label: (file: string) => string;
  /** The title of a TODO gutter marker. */
  todoTitle: string;
  /** Hears every change of a file's text. */
  onChange: (file: string, text: string) => void;
}

function languageOf(file: string): Extension {
  return /\.[cm]?[jt]sx?$/.test(file) ? javascript({ typescript: /\.[cm]?tsx?$/.test(file) }) : [];
}

/** An editor in `parent` holding `texts` (file name -> text), showing the first file. */
export function createEditor(parent: HTMLElement, texts: Record<string, string>, options: EditorOptions): LabEditor {
  const marks = todoMarks(options.todoTitle);
  const base: Extension = [
    lineNumbers(),
    highlightActiveLineGutter(),
    marks.extension,
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    syntaxHighlighting(highlight),
    EditorState.tabSize.of(2),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
  ];
  const stateFor = (file: string, text: string) =>
    EditorState.create({
      doc: text,
      extensions: [
        base,
        languageOf(file),
        // A tab stop of its own: axe counts a contenteditable without one as no focusable content in the scroller.
        EditorView.contentAttributes.of({ 'aria-label': options.label(file), tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(file, update.state.doc.toString());
        }),
      ],
    });
  const states = new Map(Object.entries(texts).map(([file, text]) => [file, stateFor(file, text)]));
  let shown = [...states.keys()][0]!;
  const view = new EditorView({ state: states.get(shown)!, parent });
  const stateOf = (file: string) => (file === shown ? view.state : states.get(file)!);

  return {
    show(file) {
      if (file === shown || !states.has(file)) return;
      states.set(shown, view.state);
      shown = file;
      view.setState(states.get(file)!);
    },
    current: () => shown,
    texts: () => Object.fromEntries([...states.keys()].map((file) => [file, stateOf(file).doc.toString()])),
    replace(next) {
      for (const [file, text] of Object.entries(next)) {
        const state = stateOf(file);
        if (!state || state.doc.toString() === text) continue;
        const changes = { from: 0, to: state.doc.length, insert: text };
        if (file === shown) view.dispatch({ changes });
        else {
          states.set(file, state.update({ changes }).state);
          options.onChange(file, text);
        }
      }
    },
    todoLines: (file) => marks.lines(stateOf(file)),
    focus: () => view.focus(),
  };
}
