/** How values and pattern elements appear in messages shown to learners. */
import type { Leaf } from './types.ts';

const MAX_SHOWN = 80;

/** A leaf value as JSON, shortened when long: `"OrderShipped"`, `12`, `null`. */
export function renderLeaf(value: Leaf): string {
  const text = JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 4)}..."` : text;
}

/** A pattern element as JSON, for lists such as `["OrderPlaced", {"prefix":"Order"}]`. */
export function renderPattern(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

/** The values an event field holds, as the learner would recognise them. */
export function renderValues(values: readonly Leaf[], wasArray: boolean): string {
  if (!wasArray && values.length === 1) return renderLeaf(values[0]!);
  const shown = values.slice(0, 5).map(renderLeaf);
  if (values.length > 5) shown.push(`... ${values.length - 5} more`);
  return `[${shown.join(', ')}]`;
}
