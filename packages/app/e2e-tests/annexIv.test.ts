import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';
import { reloadUntil } from './reload';

test('a high-risk recruiting model with an Art. 50 duty gets its Annex IV pack from the Governance tab', async ({
  page,
}) => {
  // The template's task and a first catalog pass of the new model take a while.
  test.setTimeout(240_000);
  // A fresh name per run: the local publish directory outlives the test backend.
  const name = `cv-ranker-${Date.now().toString(36)}`;
  await signInAsGuest(page, '/create/templates/default/lab2live-new-ml-model');

  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Title' }).fill('CV ranker');
  await page
    .getByRole('textbox', { name: 'What it does' })
    .fill('Ranks job applications and answers candidates in a chat.');
  await page.getByRole('textbox', { name: 'Owning team' }).fill('Data Science');
  await page
    .getByRole('option', { name: /data[- ]science/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('textbox', { name: 'Training datasets' }).fill('churn');
  await page
    .getByRole('option', { name: /churn[ -]features/i })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Next' }).click();

  await page
    .getByRole('textbox', { name: 'Intended use' })
    .fill('Shortlist applicants for a recruiter, who reads every shortlist.');
  await page.getByRole('button', { name: 'Next' }).click();

  // Art. 5: no prohibited practice; Annex I: no product. Both pages as they come.
  await expect(
    page.getByText('Prohibited practices (EU AI Act Art. 5)').first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  // Annex III, point 4(a): recruitment makes it high risk (Art. 6(2)).
  await page
    .getByRole('checkbox', { name: /^Annex III, point 4\(a\): Recruitment/ })
    .check();
  await page.getByRole('button', { name: 'Next' }).click();
  // Art. 6(3): no derogation (the default), so it stays high risk.
  await page.getByRole('button', { name: 'Next' }).click();
  // Art. 50(1): candidates talk to it, a duty on top of the high-risk tier.
  await page
    .getByRole('checkbox', {
      name: /intended to interact directly with people/,
    })
    .check();
  // General-purpose AI, then personal data.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', { name: 'Open the model' });
  await expect(open).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/^high/).first()).toBeVisible();
  await expect(page.getByText(/Annex III, point 4\(a\)/).first()).toBeVisible();
  await expect(page.getByText(/Art\. 50 duties: interaction/)).toBeVisible();

  // The Governance tab lists the Annex IV sections with their completeness in words.
  await page.goto(`/catalog/default/mlmodel/${name}/governance`);
  const sections = page.getByRole('list', { name: 'Annex IV sections' });
  // The catalog may take a moment to hold the new model.
  await reloadUntil(page, () =>
    expect(sections).toBeVisible({ timeout: 5_000 }),
  );
  await expect(sections.getByRole('listitem')).toHaveCount(9);
  const declaration = sections.getByRole('listitem', {
    name: '8. EU declaration of conformity',
  });
  await expect(declaration.getByText('Missing', { exact: true })).toBeVisible();
  const general = sections.getByRole('listitem', {
    name: '1. General description and intended purpose',
  });
  await expect(general.getByText(/^(Partial|Complete)$/)).toBeVisible();
  await saveScreenshot(page, 'annex-iv-card');
  await expectNoSeriousA11yViolations(page, 'governance-annex-iv');

  // The PDF: served as a PDF, saved under the server's file name.
  const pdfResponse = page.waitForResponse(r =>
    r.url().includes('/documentation?format=pdf'),
  );
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  const pdf = await pdfResponse;
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(
    new RegExp(
      `^attachment; filename="annex-iv-${name}-v1-\\d{4}-\\d{2}-\\d{2}\\.pdf"$`,
    ),
  );
  const savedPdf = await pdfDownload;
  expect(savedPdf.suggestedFilename()).toMatch(
    new RegExp(`^annex-iv-${name}-v1-.*\\.pdf$`),
  );
  const pdfBytes = fs.readFileSync((await savedPdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The Markdown names the Annex III point and the Art. 50 duty.
  const mdResponse = page.waitForResponse(r =>
    r.url().includes('/documentation?format=md'),
  );
  const mdDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  expect((await mdResponse).headers()['content-type']).toMatch(
    /^text\/markdown/,
  );
  const markdown = fs.readFileSync((await (await mdDownload).path())!, 'utf8');
  expect(markdown).toContain('# Technical documentation: CV ranker');
  expect(markdown).toContain('Annex III, point 4(a)');
  expect(markdown).toContain('Art. 50(1)');
  expect(markdown).toContain('- **Risk tier:** high');
  for (let point = 1; point <= 9; point++) {
    expect(markdown).toMatch(new RegExp(`^## ${point}\\. `, 'm'));
  }
  expect(markdown).toMatch(
    /Missing: the EU declaration of conformity \(Art\. 47\)/,
  );
});
