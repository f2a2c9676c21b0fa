/** Finds the spaces a reader sees inside Chinese text on a built page: between two CJK characters or next to CJK punctuation. */

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\ufe10-\ufe19\ufe30-\ufe6b\uff01-\uff65`;
const SPACE_INSIDE_CJK = new RegExp(`([${CJK}])[ \\t\\r\\n\\u00a0]+(?=[${CJK}])`, 'gu');

// Code is shown as written, and scripts, styles and templates are not read as text.
const HIDDEN = /<(script|style|template|pre|code|svg)\b[^>]*>[\s\S]*?<\/\1>|<!--[\s\S]*?-->/gi;
// An element that keeps its line breaks (white-space: pre-line and the like): a break there is a new line, not a space.
const KEEPS_BREAKS = /<([a-z][\w-]*)\b[^>]*\bstyle="[^"]*white-space:\s*pre[^"]*"[^>]*>[\s\S]*?<\/\1>/gi;
// A tag with its attributes (quoted values may hold `>`).
const TAG = /<\/?([a-zA-Z][\w:-]*)(?:\s+[^\s=>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*\/?>/g;
// Elements that start a new line of text: white space next to them is not shown as a space.
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'br', 'button', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'input', 'label', 'legend', 'li', 'main', 'nav', 'ol', 'option', 'p', 'section', 'select', 'summary', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of a page as lines a reader sees: code removed, inline tags dropped, block tags as breaks. */
export function visibleText(html: string): string {
  return html
    .replace(HIDDEN, '\u0000')
    .replace(KEEPS_BREAKS, (element) => element.replaceAll('\n', '\u0001'))
    .replace(TAG, (_tag, name: string) => (BLOCK.has(name.toLowerCase()) ? '\u0001' : ''))
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
      if (body[0] !== '#') return ENTITIES[body.toLowerCase()] ?? entity;
      return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1)));
    });
}

/** Every space inside Chinese text on the page, each with a few characters around it. */
export function cjkSpaces(html: string): string[] {
  const text = visibleText(html);
  return [...text.matchAll(SPACE_INSIDE_CJK)].map((match) => {
    const start = Math.max(0, match.index - 12);
    return text.slice(start, match.index + match[0].length + 13).replace(/[\u0000\u0001]/g, '|').replace(/\s+/g, ' ').trim();
  });
}
