import { expect, Page } from '@playwright/test';

/** Where the browser tests save a screenshot of each page they visit (a CI artifact). */
export const SCREENSHOT_DIR = '.cache/screenshots';

/** Signs in with the guest provider, as a person trying the local portal does. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
}

/** Saves a full-page screenshot under {@link SCREENSHOT_DIR}. */
export async function saveScreenshot(page: Page, name: string) {
  // Let lazy cards and the relation graph settle before the picture is taken.
  await page.waitForLoadState('networkidle');
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/${name}.png`,
    fullPage: true,
  });
}
