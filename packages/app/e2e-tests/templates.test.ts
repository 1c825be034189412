import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';

test('a data scientist creates a model from the template and finds it with its SLA and training data', async ({
  page,
}) => {
  // A fresh name per run: the local publish directory outlives the test backend.
  const name = `fraud-scorer-${Date.now().toString(36)}`;
  await signInAsGuest(page, '/create');
  await saveScreenshot(page, 'create-page');
  await page.goto('/create/templates/default/lab2live-new-ml-model');

  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Title' }).fill('Card fraud scorer');
  await page
    .getByRole('textbox', { name: 'What it does' })
    .fill('Scores card payments for fraud before authorisation.');
  // The pickers list options in a virtualized list: type to bring the wanted one into view.
  // The guest's own team, so the guest may open the model's governance review below.
  await page.getByRole('textbox', { name: 'Owning team' }).fill('Data Science');
  await page
    .getByRole('option', { name: /data[- ]science/i })
    .first()
    .click();
  await saveScreenshot(page, 'template-new-model');
  // The scaffolder's page is Backstage's (its tabs carry an aria-controls to a panel
  // that is not there): check the form, whose fields and help our template writes.
  await expectNoSeriousA11yViolations(page, 'template-form', {
    include: ['form'],
  });
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('textbox', { name: 'Training datasets' }).fill('fraud');
  await page
    .getByRole('option', { name: /fraud[ -]labels/i })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Next' }).click();

  await page
    .getByRole('textbox', { name: 'Intended use' })
    .fill('Hold suspicious payments for analyst review.');
  await page.getByRole('button', { name: 'Next' }).click();
  // The EU AI Act questionnaire, one page per part: Art. 5, Annex I, Annex III.
  await expect(
    page.getByText('Prohibited practices (EU AI Act Art. 5)').first(),
  ).toBeVisible();
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Next' }).click();
  }
  // Art. 6(3): it profiles people (no Annex III use, so still minimal).
  await page.getByRole('checkbox', { name: /Does it profile people/ }).check();
  // Art. 50, general-purpose AI, then personal data.
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task runs risk assessment, validation and the local publish.
  const open = page.getByRole('link', { name: 'Open the model' });
  await expect(open).toBeVisible({ timeout: 60_000 });
  // The task's output box (its log, once opened, says the same).
  await expect(
    page
      .getByTestId('text-output-box')
      .getByText(/minimal: Art\. 5, Art\. 6, Art\. 50: Minimal risk/),
  ).toBeVisible();
  await saveScreenshot(page, 'template-task-done');
  // The task page is Backstage's (its log viewer's rows, progress bar and icon
  // buttons): check what our template puts on it, its output links and text.
  await expectNoSeriousA11yViolations(page, 'template-task-done', {
    include: ['[data-testid="output-box"]', '[data-testid="text-output-box"]'],
  });
  await open.click();

  await expect(
    page.getByRole('heading', { name: 'Card fraud scorer', exact: true }),
  ).toBeVisible({ timeout: 60_000 });
  const training = page.getByRole('list', { name: 'Training datasets' });
  await expect(
    training.getByRole('link', { name: 'Fraud labels' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: `Objectives of ${name}` })
      .getByText('latency_p95_ms ≤ 200 ms'),
  ).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(page, 'template-created-model');
  await expectNoSeriousA11yViolations(page, 'model-overview-created');

  // The team opens the governance review of its first version.
  await page.goto(`/catalog/default/mlmodel/${name}/governance`);
  await expect(page.getByText('No governance review yet')).toBeVisible();
  await expect(page.getByLabel(/Version to review/)).toHaveValue('1');
  await page.getByRole('button', { name: 'Open a review' }).click();
  await expect(
    page.getByText('Review of version 1', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Checklist: Every model' }),
  ).toBeVisible();
  await saveScreenshot(page, 'template-model-review');
  await expectNoSeriousA11yViolations(page, 'governance-new-review');

  await page.goto(`/ml-models?q=${name}`);
  await expect(
    page.getByRole('link', { name: 'Card fraud scorer' }),
  ).toBeVisible();
});
