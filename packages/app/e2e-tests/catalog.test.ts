import { test, expect } from '@playwright/test';

test('a guest signs in and finds an example entity in the catalog', async ({
  page,
}) => {
  await page.goto('/');

  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();

  // The catalog lists components by default, by title; the churn team's scoring API is one.
  const row = page.getByRole('link', {
    name: 'Churn scoring API',
    exact: true,
  });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/churn-scoring-api/,
  );
  await expect(
    page.getByRole('heading', { name: 'Churn scoring API' }),
  ).toBeVisible();
});
