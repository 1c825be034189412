import { expect, Page, test } from '@playwright/test';
import { expectFitsSideways } from './layout';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';

/** The table's model links, in order: one per row. */
function modelRows(page: Page) {
  return page
    .getByRole('table')
    .locator('tbody tr')
    .filter({ has: page.locator('a') });
}

async function pickFacet(page: Page, label: string, option: string) {
  await page.getByRole('textbox', { name: label }).click();
  await page
    .getByRole('option', { name: new RegExp(`^${option}\\s*\\d+$`) })
    .click();
  await page.keyboard.press('Escape');
}

test('the model catalog filters by owner and stage, and a reload keeps the view', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'ML Models' })
    .click();
  await expect(page).toHaveURL(/\/ml-models/);
  await expect(page.getByText(/^Models \(\d+\)$/)).toBeVisible();
  await saveScreenshot(page, 'model-catalog');
  await expectNoSeriousA11yViolations(page, 'model-catalog');

  await pickFacet(page, 'Owner', 'data-science');
  await pickFacet(page, 'Lifecycle stage', 'production');
  await expect(page).toHaveURL(/owner=group%3Adefault%2Fdata-science/);
  await expect(page).toHaveURL(/stage=production/);
  await expect(modelRows(page)).toHaveCount(1);
  await expect(
    page.getByRole('link', { name: 'Customer churn predictor' }),
  ).toBeVisible();

  await page.reload();
  await expect(modelRows(page)).toHaveCount(1);
  await expect(
    page.getByRole('link', { name: 'Customer churn predictor' }),
  ).toBeVisible();
  await expect(page.getByText(/^Models \(1 of \d+\)$/)).toBeVisible();
  await saveScreenshot(page, 'model-catalog-filtered');
  await expectNoSeriousA11yViolations(page, 'model-catalog-filtered');
});

test('the model catalog fits 1440 px, and a person chooses its columns and keeps them', async ({
  page,
}) => {
  await signInAsGuest(page, '/ml-models');
  await expect(page.getByText(/^Models \(\d+\)$/)).toBeVisible();
  expect(page.viewportSize()?.width).toBe(1440);
  await expectFitsSideways(page.getByRole('table'));
  // Long tag lists fold into a +N chip that names the rest.
  await expect(
    page.getByRole('button', { name: /^\d+ more tags: / }).first(),
  ).toBeVisible();

  const columns = page.getByRole('button', { name: /^Columns/ });
  await columns.click();
  const dialog = page.getByRole('dialog', { name: 'Columns' });
  await expect(
    dialog.getByRole('checkbox', { name: 'Model (always shown)' }),
  ).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Risk tier' }).uncheck();
  await saveScreenshot(page, 'model-catalog-columns');
  await page.keyboard.press('Escape');
  await expect(columns).toBeFocused();
  await expect(page.getByRole('columnheader', { name: 'Stage' })).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'Risk tier' }),
  ).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'Stage' })).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'Risk tier' }),
  ).toHaveCount(0);

  await page.getByRole('button', { name: /^Columns/ }).click();
  await dialog.getByRole('button', { name: 'Reset to default' }).click();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('columnheader', { name: 'Risk tier' }),
  ).toBeVisible();
});

