import { mockCredentials } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import request from 'supertest';
import { as, startGovernanceBackend } from '../__testUtils__/governanceBackend';

type Api = ReturnType<typeof as>;

/** Opens a review and sets every attested item to pass, as the owner would. */
async function openAndComplete(owner: Api, model: string) {
  const created = await owner.post('/reviews', { model, version: '8' });
  expect(created.status).toBe(201);
  let review = created.body;
  for (const item of review.items) {
    if (item.mode !== 'attestation') continue;
    const res = await owner.put(`/reviews/${review.id}/items/${item.id}`, {
      revision: review.revision,
      status: 'pass',
      evidence: [`https://ci.example.com/${item.id}`],
    });
    expect(res.status).toBe(200);
    review = res.body;
  }
  return review;
}

/** Opens, completes and submits a review as the owner; a board member approves it. */
async function approvedReview(owner: Api, reviewer: Api, model: string) {
  let review = await openAndComplete(owner, model);
  review = (
    await owner.post(`/reviews/${review.id}/submit`, {
      revision: review.revision,
    })
  ).body;
  const approved = await reviewer.post(`/reviews/${review.id}/decisions`, {
    revision: review.revision,
    decision: 'approve',
  });
  expect(approved.status).toBe(200);
  return approved.body;
}

/** The churn model's approval of version 8 lapsed because version 9 reached production. */
async function expectLapsedByVersion9(owner: Api, reviewId: string) {
  const lapsed = await owner.get(
    '/models/mlmodel/default/churn-predictor/compliance',
  );
  expect(lapsed.body.status).toBe('non_compliant');
  expect(lapsed.body.reasons[0]).toMatch(
    /Version 9 was promoted to production; version 8 was approved/,
  );
  expect((await owner.get(`/reviews/${reviewId}`)).body.state).toBe('expired');
}

