import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  errorBody,
  ReceivedRequest,
  startFakeMlCatalog,
} from '../__testUtils__/fakeMlCatalog';
import { outputsOf } from '../__testUtils__/outputsOf';
import { createReviewCreateAction } from './reviewCreate';
import { reviewCreateExamples } from './reviewCreate.examples';

/** Opens reviews of the churn model; refuses other teams' models as the backend does. */
function reviews({ body }: ReceivedRequest) {
  if (body.model === 'mlmodel:default/payment-fraud-detector') {
    return {
      status: 403,
      body: errorBody(
        'NotAllowedError',
        'Only members of group:default/payments, which owns mlmodel:default/payment-fraud-detector, may open a review',
        403,
      ),
    };
  }
  return {
    status: 201,
    body: {
      id: 'rev-1',
      model: 'mlmodel:default/churn-predictor',
      version: body.version,
      riskTier: 'limited',
      items: [{ id: 'a' }, { id: 'b' }],
    },
  };
}

describe('lab2live:review:create', () => {
  let fake: Awaited<ReturnType<typeof startFakeMlCatalog>>;
  let action: ReturnType<typeof createReviewCreateAction>;

  beforeAll(async () => {
    fake = await startFakeMlCatalog(reviews);
    action = createReviewCreateAction({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => fake.baseUrl,
      }),
      auth: mockServices.auth(),
    });
  });
  afterAll(() => fake.stop());

  async function run(input: Record<string, unknown>, isDryRun = false) {
    const ctx = {
      ...createMockActionContext({ input: input as any }),
      isDryRun,
    };
    await action.handler(ctx as any);
    return outputsOf(ctx);
  }

  it("opens the review with the person's credentials and links its Governance tab", async () => {
    expect(
      await run({ model: 'mlmodel:default/churn-predictor', version: '8' }),
    ).toEqual({
      reviewId: 'rev-1',
      checklistItems: 2,
      reviewUrl: '/catalog/default/mlmodel/churn-predictor/governance',
    });
    const request = fake.received.at(-1)!;
    expect(request).toMatchObject({
      method: 'POST',
      url: '/api/ml-catalog/reviews',
      body: { model: 'mlmodel:default/churn-predictor', version: '8' },
    });
    expect(request.authorization).toMatch(/^Bearer .+/);
  });

  it("fails cleanly with the backend's reason when the person may not", async () => {
    await expect(
      run({ model: 'mlmodel:default/payment-fraud-detector', version: '5' }),
    ).rejects.toThrow(
      'Could not open a review of mlmodel:default/payment-fraud-detector: Only members of group:default/payments',
    );
  });

  it('opens nothing in a dry run', async () => {
    const before = fake.received.length;
    const outputs = await run(
      { model: 'mlmodel:default/churn-predictor', version: '9' },
      true,
    );
    expect(outputs.reviewId).toBe('dry-run');
    expect(fake.received).toHaveLength(before);
  });

  it.each(reviewCreateExamples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe('lab2live:review:create');
      expect((await run(step.input)).reviewId).toBe('rev-1');
    },
  );
});
