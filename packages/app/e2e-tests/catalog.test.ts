import { test, expect } from '@playwright/test';

test('a guest signs in and finds an example entity in the catalog', async ({
  page,
}) => {
  await page.goto('/');

  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();

  // The catalog lists components by default; the example company's scoring API is one.
  const row = page.getByRole('link', { name: 'churn-scoring-api' });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByText('Relations').first()).toBeVisible();
});
