import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';
import { reloadUntil } from './reload';

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';
// The portal's static token for pipelines (backend.auth.externalAccess in app-config.yaml).
const PIPELINE_TOKEN = 'local-pipeline-token';

/** Posts JSON with curl, exactly as a CI/CD pipeline step would; returns status and body. */
function curlPost(path: string, body: object) {
  const out = execFileSync(
    'curl',
    [
      '--silent',
      '--show-error',
      '--write-out',
      '\n%{http_code}',
      '--header',
      `Authorization: Bearer ${PIPELINE_TOKEN}`,
      '--header',
      'Content-Type: application/json',
      '--data',
      JSON.stringify(body),
      `${baseURL}/api/ml-catalog${path}`,
    ],
    { encoding: 'utf8' },
  );
  const lines = out.trimEnd().split('\n');
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join('\n') || '{}') };
}

test('the example data shows stale, failed and at-risk states', async ({
  page,
}) => {
  await signInAsGuest(page, '/ml-models');
  const row = (title: string) =>
    page.getByRole('row').filter({ hasText: title });
  // The example provider reports shortly after the backend starts; the page reads the
  // status once, so reload until it is there.
  await reloadUntil(page, () =>
    expect(row('Support ticket router')).toContainText('stale', {
      timeout: 5_000,
    }),
  );
  await expect(row('Title recommender')).toContainText('at risk');
  await expect(row('Payment fraud detector')).toContainText('breached');
  await saveScreenshot(page, 'model-catalog-status');
  await expectNoSeriousA11yViolations(page, 'model-catalog-status');
});

test('a pipeline promotes churn predictor v8 to staging, and an SLA breach of the recommender shows everywhere', async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const model = 'mlmodel:default/churn-predictor';
  // The catalog may still be ingesting the example model when the test starts.
  await expect
    .poll(
      () =>
        curlPost('/deployments', {
          eventId: `pipeline-${run}-deploying`,
          model,
          version: '8',
          environment: 'staging',
          status: 'deploying',
          component: 'component:default/churn-scoring-api',
          timestamp: new Date(Date.now() - 60_000).toISOString(),
        }).status,
      { timeout: 60_000 },
    )
    .toBe(201);
  const healthy = {
    eventId: `pipeline-${run}-healthy`,
    model,
    version: '8',
    environment: 'staging',
    status: 'healthy',
    component: 'component:default/churn-scoring-api',
    endpointUrl: 'https://churn-scoring.staging.example.com/v1/score',
    timestamp: new Date().toISOString(),
  };
  expect(curlPost('/deployments', healthy).status).toBe(201);
  // A retried step is stored once.
  expect(curlPost('/deployments', healthy).status).toBe(200);
  // A bad report names the field and stores nothing.
  const bad = curlPost('/deployments', { ...healthy, status: 'green' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/status/);

  await signInAsGuest(page, '/catalog/default/mlmodel/churn-predictor');
  const deployments = page.getByRole('list', {
    name: 'Deployments by environment',
  });
  await expect(
    deployments.getByLabel('staging: version 8, healthy'),
  ).toBeVisible();
  await expect(
    deployments.getByLabel('production: version 7, healthy'),
  ).toBeVisible();
  await saveScreenshot(page, 'model-deployments-card');
  await expectNoSeriousA11yViolations(page, 'model-overview-deployments');

  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await expect(
    page.getByRole('img', {
      name: 'Deployment status over time per environment',
    }),
  ).toBeVisible();
  await expect(page.getByText('local-pipeline').first()).toBeVisible();
  await saveScreenshot(page, 'model-deployments-tab');
  await expectNoSeriousA11yViolations(page, 'model-deployments-tab');

  // Monitoring reports the recommender's p95 latency far over its 45 ms objective.
  const recommender = 'mlmodel:default/title-recommender';
  const observations = Array.from({ length: 8 }, (_, i) => ({
    observationId: `monitor-${run}-${i}`,
    model: recommender,
    indicator: 'latency_p95_ms',
    value: 140 + i,
    timestamp: new Date(Date.now() - i * 60_000).toISOString(),
  }));
  expect(curlPost('/observations', { observations }).status).toBe(201);

  await page.goto('/catalog/default/mlmodel/title-recommender');
  await expect(page.getByText('SLA breached').first()).toBeVisible();
  const objectives = page.getByRole('list', {
    name: 'Objectives of recommendations',
  });
  await expect(
    objectives.getByRole('listitem').filter({ hasText: 'p95 latency' }),
  ).toContainText('breached');
  await saveScreenshot(page, 'model-sla-breached');
  await expectNoSeriousA11yViolations(page, 'model-overview-sla-breached');

  await page.goto('/catalog/default/sla/recommendations');
  const table = page.getByRole('table', { name: 'SLA objectives' });
  await expect(
    table.getByRole('row').filter({ hasText: 'p95 latency' }),
  ).toContainText('breached');
  await saveScreenshot(page, 'sla-page-status');
  await expectNoSeriousA11yViolations(page, 'sla-page-breached');

  await page.goto('/catalog/default/component/recommendation-api');
  await expect(
    page.getByRole('row').filter({ hasText: 'Title recommender' }),
  ).toContainText('SLA breached');
  await saveScreenshot(page, 'service-models-status');
  await expectNoSeriousA11yViolations(page, 'service-page-breached');

  await page.goto('/ml-models?sla=breached');
  await expect(
    page.getByRole('link', { name: 'Title recommender' }),
  ).toBeVisible();
  await saveScreenshot(page, 'model-catalog-sla-filter');
});
