/**
 * Measures the SVG pictures of a page in the browser: every text element's box, whether it
 * overlaps another text, leaves its node's box or the SVG's viewBox, and how large it is drawn.
 * The measuring code is a string evaluated in the page: the project's TypeScript has no DOM types.
 */
import type { Page } from 'playwright-core';

/** What the page reports about the texts of one SVG. */
export interface TextReport {
  /** Problems found, each in words that name the text: empty when the picture is clean. */
  problems: string[];
  /** The smallest drawn font size of its texts, in CSS pixels. */
  smallestPx: number;
  texts: number;
}

/** What the page reports about one lesson diagram. */
export interface DiagramReport extends TextReport {
  id: string;
  role: string | null;
  /** The texts of the elements named by aria-labelledby (the title and the description). */
  titles: string[];
  /** Links from the figure, such as the one to a live view. */
  links: string[];
  /** The computed fill of the diagram's first text, and the page's background colour. */
  textFill: string;
  pageBackground: string;
}

// Boxes may touch: a line's box includes the font's descent, so neighbours share a pixel or so.
const CHECK = `(svg) => {
  const SLACK = 1;
  const inside = (inner, outer) => inner.x >= outer.x - SLACK && inner.y >= outer.y - SLACK && inner.x + inner.width <= outer.x + outer.width + SLACK && inner.y + inner.height <= outer.y + outer.height + SLACK;
  const overlap = (a, b) => Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > SLACK && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > SLACK;
  const view = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / view.width;
  const texts = [...svg.querySelectorAll('text')].filter((text) => text.textContent.trim() !== '').map((text) => ({ text, box: text.getBBox(), words: text.textContent.trim() }));
  const problems = [];
  for (const { text, box, words } of texts) {
    if (!inside(box, { x: view.x, y: view.y, width: view.width, height: view.height })) problems.push('"' + words + '" leaves the picture');
    const node = text.closest('.dg-node');
    if (node && !inside(box, node.querySelector('rect').getBBox())) problems.push('"' + words + '" overflows its box');
  }
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    if (overlap(texts[i].box, texts[j].box)) problems.push('"' + texts[i].words + '" overlaps "' + texts[j].words + '"');
  }
  const sizes = [...svg.querySelectorAll('text, tspan')].filter((node) => node.textContent.trim() !== '').map((node) => parseFloat(getComputedStyle(node).fontSize) * scale);
  return { problems, smallestPx: Math.min(...sizes), texts: texts.length };
}`;

/** Reports on every lesson diagram (`figure.dg`) of the page. */
export async function measureDiagrams(page: Page): Promise<DiagramReport[]> {
  return page.evaluate<DiagramReport[]>(`(() => {
    const check = ${CHECK};
    return [...document.querySelectorAll('figure.dg')].map((figure) => {
      const svg = figure.querySelector('svg');
      const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
      return {
        ...check(svg),
        id: figure.dataset.diagram,
        role: svg.getAttribute('role'),
        titles: ids.map((id) => svg.querySelector('[id="' + id + '"]')?.textContent ?? ''),
        links: [...figure.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        textFill: getComputedStyle(svg.querySelector('text')).fill,
        pageBackground: getComputedStyle(document.body).backgroundColor,
      };
    });
  })()`);
}

/** Reports on the texts of the first SVG matching `selector`. */
export async function measureTexts(page: Page, selector: string): Promise<TextReport> {
  return page.evaluate<TextReport>(`(${CHECK})(document.querySelector(${JSON.stringify(selector)}))`);
}
