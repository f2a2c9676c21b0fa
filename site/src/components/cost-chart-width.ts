/**
 * How wide the cost chart is laid out. The viewBox is as wide as the chart is drawn, up to
 * MAX_WIDTH, so one unit is one CSS pixel and the labels keep their CSS size on a phone instead of
 * shrinking with the picture (at 390 px a fixed 480-unit viewBox drew them at about 7 px).
 */

/** Beyond this width the chart scales up as a picture; below it, it is laid out anew. */
export const MAX_WIDTH = 480;
/** Narrower than this, the labels would collide: the picture scales down instead. */
export const MIN_WIDTH = 280;

/** The viewBox width for a chart drawn `cssWidth` pixels wide. */
export function chartWidth(cssWidth: number | undefined): number {
  if (!(cssWidth !== undefined && cssWidth > 0)) return MAX_WIDTH;
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, cssWidth)));
}
