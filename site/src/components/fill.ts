/**
 * Small helpers shared by the components' server parts and their browser scripts: filling a
 * string's `{name}` placeholders, plurals, and numbers and dates in the page's language. They
 * import no string table, so browser scripts carry only the strings their element was handed.
 */

/** The forms of a phrase with a count: Chinese needs only `other`. */
export type Plural = { one?: string; other: string };

/** Fills `{name}` placeholders of a component string (kept apart so browser scripts stay small). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Reads the strings a component's server part put in its `data-strings` attribute (typed by shape: the kit's own tsconfig has no DOM). */
export function readStrings<T>(element: { dataset: { strings?: string | undefined } }): T {
  return JSON.parse(element.dataset.strings ?? '{}') as T;
}

/** The BCP 47 tag Intl wants for a site language (`zh-cn` is `zh-CN`); anything else is English. */
export function intlTag(locale: string | undefined): string {
  return locale === 'zh-cn' ? 'zh-CN' : 'en';
}

/** A number as the language writes it (`12,345`; `12.5`). */
export function formatNumber(n: number, locale: string | undefined, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlTag(locale), options).format(n);
}

/** A phrase with a count, in the language's plural form, its `{n}` written as the language writes numbers. */
export function pluralIn(forms: Plural, n: number, locale: string | undefined, values: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(intlTag(locale)).select(n) === 'one' ? (forms.one ?? forms.other) : forms.other;
  return fill(form, { ...values, n: formatNumber(n, locale) });
}

/** A time of day (`10:00:00 AM`, `10:00:00`), or the text as it came when it is not a date. */
export function formatTime(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(intlTag(locale), { timeStyle: 'medium' }).format(date);
}

/** A date and time (`Nov 25, 2026, 10:00 AM`, `2026年11月25日 10:00`), or the text as it came when it is not a date. */
export function formatDateTime(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
