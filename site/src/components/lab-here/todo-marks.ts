/**
 * Marks the lines of a starter file that carry `TODO`: the line gets a background and the
 * gutter a marker with a title, so a learner sees at a glance where the lab wants a change,
 * as the lab's README promises ("edit them wherever they say TODO:").
 */
import { RangeSet, RangeSetBuilder, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutter, type DecorationSet } from '@codemirror/view';

const TODO = /\bTODO\b/;
const todoLine = Decoration.line({ class: 'cm-todo-line' });

class TodoMarker extends GutterMarker {
  constructor(private readonly title: string) {
    super();
  }

  override eq(other: GutterMarker): boolean {
    return other instanceof TodoMarker && other.title === this.title;
  }

  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = 'cm-todo-marker';
    mark.title = this.title;
    mark.textContent = '●';
    return mark;
  }
}

interface Marks {
  lines: DecorationSet;
  gutter: RangeSet<GutterMarker>;
  /** Line numbers (1-based) that carry TODO. */
  numbers: number[];
}

function marksOf(state: EditorState, marker: TodoMarker): Marks {
  const lines = new RangeSetBuilder<Decoration>();
  const markers = new RangeSetBuilder<GutterMarker>();
  const numbers: number[] = [];
  // Starter files are a few hundred lines at most: a full pass per change costs nothing.
  for (let number = 1; number <= state.doc.lines; number++) {
    const line = state.doc.line(number);
    if (!TODO.test(line.text)) continue;
    lines.add(line.from, line.from, todoLine);
    markers.add(line.from, line.from, marker);
    numbers.push(number);
  }
  return { lines: lines.finish(), gutter: markers.finish(), numbers };
}

/** The TODO marks of an editor: the extension to give each file's state, and the marked lines of a state. */
export interface TodoMarks {
  extension: Extension;
  /** The line numbers (1-based) of `state` that carry TODO. */
  lines(state: EditorState): number[];
}

/** TODO marks whose gutter markers are titled `title` (what a pointer or a screen reader hears). */
export function todoMarks(title: string): TodoMarks {
  const marker = new TodoMarker(title);
  const field = StateField.define<Marks>({
    create: (state) => marksOf(state, marker),
    update: (marks, transaction) => (transaction.docChanged ? marksOf(transaction.state, marker) : marks),
    provide: (self) => EditorView.decorations.from(self, (marks) => marks.lines),
  });
  return {
    extension: [field, gutter({ class: 'cm-todo-gutter', markers: (view) => view.state.field(field).gutter })],
    lines: (state) => state.field(field, false)?.numbers ?? [],
  };
}
