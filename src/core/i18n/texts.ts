/**
 * Texts in both languages, and messages built from them: a message has a stable id, its
 * parameters, and its text in every language, rendered when it is made, so a result file holds
 * both and whoever shows it picks one. Templates name parameters as `{name}`; a parameter may
 * itself be a message (a described order inside a mismatch), rendered in the same language.
 */
import { LANGUAGES, language, type Language } from './language.ts';

/** A text in every language the kit speaks. */
export type Texts = Record<Language, string>;

/** What a parameter may be. */
export type Param = string | number | Message;

/** A message: a stable id, what filled it, and its text in each language. */
export interface Message {
  id: string;
  params: Record<string, Param>;
  texts: Texts;
}

/** The same text in every language: for what is not translated (AWS's own messages, identifiers). */
export function verbatim(text: string): Texts {
  return { en: text, 'zh-cn': text };
}

/** The texts of a message or of a plain string (kept verbatim). */
export function textsOf(value: Message | string): Texts {
  return typeof value === 'string' ? verbatim(value) : value.texts;
}

/** The text in `lang` (the process's language by default). */
export function inLanguage(value: Texts | Message | string, lang: Language = language()): string {
  if (typeof value === 'string') return value;
  return 'texts' in value ? (value as Message).texts[lang] : (value as Texts)[lang];
}

/** Fills `{name}` placeholders of `template` with `params`, messages in `lang`. */
export function fillTemplate(template: string, params: Record<string, Param>, lang: Language): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'object' ? value.texts[lang] : String(value);
  });
}

const registry = new Map<string, Record<string, Texts>>();

/** Every catalogue made so far in this process, by prefix: what the completeness test reads. */
export function registeredCatalogues(): ReadonlyMap<string, Record<string, Texts>> {
  return registry;
}

/** A catalogue of messages under `prefix`: `say(id, params)` makes one, in both languages. */
export function catalogue<Id extends string>(prefix: string, entries: Record<Id, Texts>): (id: Id, params?: Record<string, Param>) => Message {
  registry.set(prefix, entries);
  return (id, params = {}) => {
    const template = entries[id];
    if (!template) throw new Error(`no message ${prefix}.${id}`);
    const texts = Object.fromEntries(LANGUAGES.map((lang) => [lang, fillTemplate(template[lang], params, lang)])) as Texts;
    return { id: `${prefix}.${id}`, params, texts };
  };
}

/** Each language's text with `change` applied (a clip to one line, a cut to a length). */
export function mapTexts(texts: Texts, change: (text: string) => string): Texts {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, change(texts[lang])])) as Texts;
}

/** How each language separates the items of a list: `a, b` and `a、b`. */
export const LIST_SEPARATOR: Texts = { en: ', ', 'zh-cn': '、' };

/** Items (messages or verbatim strings) joined into one message, with `separator` in each language. */
export function joined(items: ReadonlyArray<Message | string>, separator: Texts | string = LIST_SEPARATOR): Message {
  const between = typeof separator === 'string' ? verbatim(separator) : separator;
  const texts = Object.fromEntries(LANGUAGES.map((lang) => [lang, items.map((item) => textsOf(item)[lang]).join(between[lang])])) as Texts;
  return { id: 'joined', params: {}, texts };
}

/** The placeholders a template uses, sorted: both languages of a message must use the same. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((found) => found[1]!))].sort();
}
