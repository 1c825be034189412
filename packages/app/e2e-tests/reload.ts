import { expect, Page } from '@playwright/test';

/**
 * Reloads the page until `check` passes, for 90 s at most. For what the backend does
 * shortly after it starts (example reviews told, statuses reported, a new model
 * ingested) on a page that reads it once: `check` should use short timeouts of its
 * own (5 s), so that a page read too early is read again rather than waited on.
 */
export async function reloadUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 90_000 });
}