test('the model catalog searches names, descriptions and tags', async ({
  page,
}) => {
  await signInAsGuest(page, '/ml-models');
  await page.getByRole('textbox', { name: 'Search models' }).fill('fraud');
  await expect(page).toHaveURL(/q=fraud/);
  await expect(
    page.getByRole('link', { name: 'Payment fraud detector' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Customer churn predictor' }),
  ).toHaveCount(0);
});

test('the RHDH ai-model Resource is in the model catalog, read-only, with its server', async ({
  page,
}) => {
  await signInAsGuest(page, '/ml-models?source=ai-model-resource');
  // The servers are a column a person chooses.
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page
    .getByRole('dialog', { name: 'Columns' })
    .getByRole('checkbox', { name: 'Served by' })
    .check();
  await page.keyboard.press('Escape');
  const row = modelRows(page).filter({
    hasText: 'IBM Granite 3.0 8B Instruct',
  });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('read-only')).toBeVisible();
  await expect(
    row.getByRole('link', { name: 'granite-vllm-server' }),
  ).toBeVisible();
});

test('a model page shows its card, training dataset and SLA objectives', async ({
  page,
}) => {
  await signInAsGuest(page, '/ml-models?q=churn%20predictor');
  await page.getByRole('link', { name: 'Customer churn predictor' }).click();
  await expect(
    page.getByRole('heading', {
      name: 'Customer churn predictor',
      exact: true,
    }),
  ).toBeVisible();
  // The header keeps the catalog's actions next to the model's risk tier.
  await expect(page.getByText('limited risk').first()).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Inspect entity' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Entity Inspector' }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('dialog', { name: 'Entity Inspector' }),
  ).toHaveCount(0);

  await expect(page.getByText('Intended use')).toBeVisible();
  await expect(
    page.getByText(/Rank subscribers by 30-day churn risk/),
  ).toBeVisible();
  const training = page.getByRole('list', { name: 'Training datasets' });
  await expect(
    training.getByRole('link', { name: 'Churn features' }),
  ).toBeVisible();
  const objectives = page.getByRole('list', {
    name: 'Objectives of churn-scoring',
  });
  await expect(objectives.getByText('latency_p95_ms ≤ 120 ms')).toBeVisible();
  await expect(page.getByText('meets threshold').first()).toBeVisible();
  await saveScreenshot(page, 'model-page');
  await expectNoSeriousA11yViolations(page, 'model-overview');
});

test('a service page says which models it runs', async ({ page }) => {
  await signInAsGuest(page, '/catalog/default/component/churn-scoring-api');
  await expect(
    page.getByRole('heading', { name: 'Churn scoring API' }),
  ).toBeVisible();
  await expect(
    page.getByText('Models this service serves or calls'),
  ).toBeVisible();
  const row = page
    .locator('tr')
    .filter({ hasText: 'Customer churn predictor' });
  await expect(row.getByText('serves')).toBeVisible();
  await expect(row.getByText('limited risk')).toBeVisible();
  await expectFitsSideways(
    page.getByRole('table').filter({ hasText: 'Deployments and SLAs' }),
  );
  await saveScreenshot(page, 'service-page');
  await expectNoSeriousA11yViolations(page, 'service-page');
});

test('a dataset page lists the models trained on it and its lineage', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/dataset/churn-features');
  await expect(
    page.getByRole('heading', { name: 'Churn features' }),
  ).toBeVisible();
  await expect(page.getByText(/Models trained, validated/)).toBeVisible();
  const row = page
    .locator('tr')
    .filter({ hasText: 'Customer churn predictor' });
  await expect(row.getByText('training')).toBeVisible();
  await expect(page.getByText('Lineage and data facts')).toBeVisible();
  await saveScreenshot(page, 'dataset-page');
  await expectNoSeriousA11yViolations(page, 'dataset-page');
});

test('an SLA page and a team page show the models they cover and own', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/sla/churn-scoring');
  await expect(
    page.getByRole('table', { name: 'SLA objectives' }),
  ).toBeVisible();
  await expect(page.getByText('Covered models')).toBeVisible();
  await expect(
    page.locator('tr').filter({ hasText: 'Customer churn predictor' }),
  ).toHaveCount(1);
  // The covered models fit their card at 1440 px.
  await expectFitsSideways(
    page.getByRole('table').filter({ hasText: 'Deployments and SLAs' }),
  );
  await saveScreenshot(page, 'sla-page');
  await expectNoSeriousA11yViolations(page, 'sla-page');

  await page.goto('/catalog/default/group/data-science');
  await expect(page.getByText("Team's models", { exact: true })).toBeVisible();
  await expect(page.getByText(/^production: \d+$/)).toBeVisible();
  await saveScreenshot(page, 'team-page');
  await expectNoSeriousA11yViolations(page, 'team-page');
});
