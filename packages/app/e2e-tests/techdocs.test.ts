import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';

test("a model's Docs tab shows its model card, built by the portal", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/mlmodel/churn-predictor');
  // The entity's own Docs tab, not the sidebar's documentation index.
  await page
    .locator('a[href$="/mlmodel/churn-predictor/docs"]')
    .filter({ hasText: 'Docs' })
    .click();
  await expect(page).toHaveURL(/\/mlmodel\/churn-predictor\/docs/);
  // The first visit builds the docs with mkdocs, which takes a few seconds.
  await expect(
    page.getByRole('heading', { name: 'Ethical considerations' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText('Customers younger than three months are under-represented'),
  ).toBeVisible();
  await saveScreenshot(page, 'model-docs');
  await expectNoSeriousA11yViolations(page, 'model-docs');
});

test('entities without docs get no Docs tab', async ({ page }) => {
  await signInAsGuest(page, '/catalog/default/mlmodel/customer-ltv');
  await expect(
    page.getByRole('link', { name: 'Overview', exact: true }),
  ).toBeVisible();
  await expect(
    page.locator('a[href$="/mlmodel/customer-ltv/docs"]'),
  ).toHaveCount(0);
});
