import { expect, Locator } from '@playwright/test';

/**
 * How many pixels of a table are out of sight sideways, scrolled away or cut off by a
 * box around it, the page included (0: it fits).
 */
async function hiddenSideways(table: Locator) {
  return table.evaluate(element => {
    let hidden = 0;
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (
        box === document.documentElement ||
        getComputedStyle(box).overflowX !== 'visible'
      ) {
        hidden = Math.max(hidden, box.scrollWidth - box.clientWidth);
      }
    }
    return hidden;
  });
}

/**
 * Expects a table to fit its page sideways once the page has settled. Cells fill in
 * as their data arrives (statuses, titles, chips), and a table measured while they
 * still load can overflow for a moment: on a busy CI machine one measured once, at
 * once, read 1440 px as too narrow. What a person reads is the settled page.
 */
export async function expectFitsSideways(table: Locator) {
  await table.page().waitForLoadState('networkidle');
  await expect
    .poll(() => hiddenSideways(table), {
      message: 'pixels of the table hidden sideways',
    })
    .toBe(0);
}
