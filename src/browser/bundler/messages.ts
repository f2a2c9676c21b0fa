/**
 * Build messages shaped as esbuild's (`text`, `location {file, line, column, lineText}`), and the
 * failure a build throws with them, so code written for esbuild (deploy.ts's "does not compile at
 * file:line" and the learner worker's import errors) reads the page bundler's errors unchanged.
 */
import type { Location, Message } from 'esbuild';

/** A message with its location, or none where the file and line are not known. */
export function buildMessage(text: string, location: Location | null = null, pluginName = ''): Message {
  return { id: '', pluginName, text, location, notes: [], detail: undefined };
}

/** The location of `offset` in `source` (esbuild's: line from 1, column from 0). */
export function locationAt(file: string, source: string, offset: number, length = 0): Location {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', offset);
  return {
    file,
    namespace: 'file',
    line: before.split('\n').length,
    column: offset - lineStart,
    length,
    lineText: source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd),
    suggestion: '',
  };
}

/** Where a module names `spec` in its source (the quoted specifier, as esbuild points at it), or null. */
export function specifierLocation(file: string, source: string, spec: string): Location | null {
  for (const quote of ["'", '"']) {
    const at = source.indexOf(`${quote}${spec}${quote}`);
    if (at !== -1) return locationAt(file, source, at, spec.length + 2);
  }
  return null;
}

/** What `build` throws: esbuild's BuildFailure, an Error with the errors and warnings. */
export class BuildFailure extends Error {
  readonly errors: Message[];
  readonly warnings: Message[];

  constructor(errors: Message[]) {
    const lines = errors.map((error) => {
      const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.column}: ` : '';
      return `${where}ERROR: ${error.text}`;
    });
    super(`Build failed with ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.errors = errors;
    this.warnings = [];
  }
}
