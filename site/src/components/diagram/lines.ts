/** Baselines for wrapped lines, so that each line's glyphs sit centred in its line box. */
import { LINE_HEIGHT, type FittedText } from './wrap.ts';

/** A line of text with its baseline. */
export interface PlacedLine {
  text: string;
  size: number;
  bold: boolean;
  y: number;
}

/** Places the lines of `fitted` one under the other, the first line box starting at `top`. */
export function textLines(fitted: FittedText, top: number): PlacedLine[] {
  let cursor = top;
  return fitted.lines.map((line) => {
    // A font's ascent is about 0.93 em and its descent 0.24 em: this centres them in the line box.
    const y = cursor + line.size * ((LINE_HEIGHT - 1.17) / 2 + 0.93);
    cursor += line.size * LINE_HEIGHT;
    return { ...line, y: Math.round(y * 10) / 10 };
  });
}
