/** Fills `{name}` placeholders of a component string (kept apart so browser scripts stay small). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Reads the strings a component's server part put in its `data-strings` attribute. */
export function readStrings<T>(element: HTMLElement): T {
  return JSON.parse(element.dataset.strings ?? '{}') as T;
}
