import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { as, startGovernanceBackend } from '../__testUtils__/governanceBackend';

const CHURN = 'mlmodel:default/churn-predictor';

async function start() {
  const registry = actionsRegistryServiceMock();
  const server = await startGovernanceBackend({
    features: [
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
    ],
  });
  const call = async (user: string, name: string, input: object) =>
    (
      (await registry.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials: mockCredentials.user(`user:default/${user}`),
      })) as { output: any }
    ).output;
  return { registry, server, call };
}

describe('Lab2Live actions', () => {
  it('registers reads as read-only and idempotent, and writes as not read-only with schemas and descriptions', async () => {
    const { registry } = await start();
    const { actions } = await registry.list();
    const byName = Object.fromEntries(actions.map(a => [a.name, a]));
    const reads = [
      'find-models',
      'get-model-card',
      'get-review-checklist',
      'list-reviews-awaiting-me',
      'list-expiring-approvals',
    ];
    const writes = [
      'open-review',
      'attach-review-evidence',
      'request-review-changes',
      'approve-review',
    ];
    expect(Object.keys(byName).sort()).toEqual([...reads, ...writes].sort());
    for (const name of reads) {
      expect(byName[name].attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
    }
    for (const name of writes) {
      expect(byName[name].attributes.readOnly).toBe(false);
      expect(byName[name].attributes.destructive).toBe(false);
    }
    expect(byName['attach-review-evidence'].attributes.idempotent).toBe(true);
    expect(byName['approve-review'].attributes.idempotent).toBe(false);
    for (const action of actions) {
      expect(action.description.length).toBeGreaterThan(120);
      expect(action.schema.input).toMatchObject({ type: 'object' });
    }
    expect((byName['approve-review'].schema.input as any).required).toEqual([
      'reviewId',
      'revision',
    ]);
  });

  it('finds models with the model catalog filters and reads a model card', async () => {
    const { call } = await start();
    const all = await call('maya', 'find-models', {});
    expect(all.models.map((m: any) => m.model)).toEqual(
      expect.arrayContaining([CHURN, 'mlmodel:default/fraud-detector']),
    );
    const high = await call('maya', 'find-models', { riskTier: ['high'] });
    expect(high.models.map((m: any) => m.model)).toEqual([
      'mlmodel:default/fraud-detector',
    ]);
    const owned = await call('maya', 'find-models', {
      owner: ['group:default/data-science'],
      text: 'churn',
    });
    expect(owned.models.map((m: any) => m.model)).toEqual([CHURN]);
    expect(owned.models[0]).toMatchObject({
      owner: 'group:default/data-science',
      lifecycle: 'production',
      riskTier: 'limited',
      compliance: 'non_compliant',
      link: '/catalog/default/mlmodel/churn-predictor',
    });
    const compliant = await call('maya', 'find-models', {
      compliance: ['compliant'],
    });
    expect(compliant.models).toEqual([]);

    const card = await call('maya', 'get-model-card', {
      model: 'churn-predictor',
    });
    expect(card).toMatchObject({
      model: CHURN,
      card: { kind: 'MLModel', owner: 'group:data-science', version: '8' },
      deployments: expect.any(Array),
      sla: expect.any(Object),
      compliance: { status: 'non_compliant' },
      links: {
        governance: '/catalog/default/mlmodel/churn-predictor/governance',
      },
    });
  });

  it('opens a review, attaches evidence, and lets only the board approve, through the same rules as the REST API', async () => {
    const { server, call } = await start();
    // Someone outside the owning team may not open a review.
    await expect(
      call('pat', 'open-review', { model: CHURN, version: '8' }),
    ).rejects.toThrow(
      'Only members of group:default/data-science, which owns mlmodel:default/churn-predictor, may open a review',
    );
    expect(
      (await as(server, 'maya').get('/reviews?state=draft')).body.items,
    ).toEqual([]);

    let { review } = await call('maya', 'open-review', {
      model: CHURN,
      version: '8',
    });
    expect(review).toMatchObject({ state: 'draft', revision: 1 });
    expect(review.missing.length).toBeGreaterThan(0);
    for (const item of review.missing) {
      expect(item.mode).toBe('attestation');
      ({ review } = await call('maya', 'attach-review-evidence', {
        reviewId: review.id,
        itemId: item.itemId,
        revision: review.revision,
        evidence: [`https://ci.example.com/${item.itemId}`],
        status: 'pass',
      }));
    }
    expect(review.missing).toEqual([]);
    // A stale revision is refused and nothing is written.
    await expect(
      call('maya', 'attach-review-evidence', {
        reviewId: review.id,
        itemId: review.items.find((i: any) => i.mode === 'attestation').itemId,
        revision: 1,
        evidence: ['https://ci.example.com/late'],
      }),
    ).rejects.toThrow(/changed since you read it/);

    const submitted = await as(server, 'maya').post(
      `/reviews/${review.id}/submit`,
      { revision: review.revision },
    );
    expect(submitted.status).toBe(200);

    expect(
      (await call('dana', 'list-reviews-awaiting-me', {})).reviews.map(
        (r: any) => r.id,
      ),
    ).toEqual([review.id]);
    expect((await call('pat', 'list-reviews-awaiting-me', {})).reviews).toEqual(
      [],
    );
    const checklist = await call('dana', 'get-review-checklist', {
      model: CHURN,
    });
    expect(checklist.review).toMatchObject({
      id: review.id,
      state: 'in_review',
      youMay: expect.arrayContaining(['approve', 'request_changes']),
      missing: [],
    });

    // Outside the board: refused, and the review is as it was.
    const before = (await as(server, 'maya').get(`/reviews/${review.id}`)).body;
    await expect(
      call('pat', 'approve-review', {
        reviewId: review.id,
        revision: before.revision,
      }),
    ).rejects.toThrow(/Not allowed: lab2live\.review\.approve/);
    // On the board, but in the owning team: separation of duties.
    await expect(
      call('sam', 'approve-review', {
        reviewId: review.id,
        revision: before.revision,
      }),
    ).rejects.toThrow(/Separation of duties/);
    const after = (await as(server, 'maya').get(`/reviews/${review.id}`)).body;
    expect(after).toEqual(before);

    const approved = await call('dana', 'approve-review', {
      reviewId: review.id,
      revision: before.revision,
    });
    expect(approved.review).toMatchObject({ state: 'approved', approvals: 1 });

    const audit = await as(server, 'dana').get(
      '/models/mlmodel/default/churn-predictor/audit?order=desc',
    );
    const entries = audit.body.items ?? audit.body.events ?? audit.body;
    const approval = entries.find((e: any) => e.action === 'review.approve');
    expect(approval).toMatchObject({
      actor: 'user:default/dana',
      after: { via: 'agent', viaAction: 'ml-catalog:approve-review' },
    });
    const opened = entries.find((e: any) => e.action === 'review.created');
    expect(opened.after).toMatchObject({
      via: 'agent',
      viaAction: 'ml-catalog:open-review',
    });
    // Through the REST API: no agent note.
    const submit = entries.find((e: any) => e.action === 'review.submitted');
    expect(submit.after.via).toBeUndefined();
  });

  it('requests changes only with a note, and lists approvals ending soon', async () => {
    const { server, call } = await start();
    let { review } = await call('maya', 'open-review', {
      model: CHURN,
      version: '8',
    });
    review = (
      await as(server, 'maya').post(`/reviews/${review.id}/submit`, {
        revision: review.revision,
      })
    ).body;
    await expect(
      call('dana', 'request-review-changes', {
        reviewId: review.id,
        revision: review.revision,
      }),
    ).rejects.toThrow(/note must say what to change/);
    const changed = await call('dana', 'request-review-changes', {
      reviewId: review.id,
      revision: review.revision,
      note: 'Attach the bias evaluation.',
    });
    expect(changed.review.state).toBe('changes_requested');
    const expiring = await call('maya', 'list-expiring-approvals', {
      days: 365,
    });
    expect(expiring).toEqual({ approvals: [], waivers: [] });
  });
});
