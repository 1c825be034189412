import fs from 'node:fs';
import { Browser, expect, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';
import { reloadUntil } from './reload';

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';
const CHURN = '/catalog/default/mlmodel/churn-predictor';

/** A second person in the same browser: the guest sign-in becomes `name` by a cookie. */
async function signInAs(browser: Browser, name: string, path: string) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
  });
  await context.addCookies([
    { name: 'lab2live-sign-in-as', value: name, url: baseURL },
  ]);
  const page = await context.newPage();
  await signInAsGuest(page, path);
  return page;
}

function actions(page: Page) {
  return page.getByRole('group', { name: 'Review actions' });
}

/** Sets every pending attested item to pass with an evidence link, as the owner. */
async function completePendingItems(page: Page) {
  for (;;) {
    const row = page
      .getByRole('row')
      .filter({ hasText: 'pending' })
      .filter({ has: page.getByRole('button', { name: /^Update / }) })
      .first();
    if ((await row.count()) === 0) return;
    await row.getByRole('button', { name: /^Update / }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Evidence links')
      .fill('https://ci.example.com/churn-predictor/runs/8812');
    await dialog.getByLabel('Note').fill('Checked for version 8');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
  }
}

test('an owner submits, a reviewer asks for changes then approves, and the model turns compliant', async ({
  page,
  browser,
}) => {
  // The guest is in the churn team: it finishes the team's draft review of v8.
  await signInAsGuest(page, `${CHURN}/governance`);
  // The example reviews are told through the API shortly after the backend starts.
  await reloadUntil(page, () =>
    expect(page.getByText('Review of version 8', { exact: true })).toBeVisible({
      timeout: 5_000,
    }),
  );
  await expect(actions(page).getByRole('button')).toHaveText([
    'Submit for review',
    'Withdraw',
  ]);
  await completePendingItems(page);
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'Quick, safe rollback tested' })
      .getByRole('link', { name: /ci\.example\.com/ }),
  ).toBeVisible();
  await saveScreenshot(page, 'governance-owner-draft');
  await expectNoSeriousA11yViolations(page, 'governance-owner-draft');
  await actions(page)
    .getByRole('button', { name: 'Submit for review' })
    .click();
  await expect(page.getByText('in review', { exact: true })).toBeVisible();
  // It sits on the review board, but never decides on its own team's model.
  await expect(
    actions(page).getByRole('button', { name: 'Approve' }),
  ).toHaveCount(0);

  // Dana of the model risk board asks for changes.
  const dana = await signInAs(browser, 'dana', `${CHURN}/governance`);
  await dana
    .getByRole('group', { name: 'Review actions' })
    .getByRole('button', { name: 'Request changes' })
    .click();
  await dana
    .getByRole('dialog')
    .getByLabel('Note')
    .fill('Link the rollback drill of version 8, not of version 7');
  await expectNoSeriousA11yViolations(dana, 'governance-decision-dialog');
  await dana
    .getByRole('dialog')
    .getByRole('button', { name: 'Request' })
    .click();
  await expect(
    dana.getByText('changes requested', { exact: true }),
  ).toBeVisible();
  await saveScreenshot(dana, 'governance-reviewer-changes');
  await expectNoSeriousA11yViolations(dana, 'governance-reviewer-changes');

  // The owner answers and submits again.
  await page.reload();
  await expect(
    page
      .getByRole('list', { name: 'Decisions' })
      .getByText(/Link the rollback drill of version 8/),
  ).toBeVisible();
  await page
    .getByRole('button', { name: 'Update Quick, safe rollback tested' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Evidence links')
    .fill('https://ci.example.com/churn-predictor/rollback-drill/v8');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await actions(page)
    .getByRole('button', { name: 'Submit for review' })
    .click();
  await expect(page.getByText('in review', { exact: true })).toBeVisible();

  // Dana approves.
  await dana.reload();
  await dana
    .getByRole('group', { name: 'Review actions' })
    .getByRole('button', { name: 'Approve' })
    .click();
  await dana
    .getByRole('dialog')
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(dana.getByText('approved', { exact: true })).toBeVisible();
  await saveScreenshot(dana, 'governance-approved');

  // Compliant on its page and in the model catalog.
  await page.goto(CHURN);
  // The badge in the page header and the compliance card.
  await expect(page.getByLabel('Compliance: compliant')).toHaveCount(2);
  await expect(page.getByLabel('Compliance: compliant').first()).toBeVisible();
  await saveScreenshot(page, 'model-compliant');
  await expectNoSeriousA11yViolations(page, 'model-overview-compliant');
  await page.goto('/ml-models?compliance=compliant&source=lab2live');
  await expect(
    page.getByRole('link', { name: 'Customer churn predictor' }),
  ).toBeVisible();

  // The audit trail downloads for an auditor.
  await page.goto(`${CHURN}/governance`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file!, 'utf8');
  expect(csv).toContain('review.approve');
  expect(csv).toContain('user:default/dana');
});

test('a reviewer finds the reviews waiting for them on the governance dashboard', async ({
  page,
}) => {
  await signInAsGuest(page, '/ml-governance');
  const waiting = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Reviews waiting for me' });
  // The personalization team's review of the title recommender waits for the board.
  // Run first, this journey may open the page before the example reviews are told.
  await reloadUntil(page, () =>
    expect(
      waiting.getByRole('link', { name: 'Title recommender' }),
    ).toBeVisible({ timeout: 5_000 }),
  );
  const ending = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Ending in the next 30 days' });
  await expect(ending.getByText(/rollback drill is booked/)).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Compliance by team/ }),
  ).toBeVisible();
  await saveScreenshot(page, 'governance-dashboard');
  await expectNoSeriousA11yViolations(page, 'governance-dashboard');
});
