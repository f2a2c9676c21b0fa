/**
 * The Chinese pages are hard-wrapped, and a browser shows every line break inside a paragraph as
 * a space: "bug， 一次部署", "**容量。** 必须". This Sätteri plugin removes those breaks where the text
 * is CJK, so the sources can stay wrapped. The rule looks only at the characters on either side of
 * a soft line break (the break together with the spaces around it), so it is the same in every
 * language:
 *
 * - CJK punctuation on either side (、。，：；！？（）「」《》【】 and the other fullwidth forms):
 *   the break becomes nothing, whatever is on the other side ("函数。\nLambda" → "函数。Lambda").
 * - A CJK character on both sides: nothing ("好消\n息" → "好消息").
 * - A CJK character on one side and a letter or digit of another script on the other: one space,
 *   the usual Chinese style around Latin words ("使用\nLambda" → "使用 Lambda").
 * - Anything else (two Latin words, or a side that is not text, such as HTML, a component or a
 *   hard break) is left alone.
 *
 * Curly quotes, dashes and ellipses are shared with English, so they do not count as CJK
 * punctuation. The neighbours are looked up across inline formatting (emphasis, strong, links,
 * strikethrough), and inline code counts by its own characters but is never changed; code blocks
 * are not paragraphs and are never reached. Documents without a CJK character skip the plugin.
 */

const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3005\u3007\u30fc]/u;
// CJK Symbols and Punctuation, vertical and small forms, and the fullwidth ASCII punctuation.
const CJK_PUNCTUATION = /[\u3000-\u3004\u3008-\u3011\u3014-\u301f\ufe10-\ufe19\ufe30-\ufe6b\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;
const OTHER_WORD = /[\p{L}\p{N}]/u;
const ANY_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff65]/u;
const SOFT_BREAK = /[ \t]*\n[ \t]*/g;

/** Inline nodes whose children read as part of the surrounding text. */
const TRANSPARENT = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** What replaces a soft line break between `before` and `after` (single characters or undefined), or null to keep it. */
export function joinBreak(before, after) {
  if (!before || !after || /\s/u.test(before) || /\s/u.test(after)) return null;
  if (CJK_PUNCTUATION.test(before) || CJK_PUNCTUATION.test(after)) return '';
  const left = CJK_CHARACTER.test(before);
  const right = CJK_CHARACTER.test(after);
  if (left && right) return '';
  if ((left && OTHER_WORD.test(after)) || (right && OTHER_WORD.test(before))) return ' ';
  return null;
}

/** The inline leaves of a paragraph in reading order: text (changeable), code (read only) or opaque. */
function leaves(node, out = []) {
  for (const child of node.children ?? []) {
    if (child.type === 'text') out.push({ node: child, value: child.value });
    else if (child.type === 'inlineCode') out.push({ node: null, value: child.value });
    else if (TRANSPARENT.has(child.type)) leaves(child, out);
    else out.push({ node: null, value: '' });
  }
  return out;
}

// Whole code points, so a character outside the Basic Multilingual Plane is not split in two.
const firstChar = (text) => (text ? String.fromCodePoint(text.codePointAt(0)) : undefined);
const lastChar = (text) => [...text.slice(-2)].at(-1);

/** Rewrites the soft line breaks of one paragraph or heading. */
function joinLines(block, ctx) {
  const runs = leaves(block);
  runs.forEach((run, index) => {
    if (!run.node || !run.value.includes('\n')) return;
    const value = run.value.replace(SOFT_BREAK, (match, offset) => {
      const end = offset + match.length;
      const before = offset > 0 ? lastChar(run.value.slice(0, offset)) : lastChar(runs[index - 1]?.value ?? '');
      const after = end < run.value.length ? firstChar(run.value.slice(end)) : firstChar(runs[index + 1]?.value ?? '');
      return joinBreak(before, after) ?? match;
    });
    if (value !== run.value) ctx.setProperty(run.node, 'value', value);
  });
}

/** The Sätteri mdast plugin definition (for documents that contain CJK text). */
export const cjkLineBreaksPlugin = { name: 'workshop-cjk-line-breaks', paragraph: joinLines, heading: joinLines };

/** The plugin entry Sätteri resolves once per document: skipped when the source has no CJK text. */
export function cjkLineBreaks(context) {
  return ANY_CJK.test(context.source) ? cjkLineBreaksPlugin : null;
}

/** The Astro integration that adds {@link cjkLineBreaks} to the Markdown processor, which MDX shares. */
export function cjkLineBreaksIntegration() {
  return {
    name: 'workshop-cjk-line-breaks',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const processor = config.markdown.processor;
        if (processor?.name !== 'satteri') {
          logger.warn(`the Markdown processor "${processor?.name}" is not Sätteri, so Chinese pages show a space at each line break`);
          return;
        }
        processor.options.mdastPlugins.push(cjkLineBreaks);
      },
    },
  };
}
