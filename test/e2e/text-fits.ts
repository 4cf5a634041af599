import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Nothing a person reads is cut off or runs out of its box: no control, label, heading or table
 * cell whose text is wider than the box (it would be clipped or spill over its neighbour), no
 * column heading, button or tag broken over two lines, and no sideways scrolling of the window.
 * `wraps`: elements that hold a sentence and may take several lines (a failed label's tag
 * carries the courier's reason).
 */
export async function expectTextFits(page: Page, scope = 'body', { wraps }: { wraps?: string } = {}) {
  const overflowing = await page.locator(scope).evaluate((root, wraps) => {
    const bad: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, label, legend, h1, h2, th, td, dt, dd, option:checked, .tag, p')) {
      if (el.offsetParent === null || el.closest('.sr-only')) continue;
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`${el.tagName.toLowerCase()}: ${el.textContent?.trim().slice(0, 60)}`);
    }
    // Column headings, buttons and tags are one line: a short Japanese or Chinese word broken one character per line reads as two.
    for (const el of root.querySelectorAll<HTMLElement>('th, button, .tag')) {
      if (el.offsetParent === null || el.closest('.sr-only') || el.querySelector('.sr-only') || !el.textContent?.trim()) continue;
      if (wraps && el.closest(wraps)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      // A new line starts where a piece of text sits more than half a line below the last (a key cap's padding is not one).
      const half = parseFloat(getComputedStyle(el).fontSize) / 2;
      const tops = [...range.getClientRects()].filter((r) => r.width > 1).map((r) => r.top);
      let lines = tops.length ? 1 : 0;
      let last = tops[0] ?? 0;
      for (const top of tops.slice(1)) {
        if (top <= last + half) continue;
        lines += 1;
        last = top;
      }
      if (lines > 1) bad.push(`${el.tagName.toLowerCase()} breaks over ${lines} lines: ${el.textContent.trim().slice(0, 60)}`);
    }
    const page = document.scrollingElement!;
    if (page.scrollWidth > page.clientWidth + 1) bad.push(`window scrolls sideways (${page.scrollWidth} > ${page.clientWidth})`);
    return bad;
  }, wraps);
  expect(overflowing).toEqual([]);
}
