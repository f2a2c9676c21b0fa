/** Reference paths of the States Language (`$`, `$.a.b`, `$.list[0]`, `$['a b']`), for the fields the emulator reads itself. */

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/** The value `path` selects in `value`, or undefined when it selects nothing. */
export function referencePath(path: string, value: unknown): unknown {
  if (!path.startsWith('$')) return undefined;
  let rest = path.slice(1);
  let current = value;
  while (rest.length > 0) {
    const step = STEP.exec(rest);
    if (!step) return undefined;
    const key = step[1] ?? step[3] ?? step[4];
    if (step[2] !== undefined) current = Array.isArray(current) ? current[Number(step[2])] : undefined;
    else current = current && typeof current === 'object' && Object.hasOwn(current, key!) ? (current as Record<string, unknown>)[key!] : undefined;
    rest = rest.slice(step[0].length);
  }
  return current;
}
