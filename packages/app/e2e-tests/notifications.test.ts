import { Browser, expect, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';
// A model no other journey reviews: the personalization team's (Sofia's).
const MODEL = '/catalog/default/mlmodel/content-embeddings';

/** A person of the example organisation, signed in through the guest provider. */
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

const reviewActions = (page: Page) =>
  page.getByRole('group', { name: 'Review actions' });

/** The notification titled `title` in the person's bell, once it has arrived. */
async function expectInBell(page: Page, title: string) {
  // The notifications task runs every few seconds in this config.
  await expect(async () => {
    await page.goto('/catalog');
    // The bell counts unread notifications.
    await expect(
      page.getByRole('grid', { name: 'Unread notifications' }),
    ).toBeVisible({ timeout: 10_000 });
    await page.getByRole('link', { name: /^Notifications/ }).click();
    // Other notifications (models in production without approval, sent to the board
    // when the portal starts) can push this one past the first page of the list.
    await page.getByPlaceholder('Filter').fill(title);
    await expect(page.getByRole('link', { name: title })).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 90_000 });
}

test('the board hears of a submitted review in the bell, and the owners hear the decision', async ({
  browser,
}) => {
  // Two people, a review and two runs of the notifications task (every 3 s here).
  test.setTimeout(300_000);
  // Sofia (personalization) opens a review of version 12, completes and submits it.
  const sofia = await signInAs(browser, 'sofia', `${MODEL}/governance`);
  await sofia.getByLabel('Version to review').fill('12');
  await sofia.getByRole('button', { name: 'Open a review' }).click();
  await expect(
    sofia.getByText('Review of version 12', { exact: true }),
  ).toBeVisible();
  await expect(
    sofia.getByRole('table', { name: 'Checklist: Every model' }),
  ).toBeVisible();
  for (;;) {
    const row = sofia
      .getByRole('row')
      .filter({ hasText: 'pending' })
      .filter({ has: sofia.getByRole('button', { name: /^Update / }) })
      .first();
    if ((await row.count()) === 0) break;
    await row.getByRole('button', { name: /^Update / }).click();
    const dialog = sofia.getByRole('dialog');
    await dialog
      .getByLabel('Evidence links')
      .fill('https://ci.example.com/content-embeddings/runs/12');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
  }
  await expect(sofia.getByText(/^\d+ pass$/)).toBeVisible();
  await reviewActions(sofia)
    .getByRole('button', { name: 'Submit for review' })
    .click();
  await expect(sofia.getByText('in review', { exact: true })).toBeVisible();

  // Dana of the model risk board: the bell has it, and its link opens the Governance tab.
  const dana = await signInAs(browser, 'dana', '/catalog');
  const waiting = 'Review waiting: Title embeddings version 12';
  await expectInBell(dana, waiting);
  await saveScreenshot(dana, 'notifications-board');
  // Backstage's notifications table lets its column headers be dragged: the drag
  // handle is a nameless button around the sort button (aria-command-name,
  // nested-interactive). Our part is the rows: the notifications' titles and texts.
  await expectNoSeriousA11yViolations(dana, 'notifications-board', {
    exclude: ['thead'],
  });
  await dana.getByRole('link', { name: waiting }).click();
  await expect(dana).toHaveURL(new RegExp(`${MODEL}/governance$`));
  await expect(
    dana.getByText('Review of version 12', { exact: true }),
  ).toBeVisible();

  // Dana approves.
  await reviewActions(dana).getByRole('button', { name: 'Approve' }).click();
  await dana
    .getByRole('dialog')
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(dana.getByText('approved', { exact: true })).toBeVisible();

  // Sofia's bell has the decision.
  const decision = 'Approved: Title embeddings version 12';
  await expectInBell(sofia, decision);
  await saveScreenshot(sofia, 'notifications-owner');
  await expectNoSeriousA11yViolations(sofia, 'notifications-owner', {
    exclude: ['thead'],
  });
  await sofia.getByRole('link', { name: decision }).click();
  await expect(sofia).toHaveURL(new RegExp(`${MODEL}/governance$`));
});
