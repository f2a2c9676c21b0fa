/**
 * English sentences in text that should be Chinese. Code, identifiers and AWS's own words are
 * allowed: backticked spans, JSON, names with capitals, digits, dots or dashes, command lines and
 * the command column of a help table are taken out first; what is left must not hold two English
 * words in a row.
 */

/** The runs of English words found in `text` (each line checked apart), empty when there are none. */
export function englishLeaks(text: string): string[] {
  const leaks: string[] = [];
  for (const line of text.split('\n')) {
    const stripped = line
      .replace(/`[^`]*`/g, ' ')
      .replace(/"[^"]*"/g, ' ')
      .replace(/\{[^{}]*\}|\[[^[\]]*\]/g, ' ')
      .replace(/\b(npx|workshop|node|npm)\b[^，。；：]*/g, ' ')
      // The first column of a command table (`  dev check    ...`): a command and its arguments.
      .replace(/^ {2}[a-z]+(?: [A-Za-z<>[\]]+)? {2,}/, ' ')
      .replace(/[A-Za-z_$][\w$]*\([^)]*\)/g, ' ')
      // Identifiers: anything with a capital, a digit, a dot, a dash or an underscore inside.
      .replace(/\S*[A-Z0-9._\-/]\S*/g, ' ');
    for (const found of stripped.matchAll(/\b[a-z]{2,}(?:[ ,]+[a-z]{2,})+\b/g)) leaks.push(`${found[0]}  ← ${line.trim()}`);
  }
  return leaks;
}
