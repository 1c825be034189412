import { expect, Page, test } from '@playwright/test';
import { saveScreenshot, SCREENSHOT_DIR, signInAsGuest } from './signIn';
import { expectNoSeriousA11yViolations } from './axe';
import { reloadUntil } from './reload';

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';
// The payments team's high-risk model, approved by the board and serving v5 in
// production in the example data (packages/backend/src/modules/example*.ts).
const MODEL = 'mlmodel:default/payment-fraud-detector';
const PAGE = '/catalog/default/mlmodel/payment-fraud-detector';
// Leo leads retention web (group:retention-web): not in group:payments, which owns the
// model, and not on the review board (group:default/model-risk-board).
const OUTSIDER = 'leo';

/**
 * Every write the model page and its Governance tab can offer, by the names their
 * buttons carry. The catalog's own About card shows a disabled Edit (the example
 * entities come from files, with no edit URL): disabled is not offered.
 */
const WRITE_ACTIONS =
  /open a (new )?review|submit for review|^update |^waive |^edit|approve|request changes|reject|withdraw/i;

/**
 * Sends a request from inside the page, as the app's own fetch would: same origin, with
 * the Backstage identity token the app puts in its Authorization header.
 */
async function forge(
  page: Page,
  authorization: string,
  method: string,
  path: string,
  body?: object,
): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async request => {
      const res = await fetch(request.url, {
        method: request.method,
        credentials: 'include',
        headers: {
          Authorization: request.authorization,
          ...(request.body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: request.body ? JSON.stringify(request.body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    { authorization, method, url: `/api/ml-catalog${path}`, body },
  );
}

test("a person outside the owning team gets no write action, and forged writes from the page's session are refused", async ({
  page,
}) => {
  await page
    .context()
    .addCookies([
      { name: 'lab2live-sign-in-as', value: OUTSIDER, url: baseURL },
    ]);
  // The app's first call to the Lab2Live API carries the signed-in person's token.
  const apiCall = page.waitForRequest(
    request =>
      request.url().includes('/api/ml-catalog/') &&
      request.headers().authorization !== undefined,
  );
  await signInAsGuest(page, PAGE);
  const authorization = (await (await apiCall).headerValue('authorization'))!;
  expect(authorization).toMatch(/^Bearer \S+$/);
  // The token is the outsider's own, as the auth backend reads it.
  const identity = await page.evaluate(async token => {
    const res = await fetch('/api/auth/v1/userinfo', {
      headers: { Authorization: token },
    });
    return res.json();
  }, authorization);
  expect(identity.claims.sub).toBe(`user:default/${OUTSIDER}`);

  // The example status and reviews are told through the API shortly after the backend
  // starts: wait until the board's approval of version 5 is there.
  const modelPath = '/models/mlmodel/default/payment-fraud-detector';
  await expect
    .poll(
      async () =>
        (
          await forge(page, authorization, 'GET', `${modelPath}/reviews`)
        ).body.items?.[0]?.state,
      { timeout: 90_000 },
    )
    .toBe('approved');
  const reviewsBefore = await forge(
    page,
    authorization,
    'GET',
    `${modelPath}/reviews`,
  );
  expect(reviewsBefore.status).toBe(200);
  expect(reviewsBefore.body.canCreate).toBe(false);

  // The page reads the status once, so reload until it shows version 5 in production,
  // approved and counting: at risk only for its breached SLA and the waiver ending soon.
  const deployments = page.getByRole('list', {
    name: 'Deployments by environment',
  });
  const compliance = page.getByLabel(/^Compliance: /).first();
  await reloadUntil(page, async () => {
    await expect(
      deployments.getByLabel('production: version 5, healthy'),
    ).toBeVisible({ timeout: 5_000 });
    await expect(compliance).toHaveAttribute(
      'aria-label',
      'Compliance: at risk',
      { timeout: 5_000 },
    );
  });
  await expect(compliance).toHaveAttribute(
    'title',
    /the waiver of "Quick, safe rollback tested" ends/,
  );
  await expect(
    page.getByRole('button', { name: WRITE_ACTIONS, disabled: false }),
  ).toHaveCount(0);

  // The Governance tab: the board's approval is shown, and nothing can be changed.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Governance', exact: true })
    .click();
  await expect(
    page.getByText('Review of version 5', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('approved', { exact: true })).toBeVisible();
  const actions = page.getByRole('group', { name: 'Review actions' });
  await expect(actions).toContainText('Nothing to do on this review for you.');
  await expect(actions.getByRole('button')).toHaveCount(0);
  await expect(page.getByLabel('Version to review')).toHaveCount(0);
  // What it offers is reading: the audit log's exports.
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: WRITE_ACTIONS, disabled: false }),
  ).toHaveCount(0);
  await saveScreenshot(page, 'outsider-governance');
  await expectNoSeriousA11yViolations(page, 'governance-outsider');

  // A forged production deployment of version 6 (staging shows it degraded) from the
  // page's session: it would end the approval of version 5 at once.
  const forgedEvent = `outsider-${Date.now().toString(36)}`;
  const deployment = await forge(page, authorization, 'POST', '/deployments', {
    eventId: forgedEvent,
    model: MODEL,
    version: '6',
    environment: 'production',
    status: 'healthy',
    component: 'component:default/fraud-check',
    // Dated now, after the approval: accepted, it would end the approval at once.
    timestamp: new Date().toISOString(),
  });
  expect(deployment.status).toBe(403);
  expect(deployment.body.error.name).toBe('NotAllowedError');
  expect(deployment.body.error.message).toBe(
    `user:default/${OUTSIDER} may not report for ${MODEL}: only members of its owner (group:default/payments) and the reporters named in lab2live.reporters may`,
  );

  // A forged review of version 6, opened in the payments team's name.
  const review = await forge(page, authorization, 'POST', '/reviews', {
    model: MODEL,
    version: '6',
  });
  expect(review.status).toBe(403);
  expect(review.body.error.name).toBe('NotAllowedError');
  expect(review.body.error.message).toBe(
    `Only members of group:default/payments, which owns ${MODEL}, may open a review`,
  );

  // Nothing was stored: no forged event in the history, the same reviews.
  const history = await forge(
    page,
    authorization,
    'GET',
    `${modelPath}/deployments?limit=500`,
  );
  expect(history.status).toBe(200);
  expect(history.body.items.length).toBeGreaterThan(0);
  expect(
    history.body.items.filter(
      (e: { eventId: string; environment: string; version: string }) =>
        e.eventId === forgedEvent ||
        (e.environment === 'production' && e.version === '6'),
    ),
  ).toEqual([]);
  const reviewsAfter = await forge(
    page,
    authorization,
    'GET',
    `${modelPath}/reviews`,
  );
  expect(reviewsAfter.body.items).toEqual(reviewsBefore.body.items);

  // The model page afterwards: still version 5 in production, the same compliance.
  await page.goto(PAGE);
  await expect(
    deployments.getByLabel('production: version 5, healthy'),
  ).toBeVisible();
  await expect(deployments.getByLabel(/^production: version 6/)).toHaveCount(0);
  // An accepted v6 would have ended the approval: the model would be non compliant.
  await expect(compliance).toHaveAttribute('aria-label', 'Compliance: at risk');
  await expect(compliance).toHaveAttribute(
    'title',
    /the waiver of "Quick, safe rollback tested" ends/,
  );
  // The info column (Compliance, Deployments) scrolls on its own and a full-page
  // picture shows only its first screen: scroll it to the Deployments card and take
  // what the person sees.
  await deployments.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/outsider-model-page.png` });
  await expectNoSeriousA11yViolations(page, 'model-overview-outsider');
});
