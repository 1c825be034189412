import { createServer, Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectFitsSideways } from './layout';
import { saveScreenshot, signInAsGuest } from './signIn';

/**
 * Where app-config.e2e.yaml points `lab2live.huggingface.baseUrl`: the backend reads the
 * Hub from this stand-in, never from the internet.
 */
const HUB_PORT = 7067;

// A fresh model per run: the local publish directory outlives the test backend.
const run = Date.now().toString(36);
const MODEL_ID = `lab2live-e2e/review-sentiment-${run}`;
const ENTITY_NAME = `lab2live-e2e-review-sentiment-${run}`;
const SHA = '3f1c2b9e0d7a4c5b8e6f1a2d3c4b5a6978e0f1d2';

/** A fine-tune's model card as people publish them: front matter, then markdown. */
const MODEL_CARD = `---
language:
  - en
license: apache-2.0
library_name: transformers
pipeline_tag: text-classification
base_model: distilbert/distilbert-base-uncased
datasets:
  - stanfordnlp/sst2
model-index:
  - name: review-sentiment
    results:
      - task:
          type: text-classification
          name: Text Classification
        dataset:
          name: GLUE SST-2
          type: nyu-mll/glue
          config: sst2
          split: validation
        metrics:
          - type: accuracy
            value: 0.9128440366972477
            name: Accuracy
          - type: f1
            value: 0.9154929577464789
            name: F1
---

# review-sentiment

Classifies the sentiment of English product reviews as positive or negative.

## Training

Fine-tuned for three epochs on SST-2.
`;

/**
 * The Hub's two reads the import makes, `/api/models/{id}` and
 * `/{id}/raw/{revision}/README.md`, for the one model of this run; 404 otherwise.
 */
function startHubStandIn(requests: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(
      new URL(req.url ?? '/', 'http://hub').pathname,
    );
    requests.push(path);
    if (path === `/api/models/${MODEL_ID}`) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id: MODEL_ID,
          modelId: MODEL_ID,
          sha: SHA,
          private: false,
          gated: false,
          pipeline_tag: 'text-classification',
          library_name: 'transformers',
          tags: ['transformers', 'safetensors', 'text-classification', 'en'],
          cardData: { license: 'apache-2.0', language: ['en'] },
        }),
      );
      return;
    }
    if (path === `/${MODEL_ID}/raw/${SHA}/README.md`) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(MODEL_CARD);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'Repository not found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(HUB_PORT, '127.0.0.1', () => resolve(server));
  });
}

const hubRequests: string[] = [];
let hub: Server | undefined;

test.beforeAll(async () => {
  hub = await startHubStandIn(hubRequests);
});

test.afterAll(async () => {
  await new Promise(resolve => hub?.close(resolve) ?? resolve(undefined));
});

test('an ML engineer imports a model from the Hub and finds it in the model catalog with its metrics and base model', async ({
  page,
}) => {
  await signInAsGuest(page, '/create');
  await page.getByRole('textbox', { name: 'search' }).fill('Hugging Face');
  const choose = page.getByRole('button', { name: 'Choose' });
  await expect(choose).toHaveCount(1);
  await expect(
    page.getByText('Import a model from Hugging Face', { exact: true }),
  ).toBeVisible();
  await choose.click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/lab2live-import-huggingface/,
  );

  await page.getByRole('textbox', { name: 'Model id' }).fill(MODEL_ID);
  // The pickers list options in a virtualized list: type to bring the wanted one into view.
  await page
    .getByRole('textbox', { name: 'Owning team' })
    .fill('Support engineering');
  await page
    .getByRole('option', { name: /support[- ]engineering/i })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'System' }).fill('support');
  await page
    .getByRole('option', { name: /support[- ]assistant/i })
    .first()
    .click();
  await saveScreenshot(page, 'huggingface-import-form');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task reads the stand-in Hub, validates the entities and publishes them locally.
  const open = page.getByRole('link', { name: 'Open the model' });
  await expect(open).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText(
      `fine-tuned from mlmodel:distilbert-distilbert-base-uncased`,
    ),
  ).toBeVisible();
  expect(hubRequests).toEqual([
    `/api/models/${MODEL_ID}`,
    `/${MODEL_ID}/raw/${SHA}/README.md`,
  ]);
  await saveScreenshot(page, 'huggingface-import-task-done');

  // The model catalog lists it under the Hugging Face source.
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'ML Models' })
    .click();
  await expect(page).toHaveURL(/\/ml-models/);
  await page.getByRole('textbox', { name: 'Source' }).click();
  await page.getByRole('option', { name: /^Hugging Face\s*\d+$/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/origin=huggingface/);
  await page.getByRole('textbox', { name: 'Search models' }).fill(run);
  // The Source facet says where it came from; the Source column may be hidden.
  const row = page.getByRole('row').filter({ hasText: MODEL_ID });
  await expect(row).toHaveCount(1);
  await saveScreenshot(page, 'huggingface-import-catalog');

  // Its page shows the card's evaluation results and the model it was fine-tuned from.
  await row.getByRole('link', { name: MODEL_ID }).click();
  await expect(
    page.getByRole('heading', { name: MODEL_ID, exact: true }),
  ).toBeVisible();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/mlmodel/${ENTITY_NAME}`),
  );
  // The header links back to the model on the Hub it came from.
  await expect(
    page.getByRole('link', {
      name: /^Hugging Face\W*(Opens in a new window)?$/i,
    }),
  ).toHaveAttribute('href', `http://127.0.0.1:${HUB_PORT}/${MODEL_ID}`);
  const metrics = page.getByRole('table').filter({
    has: page.getByRole('columnheader', { name: 'Better' }),
  });
  const metric = (name: string) =>
    metrics.getByRole('row').filter({ hasText: name });
  await expect(metric('accuracy')).toContainText('0.9128');
  await expect(metric('f1')).toContainText('0.9155');
  await expect(
    metric('accuracy').getByRole('link', { name: /nyu-mll[/-]glue/ }),
  ).toBeVisible();
  // The card states no thresholds: the results are shown, not judged.
  await expect(
    page.getByText('As reported: no metric has a threshold to judge it by'),
  ).toBeVisible();
  // Dataset titles load after the rows.
  await expectFitsSideways(metrics);
  const baseModel = page.getByRole('row').filter({ hasText: 'Base Model' });
  await expect(baseModel).toContainText(
    'mlmodel:default/distilbert-distilbert-base-uncased',
  );
  await saveScreenshot(page, 'huggingface-import-model-page');
  await expectNoSeriousA11yViolations(page, 'huggingface-import-model-page');
});
