/**
 * The learner's language: `--lang`, else WORKSHOP_LANG, else the locale (LC_ALL, LC_MESSAGES,
 * LANG, as the C library reads them: the first one set wins), else English. A Chinese locale
 * (`zh_CN.UTF-8`, `zh_TW`, `zh`) gives Simplified Chinese, the only Chinese the kit has.
 */

/** The languages the kit speaks, as the site's URL prefixes name them. */
export const LANGUAGES = ['en', 'zh-cn'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** True when `value` names a language the kit speaks (any case, `_` or `-`). */
export function isLanguage(value: string): boolean {
  return normalized(value) !== undefined;
}

/** The language `value` names (`zh-CN`, `zh_cn`, `EN`), or undefined. */
export function normalized(value: string): Language | undefined {
  const lower = value.trim().toLowerCase().replace('_', '-');
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-cn';
  return undefined;
}

/** The language to speak, from an explicit choice, WORKSHOP_LANG and the locale variables. */
export function chooseLanguage(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  // A choice the kit cannot honour (`--lang fr`) falls through to the next source: its refusal is then said in that language.
  for (const explicit of [flag, env.WORKSHOP_LANG]) {
    const chosen = explicit ? normalized(explicit) : undefined;
    if (chosen) return chosen;
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** `--lang VALUE` or `--lang=VALUE` from a command line, read before the commands are defined (their help is in the language). */
export function langFlag(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--lang') return argv[index + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

let current: Language | undefined;

/** The language of this process: chosen once from argv and the environment, or set by {@link useLanguage}. */
export function language(): Language {
  current ??= chooseLanguage(langFlag(process.argv.slice(2)));
  return current;
}

/** Sets the language of this process (a test, or a command that was told one). */
export function useLanguage(value: Language): void {
  current = value;
}
