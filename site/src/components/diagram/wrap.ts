/**
 * Line breaking for diagram labels at build time. SVG text does not wrap, so each label is split
 * into lines from an estimate of its width. The estimate follows DejaVu Sans, the widest of the
 * common system fonts (and Chromium's fallback on Linux), so a label that fits here fits in
 * narrower fonts too. Chinese text may break between any two characters, never before its
 * closing punctuation nor after its opening punctuation; other text breaks at spaces, and after a slash, a hyphen or a dot when it
 * must (`lambda.` / `amazonaws.com`).
 */

/** Width of one character in em, from DejaVu Sans Book with a small margin. */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (isWide(code)) return 1.0;
  if (char === ' ') return 0.33;
  if ('ijl|!.,:;\'`'.includes(char)) return 0.3;
  if ('ftr()[]{}/\\-"'.includes(char)) return 0.42;
  if (char === 'm') return 0.98;
  if (char === 'w') return 0.83;
  if ('MW@%'.includes(char)) return 1.0;
  if (char === 'I') return 0.32;
  if (/[A-Z#&]/.test(char)) return 0.78;
  if (/[0-9$*+<=>?^_~]/.test(char)) return 0.66;
  if (/[a-z]/.test(char)) return 0.64;
  // Arrows and other symbols are about as wide as a capital.
  return 0.85;
}

/** Whether a code point is a full-width (CJK, full-width punctuation) character. */
function isWide(code: number): boolean {
  return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xffef) || (code >= 0x3000 && code <= 0x303f);
}

/** Bold glyphs are wider; one factor covers them. */
const BOLD = 1.12;

/** The estimated width of `text` at `fontSize`, in the same units. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * fontSize * (bold ? BOLD : 1);
}

/** Characters a Chinese line may not start with. */
const NO_LINE_START = '，。、：；！？）》」』”’%';

/** Characters a line may not end with. */
const NO_LINE_END = '（《「『“‘';

/** Pieces of `text` between which a line may break, each with the space that separates it from the previous. */
function pieces(text: string): Array<{ text: string; space: string }> {
  const out: Array<{ text: string; space: string }> = [];
  let space = '';
  let current = '';
  const push = () => {
    if (current !== '') out.push({ text: current, space });
    current = '';
    space = '';
  };
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === ' ') {
      push();
      space = ' ';
    } else if (isWide(code) && !NO_LINE_START.includes(char)) {
      push();
      current = char;
    } else if (NO_LINE_START.includes(char)) {
      current += char;
    } else {
      // A Latin word after a Chinese character starts a piece of its own.
      const last = [...current].at(-1);
      if (last !== undefined && isWide(last.codePointAt(0) ?? 0)) push();
      current += char;
      if (char === '/' || char === '-' || char === '.') push();
    }
  }
  push();
  // An opening bracket or quote stays with what follows it.
  for (let index = out.length - 2; index >= 0; index--) {
    const piece = out[index]!;
    if (NO_LINE_END.includes([...piece.text].at(-1)!)) out.splice(index, 2, { text: piece.text + out[index + 1]!.space + out[index + 1]!.text, space: piece.space });
  }
  return out;
}

/** Splits `text` into lines no wider than `maxWidth` (a single piece wider than that keeps a line of its own). */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text)) {
    const candidate = line === '' ? piece.text : line + piece.space + piece.text;
    if (line !== '' && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = piece.text;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** What a box's text needs: its lines, their size, and the height they take. */
export interface FittedText {
  lines: Array<{ text: string; size: number; bold: boolean }>;
  height: number;
}

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.25;

/**
 * Wraps a bold label and a smaller second line (the service, a detail) into a box of `width` x
 * `height`, shrinking the label by steps down to `minSize` when they do not fit. Nothing gets
 * smaller than that: 12 units stay about 10 px on a 390 px phone, so a label that still does not
 * fit must be shortened (the browser test names it).
 */
export function fitText(label: string, sub: string | undefined, width: number, height: number, size = 14, minSize = 12): FittedText {
  for (let step = size; ; step -= 0.5) {
    const subSize = Math.max(step - 2, minSize);
    const labelLines = label.split('\n').flatMap((part) => wrapText(part, width, step, true));
    const subLines = sub ? sub.split('\n').flatMap((part) => wrapText(part, width, subSize)) : [];
    const lines = [...labelLines.map((text) => ({ text, size: step, bold: true })), ...subLines.map((text) => ({ text, size: subSize, bold: false }))];
    const total = lines.reduce((sum, line) => sum + line.size * LINE_HEIGHT, 0);
    const widest = Math.max(...lines.map((line) => textWidth(line.text, line.size, line.bold)));
    if ((total <= height && widest <= width) || step <= minSize) return { lines, height: total };
  }
}
