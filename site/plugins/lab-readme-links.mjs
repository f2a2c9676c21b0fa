/**
 * A lab's translated README (labs/NN-slug/README.zh-cn.md) links to the site's pages by their
 * English paths (`/lessons/03-functions/`), the same targets as README.md, so both files stay one
 * document in two languages. Where the site renders the translation, this Sätteri plugin points
 * those links at the pages of the README's own language (`/zh-cn/lessons/03-functions/`).
 */
const TRANSLATED_README = /\/labs\/[^/]+\/README\.([a-z]{2}(?:-[a-z]+)?)\.md$/;

/** The site path of `url` in `locale`, or undefined when `url` is not a root-relative site path or is already localized. */
export function localizedUrl(url, locale) {
  if (!url.startsWith('/') || url.startsWith('//') || url === `/${locale}` || url.startsWith(`/${locale}/`)) return undefined;
  return `/${locale}${url}`;
}

/** The Sätteri plugin, made only for translated lab READMEs: localizes their site links. */
export function localizeLabReadmeLinks(context) {
  const locale = TRANSLATED_README.exec(context.fileURL?.pathname ?? '')?.[1];
  if (!locale) return null;
  const localize = (node, ctx) => {
    const url = localizedUrl(node.url ?? '', locale);
    if (url) ctx.setProperty(node, 'url', url);
  };
  return { name: 'workshop-localize-lab-readme-links', link: localize, definition: localize };
}
