import { Page, test, expect } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';

/** Opens an entity page as a guest and waits for its title. */
async function openEntityAsGuest(page: Page, path: string, title: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

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

test("a model's relations graph shows its datasets, SLA and serving API", async ({
  page,
}) => {
  await openEntityAsGuest(
    page,
    '/catalog/default/mlmodel/churn-predictor',
    'Customer churn predictor',
  );

  // The graph draws only relation types it knows: these appear because the app
  // registers the Lab2Live relations with the catalog graph.
  const graph = page.locator('svg').filter({ hasText: 'Churn features' });
  for (const node of [
    'Churn features',
    'Churn holdout',
    'Churn scoring SLA',
    'Churn scoring API',
  ]) {
    await expect(graph.getByText(node, { exact: true }).first()).toBeVisible();
  }
  for (const edge of [
    'trainedOn',
    'evaluatedOn',
    'monitoredOn',
    'hasSla',
    'servedBy',
  ]) {
    await expect(graph.getByText(edge, { exact: true }).first()).toBeVisible();
  }
});

test('a model page names a related dataset that is not in the catalog', async ({
  page,
}) => {
  await openEntityAsGuest(
    page,
    '/catalog/default/mlmodel/watch-time-forecast-prototype',
    'Watch-time forecast prototype',
  );
  // The relation is in the catalog even though its target is not; the page says so.
  await expect(
    page.getByText("which can't be found in the catalog"),
  ).toBeVisible();
  await expect(
    page.getByText('dataset:default/playback-sessions-hourly').first(),
  ).toBeVisible();
  // The model's datasets card keeps the missing dataset in its role, marked as missing.
  const training = page.getByRole('list', { name: 'Training datasets' });
  await expect(
    training.getByText(
      'dataset:default/playback-sessions-hourly (not in the catalog)',
    ),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'model-overview-missing-dataset');
});