describe('governance reviews over the REST API', () => {
  it('takes a model from draft through requested changes to approved, with an audit trail', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const dana = as(server, 'dana');

    const created = await maya.post('/reviews', {
      model: 'mlmodel:default/churn-predictor',
      version: '8',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      model: 'mlmodel:default/churn-predictor',
      state: 'draft',
      riskTier: 'limited',
      revision: 1,
      approvalsRequired: 1,
      actions: ['edit_items', 'submit', 'withdraw'],
    });
    const ids = created.body.items.map((i: any) => i.id);
    // Limited risk: every model's items plus the transparency ones, no high-risk ones.
    expect(ids).toContain('ai-disclosure');
    expect(ids).not.toContain('risk-register');
    const automated = created.body.items.find(
      (i: any) => i.id === 'datasets-linked',
    );
    expect(automated).toMatchObject({ mode: 'automated', status: 'pass' });

    // Only one open review per model.
    const again = await maya.post('/reviews', {
      model: 'mlmodel:default/churn-predictor',
      version: '9',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already has an open review/);
    expect(again.body.current.id).toBe(created.body.id);

    let review = created.body;
    const badEvidence = await maya.put(
      `/reviews/${review.id}/items/baseline-beaten`,
      {
        revision: review.revision,
        status: 'pass',
        evidence: ['not a url'],
      },
    );
    expect(badEvidence.status).toBe(400);
    expect(badEvidence.body.error.message).toMatch(/evidence\[0\]/);
    const byHand = await maya.put(
      `/reviews/${review.id}/items/datasets-linked`,
      { revision: review.revision, status: 'pass' },
    );
    expect(byHand.status).toBe(400);
    expect(byHand.body.error.message).toMatch(/decided from catalog data/);

    for (const item of review.items) {
      if (item.mode !== 'attestation') continue;
      const res = await maya.put(`/reviews/${review.id}/items/${item.id}`, {
        revision: review.revision,
        status: item.id === 'ai-disclosure' ? 'not_applicable' : 'pass',
        evidence: [`https://ci.example.com/churn/${item.id}`],
        note: `Checked for ${item.id}`,
      });
      expect(res.status).toBe(200);
      review = res.body;
    }
    const submitted = await maya.post(`/reviews/${review.id}/submit`, {
      revision: review.revision,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('in_review');
    expect(submitted.body.actions).toEqual(['withdraw']);

    const seen = await dana.get(`/reviews/${review.id}`);
    expect(seen.body.actions).toEqual([
      'waive',
      'approve',
      'request_changes',
      'reject',
    ]);
    const waiting = await dana.get('/reviews?awaiting=me');
    expect(waiting.body.items.map((r: any) => r.id)).toEqual([review.id]);
    expect((await maya.get('/reviews?awaiting=me')).body.items).toEqual([]);

    const noNote = await dana.post(`/reviews/${review.id}/decisions`, {
      revision: seen.body.revision,
      decision: 'request_changes',
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.message).toMatch(/note must say/);
    const changes = await dana.post(`/reviews/${review.id}/decisions`, {
      revision: seen.body.revision,
      decision: 'request_changes',
      note: 'Link the rollback drill run',
    });
    expect(changes.body.state).toBe('changes_requested');

    const fixed = await maya.put(
      `/reviews/${review.id}/items/rollback-tested`,
      {
        revision: changes.body.revision,
        status: 'pass',
        evidence: ['https://ci.example.com/churn/rollback-drill/41'],
      },
    );
    const resubmitted = await maya.post(`/reviews/${review.id}/submit`, {
      revision: fixed.body.revision,
    });
    const approved = await dana.post(`/reviews/${review.id}/decisions`, {
      revision: resubmitted.body.revision,
      decision: 'approve',
      note: 'Evidence complete',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.expiresAt).toBeDefined();
    expect(approved.body.actions).toEqual([]);

    const audit = await maya.get(
      '/models/mlmodel/default/churn-predictor/audit',
    );
    const actions = audit.body.items.map((e: any) => e.action);
    expect(actions[0]).toBe('review.created');
    expect(actions).toEqual(
      expect.arrayContaining([
        'review.item.set',
        'review.submitted',
        'review.request_changes',
        'review.approve',
      ]),
    );
    const decision = audit.body.items.find(
      (e: any) => e.action === 'review.request_changes',
    );
    expect(decision).toMatchObject({
      actor: 'user:default/dana',
      before: { state: 'in_review' },
      after: {
        decision: 'request_changes',
        note: 'Link the rollback drill run',
        state: 'changes_requested',
      },
    });
    const csv = await maya.get(
      '/models/mlmodel/default/churn-predictor/audit?format=csv',
    );
    expect(csv.type).toBe('text/csv');
    expect(csv.text).toMatch(/review\.approve/);
  });

  it('refuses a stale write with 409 and the current review, and loses nothing', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const created = await maya.post('/reviews', {
      model: 'mlmodel:default/churn-predictor',
      version: '8',
    });
    const path = `/reviews/${created.body.id}/items/baseline-beaten`;
    const [first, second] = await Promise.all([
      maya.put(path, {
        revision: 1,
        status: 'pass',
        evidence: ['https://ci.example.com/a'],
      }),
      maya.put(path, {
        revision: 1,
        status: 'fail',
        evidence: ['https://ci.example.com/b'],
      }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(loser.body.error).toMatchObject({ name: 'ConflictError' });
    expect(loser.body.error.message).toMatch(
      /you sent revision 1, it is at revision 2/,
    );
    expect(loser.body.current.revision).toBe(2);
    const item = (
      await maya.get(`/reviews/${created.body.id}`)
    ).body.items.find((i: any) => i.id === 'baseline-beaten');
    const winning = winner.body.items.find(
      (i: any) => i.id === 'baseline-beaten',
    );
    expect(item.evidence).toEqual(winning.evidence);
    const audit = await maya.get(
      '/models/mlmodel/default/churn-predictor/audit',
    );
    expect(
      audit.body.items.filter((e: any) => e.action === 'review.item.set'),
    ).toHaveLength(1);
  });

  it('keeps separation of duties, asks two approvers for high risk and only rejects prohibited models', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const sam = as(server, 'sam');
    const pat = as(server, 'pat');
    const dana = as(server, 'dana');
    const lee = as(server, 'lee');

    // Sam sits on the board but is in the team that owns the churn model.
    let churn = await openAndComplete(maya, 'mlmodel:default/churn-predictor');
    churn = (
      await maya.post(`/reviews/${churn.id}/submit`, {
        revision: churn.revision,
      })
    ).body;
    expect((await sam.get(`/reviews/${churn.id}`)).body.actions).toEqual([
      'withdraw',
    ]);
    const own = await sam.post(`/reviews/${churn.id}/decisions`, {
      revision: churn.revision,
      decision: 'approve',
    });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/Separation of duties/);
    // Maya owns it but is not on the board.
    const notBoard = await maya.post(`/reviews/${churn.id}/decisions`, {
      revision: churn.revision,
      decision: 'approve',
    });
    expect(notBoard.status).toBe(403);
    expect(notBoard.body.error.message).toBe(
      'Not allowed: lab2live.review.approve (members of the review board, lab2live.governance.reviewBoard, who hold the permission)',
    );
    // Dana may not open a review of a model her group does not own.
    const foreign = await dana.post('/reviews', {
      model: 'mlmodel:default/churn-predictor',
      version: '9',
    });
    expect(foreign.status).toBe(403);

    let fraud = await openAndComplete(pat, 'mlmodel:default/fraud-detector');
    expect(fraud.approvalsRequired).toBe(2);
    expect(fraud.items.map((i: any) => i.id)).toContain('risk-register');
    fraud = (
      await pat.post(`/reviews/${fraud.id}/submit`, {
        revision: fraud.revision,
      })
    ).body;
    const first = await dana.post(`/reviews/${fraud.id}/decisions`, {
      revision: fraud.revision,
      decision: 'approve',
    });
    expect(first.body.state).toBe('in_review');
    expect(first.body.actions).not.toContain('approve');
    const twice = await dana.post(`/reviews/${fraud.id}/decisions`, {
      revision: first.body.revision,
      decision: 'approve',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/approved this review already/);
    const second = await lee.post(`/reviews/${fraud.id}/decisions`, {
      revision: first.body.revision,
      decision: 'approve',
    });
    expect(second.body.state).toBe('approved');

    let banned = await openAndComplete(pat, 'mlmodel:default/social-scoring');
    banned = (
      await pat.post(`/reviews/${banned.id}/submit`, {
        revision: banned.revision,
      })
    ).body;
    expect((await dana.get(`/reviews/${banned.id}`)).body.actions).toEqual([
      'waive',
      'request_changes',
      'reject',
    ]);
    const approve = await dana.post(`/reviews/${banned.id}/decisions`, {
      revision: banned.revision,
      decision: 'approve',
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toMatch(/can only be rejected/);
    const reject = await dana.post(`/reviews/${banned.id}/decisions`, {
      revision: banned.revision,
      decision: 'reject',
      note: 'Article 5 practice',
    });
    expect(reject.body.state).toBe('rejected');
  });

  it('lets the board waive an item until a date, not the owners', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const dana = as(server, 'dana');
    const created = (
      await maya.post('/reviews', {
        model: 'mlmodel:default/churn-predictor',
        version: '8',
      })
    ).body;
    const path = `/reviews/${created.id}/items/rollback-tested/waiver`;
    const byOwner = await maya.post(path, {
      revision: created.revision,
      reason: 'Later',
      expiresAt: '2099-01-01',
    });
    expect(byOwner.status).toBe(403);
    const past = await dana.post(path, {
      revision: created.revision,
      reason: 'Drill next sprint',
      expiresAt: '2001-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/expiresAt must be a future date/);
    const waived = await dana.post(path, {
      revision: created.revision,
      reason: 'Drill next sprint',
      expiresAt: '2099-01-01',
    });
    expect(waived.status).toBe(200);
    expect(
      waived.body.items.find((i: any) => i.id === 'rollback-tested'),
    ).toMatchObject({
      status: 'waived',
      waiver: {
        reason: 'Drill next sprint',
        by: 'user:default/dana',
        expired: false,
      },
    });
    const expiring = await dana.get('/governance/expiring?days=999');
    expect(expiring.status).toBe(200);
  });

  it('says why a model is or is not compliant, for one model and for all', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const dana = as(server, 'dana');

    const before = await maya.get(
      '/models/mlmodel/default/churn-predictor/compliance',
    );
    expect(before.body).toMatchObject({
      status: 'non_compliant',
      stage: 'production',
    });
    expect(before.body.reasons).toContain('No approved governance review');

    let review = await openAndComplete(maya, 'mlmodel:default/churn-predictor');
    review = (
      await maya.post(`/reviews/${review.id}/submit`, {
        revision: review.revision,
      })
    ).body;
    await dana
      .post(`/reviews/${review.id}/decisions`, {
        revision: review.revision,
        decision: 'approve',
      })
      .expect(200);
    const approved = await maya.get(
      '/models/mlmodel/default/churn-predictor/compliance',
    );
    expect(approved.body).toMatchObject({
      status: 'at_risk',
      reasons: ['Not deployed to production'],
      review: { id: review.id, state: 'approved', version: '8' },
    });

    await request(server)
      .post('/api/ml-catalog/deployments')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:ci'),
          targetPluginId: 'ml-catalog',
        }),
      )
      .send({
        eventId: 'prod-8',
        model: 'mlmodel:default/churn-predictor',
        version: '8',
        environment: 'production',
        status: 'healthy',
        timestamp: new Date().toISOString(),
      })
      .expect(201);
    const all = await dana.get('/compliance?stage=production');
    const byModel = Object.fromEntries(
      all.body.items.map((c: any) => [c.model, c]),
    );
    expect(byModel['mlmodel:default/churn-predictor'].status).toBe('compliant');
    expect(byModel['mlmodel:default/bare-model']).toMatchObject({
      status: 'non_compliant',
      reasons: expect.arrayContaining([
        'No training dataset linked',
        'No SLA covers the model',
      ]),
    });
    const filtered = await dana.get(
      `/compliance?owner=${encodeURIComponent(
        'group:default/payments',
      )}&riskTier=high`,
    );
    expect(filtered.body.items.map((c: any) => c.model)).toEqual([
      'mlmodel:default/fraud-detector',
    ]);

    // A promoted version makes the approval of version 8 lapse.
    await request(server)
      .post('/api/ml-catalog/deployments')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:ci'),
          targetPluginId: 'ml-catalog',
        }),
      )
      .send({
        eventId: 'prod-9',
        model: 'mlmodel:default/churn-predictor',
        version: '9',
        environment: 'production',
        status: 'healthy',
        timestamp: new Date().toISOString(),
      })
      .expect(201);
    await expectLapsedByVersion9(maya, review.id);
  });

  it('lets no backdated report place a promotion before an approval', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const review = await approvedReview(
      maya,
      as(server, 'dana'),
      'mlmodel:default/churn-predictor',
    );
    // Version 9 reported now, but dated before the approval.
    await maya
      .post('/deployments', {
        eventId: 'prod-9-backdated',
        model: 'mlmodel:default/churn-predictor',
        version: '9',
        environment: 'production',
        status: 'healthy',
        timestamp: new Date(
          Date.parse(review.decidedAt) - 60_000,
        ).toISOString(),
      })
      .expect(201);
    await expectLapsedByVersion9(maya, review.id);
  });

  it('answers bad requests with 400 naming the field, unknown ones with 404, and strangers with 401 or 403', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const missingVersion = await maya.post('/reviews', {
      model: 'mlmodel:default/churn-predictor',
    });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.error.message).toMatch(/version/);
    const unknownModel = await maya.post('/reviews', {
      model: 'mlmodel:default/ghost',
      version: '1',
    });
    expect(unknownModel.status).toBe(404);
    expect(unknownModel.body.error.message).toMatch(/mlmodel:default\/ghost/);
    const unknownReview = await maya.get(
      '/reviews/00000000-0000-4000-8000-000000000000',
    );
    expect(unknownReview.status).toBe(404);
    const badId = await maya.get('/reviews/1%27%20OR%201=1');
    expect(badId.status).toBe(400);
    const created = (
      await maya.post('/reviews', {
        model: 'mlmodel:default/churn-predictor',
        version: '8',
      })
    ).body;
    const unknownItem = await maya.put(`/reviews/${created.id}/items/no-such`, {
      revision: created.revision,
      status: 'pass',
    });
    expect(unknownItem.status).toBe(404);
    const badStatus = await maya.put(
      `/reviews/${created.id}/items/baseline-beaten`,
      { revision: created.revision, status: 'waived' },
    );
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.message).toMatch(/status/);

    const noToken = await request(server).get(
      `/api/ml-catalog/reviews/${created.id}`,
    );
    expect(noToken.status).toBe(400);
    expect(noToken.body.error.message).toBe('Authorization header required');
    await request(server)
      .post('/api/ml-catalog/reviews')
      .set('Authorization', mockCredentials.none.header())
      .send({ model: 'mlmodel:default/churn-predictor', version: '8' })
      .expect(401);
    await request(server)
      .get(`/api/ml-catalog/reviews/${created.id}`)
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    // A service token reads reviews but never decides them.
    const service = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('external:ci'),
      targetPluginId: 'ml-catalog',
    });
    const read = await request(server)
      .get(`/api/ml-catalog/reviews/${created.id}`)
      .set('Authorization', service);
    expect(read.status).toBe(200);
    expect(read.body.actions).toEqual([]);
    const byService = await request(server)
      .post(`/api/ml-catalog/reviews/${created.id}/submit`)
      .set('Authorization', service)
      .send({ revision: created.revision });
    expect(byService.status).toBe(403);
    const intern = await as(server, 'intern').get(`/reviews/${created.id}`);
    expect(intern.status).toBe(403);
    expect(intern.body.error.message).toBe('Not allowed: lab2live.review.read');
  });

  it('asks for a new review when an SLA objective is breached for its whole window', async () => {
    const server = await startGovernanceBackend({
      // The real scheduler, so the refresh runs every second, not only at start.
      features: [schedulerServiceFactory],
      config: {
        lab2live: {
          governance: {
            refresh: { frequency: { seconds: 1 }, timeout: { seconds: 10 } },
          },
        },
      },
    });
    const maya = as(server, 'maya');
    const review = await approvedReview(
      maya,
      as(server, 'dana'),
      'mlmodel:default/churn-predictor',
    );
    await request(server)
      .post('/api/ml-catalog/observations')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:monitoring'),
          targetPluginId: 'ml-catalog',
        }),
      )
      .send({
        observations: [1, 2, 3].map(hour => ({
          model: 'mlmodel:default/churn-predictor',
          indicator: 'latency_p95_ms',
          value: 400,
          timestamp: new Date(Date.now() - hour * 3_600_000).toISOString(),
        })),
      })
      .expect(201);
    let state = 'approved';
    let reason = '';
    for (let i = 0; i < 40 && state === 'approved'; i++) {
      await new Promise(resolve => setTimeout(resolve, 250));
      const current = (await maya.get(`/reviews/${review.id}`)).body;
      state = current.state;
      reason = current.reason;
    }
    expect(state).toBe('expired');
    expect(reason).toMatch(/was breached for its whole window \(30d\)/);
    const audit = await maya.get(
      '/models/mlmodel/default/churn-predictor/audit',
    );
    expect(audit.body.items.map((e: any) => e.action)).toContain(
      'review.expired',
    );
  });
});
