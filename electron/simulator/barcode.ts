import bwipjs from 'bwip-js/node';

/**
 * Code 128 as module widths, alternating bar and space and starting with a bar, computed by
 * bwip-js (it chooses code sets A/B/C and the check character). Renderers draw the bars
 * themselves: vector rectangles in the PDF, whole pixels in the PNG.
 */
export interface Code128 {
  widths: number[];
  /** Sum of widths, without quiet zones. */
  modules: number;
}

/** Quiet zone each side, in modules (the standard asks for at least 10). */
export const QUIET_ZONE_MODULES = 10;

export function code128(text: string): Code128 {
  const raw = bwipjs.raw('code128', text, {});
  const first = raw[0];
  if (!first || !('sbs' in first)) throw new Error('bwip-js returned no bars for Code 128');
  const widths = [...first.sbs];
  return { widths, modules: widths.reduce((a, b) => a + b, 0) };
}
