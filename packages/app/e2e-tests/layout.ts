import { Locator } from '@playwright/test';

/**
 * How many pixels of a table are out of sight sideways, scrolled away or cut off by a
 * box around it, the page included (0: it fits).
 */
export async function hiddenSideways(table: Locator) {
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
