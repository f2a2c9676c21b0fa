/** Server-side twin of live/kit.ts's `withCode`: text in which `backticked` parts become <code>, as escaped HTML. */
export function codeHtml(text: string): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return escaped.split('`').map((part, index) => (index % 2 === 1 ? `<code>${part}</code>` : part)).join('');
}
