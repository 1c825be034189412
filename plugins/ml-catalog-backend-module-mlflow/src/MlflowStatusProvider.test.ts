import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  DeploymentConfirmationInput,
  DeploymentEventInput,
} from '@lab2live/plugin-ml-catalog-common';
import {
  FakeMlflow,
  mlModel,
  modelVersion,
  T0,
} from './__testUtils__/fakeMlflow';
import { MlflowClient } from './MlflowClient';
import { MlflowStatusProvider } from './MlflowStatusProvider';

const iso = (ms: number) => new Date(ms).toISOString();
/** A version's last_updated_timestamp in the fake registry. */
const lu = (version: number) => T0 + version * 60_000 + 1_000;
const at = (version: number) => iso(lu(version));

const mlflow = new FakeMlflow({
  // Seven versions over four pages; aliases on 4, 5 and 6, stages on 2 and 3.
  churn: {
    pageSize: 2,
    aliases: [
      { alias: 'champion', version: '4' },
      { alias: 'challenger', version: '5' },
      { alias: 'shadow', version: '6' },
    ],
    versions: [
      modelVersion('churn', 1, { current_stage: 'Archived' }),
      modelVersion('churn', 2, { current_stage: 'Production' }),
      modelVersion('churn', 3, { current_stage: 'Staging' }),
      modelVersion('churn', 4),
      modelVersion('churn', 5, { status: 'PENDING_REGISTRATION' }),
      modelVersion('churn', 6, { status: 'FAILED_REGISTRATION' }),
      modelVersion('churn', 7),
    ],
  },
  // Only legacy stages, with the timestamps as strings (int64 in MLflow's JSON).
  'fraud-rules': {
    versions: [
      modelVersion('fraud-rules', 1, { current_stage: 'Production' }),
      modelVersion('fraud-rules', 2, {
        current_stage: 'Production',
        last_updated_timestamp: String(T0 + 2 * 60_000 + 1_000),
      }),
      modelVersion('fraud-rules', 3, {
        current_stage: 'Staging',
        status: 'FAILED_REGISTRATION',
        last_updated_timestamp: String(T0 + 3 * 60_000 + 1_000),
      }),
      modelVersion('fraud-rules', 4),
    ],
  },
  // An alias for production, a legacy stage for staging.
  recommender: {
    aliases: [{ alias: 'champion', version: '3' }],
    versions: [
      modelVersion('recommender', 1, { current_stage: 'Staging' }),
      modelVersion('recommender', 2, { current_stage: 'Production' }),
      modelVersion('recommender', 3),
    ],
  },
  "o'brien-scorer": {
    versions: [modelVersion("o'brien-scorer", 1, { current_stage: 'Staging' })],
  },
  broken: { fail: 500 },
  slow: { hang: true },
  huge: { hugeBytes: 50 * 1024 * 1024 },
  'behind-proxy': { notJson: true },
});

let baseUrl: string;
beforeAll(async () => {
  baseUrl = await mlflow.start();
});
afterAll(() => mlflow.stop());
beforeEach(() => {
  mlflow.requests.splice(0);
});

const CHURN_EVENTS: DeploymentEventInput[] = [
  {
    eventId: `mlflow:churn:production:4:healthy:${lu(4)}`,
    model: 'mlmodel:default/churn-predictor',
    version: '4',
    environment: 'production',
    status: 'healthy',
    timestamp: at(4),
  },
  {
    eventId: `mlflow:churn:staging:5:pending:${lu(5)}`,
    model: 'mlmodel:default/churn-predictor',
    version: '5',
    environment: 'staging',
    status: 'pending',
    timestamp: at(5),
  },
];

/** One poll over `entities`: the batches reported and the warnings logged. */
async function poll(
  entities: Entity[],
  options: {
    token?: string;
    basic?: { username: string; password: string };
    maxReplyBytes?: number;
    timeoutMs?: number;
    aliases?: Record<string, string>;
  } = {},
) {
  const batches: DeploymentEventInput[][] = [];
  const confirmations: DeploymentConfirmationInput[] = [];
  const logger = mockServices.logger.mock();
  const provider = new MlflowStatusProvider({
    client: new MlflowClient({
      baseUrl,
      credentials:
        options.basic ?? (options.token ? { token: options.token } : undefined),
      maxReplyBytes: options.maxReplyBytes,
      timeoutMs: options.timeoutMs ?? 2_000,
    }),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
    aliases: options.aliases ?? {
      champion: 'production',
      challenger: 'staging',
    },
    stages: { Production: 'production', Staging: 'staging' },
  });
  const started = Date.now();
  await provider.refresh({
    logger,
    reportDeployments: async events => {
      batches.push(events);
      return { stored: events.length, duplicates: 0 };
    },
    confirmDeployments: async items => {
      confirmations.push(...items);
      return { confirmed: items.length, refused: [] };
    },
    currentDeployments: async () => [],
    reportObservations: async () => ({ stored: 0, duplicates: 0 }),
  });
  return {
    batches,
    confirmations,
    reported: batches.flat(),
    warnings: (logger.warn as jest.Mock).mock.calls.map(c => String(c[0])),
    infos: (logger.info as jest.Mock).mock.calls.map(c => String(c[0])),
    elapsed: Date.now() - started,
  };
}

describe('the MLflow status provider', () => {
  it('reports the version each mapped alias points to, in its environment', async () => {
    const { batches, warnings, infos } = await poll([
      mlModel('churn-predictor', 'churn'),
    ]);
    expect(warnings).toEqual([]);
    // Aliases cover production and staging, so the legacy stages of 2 and 3 do not
    // count; `shadow` maps to no environment.
    expect(batches).toEqual([CHURN_EVENTS]);
    expect(infos).toEqual([
      'MLflow: 1 linked model(s), 2 new deployment event(s), 0 failed',
    ]);
  });

  it('reads every page of versions, following next_page_token', async () => {
    await poll([mlModel('churn-predictor', 'churn')]);
    const pages = mlflow.requestsTo('model-versions/search');
    expect(pages).toHaveLength(4);
    expect(pages[0].query.get('page_token')).toBeNull();
    expect(
      pages
        .slice(1)
        .map(p => Buffer.from(p.query.get('page_token')!, 'base64').toString()),
    ).toEqual(['offset:2', 'offset:4', 'offset:6']);
    for (const page of pages) {
      expect(page.query.get('filter')).toBe("name='churn'");
      expect(page.query.get('max_results')).toBe('200');
    }
    expect(
      mlflow.requestsTo('registered-models/get').map(r => r.query.get('name')),
    ).toEqual(['churn']);
  });

  it('sends the token as a bearer token, and no Authorization without one', async () => {
    await poll([mlModel('churn-predictor', 'churn')], { token: 's3cret' });
    expect(mlflow.requests).toHaveLength(5);
    expect(mlflow.requests.map(r => r.authorization)).toEqual(
      Array(5).fill('Bearer s3cret'),
    );

    mlflow.requests.splice(0);
    await poll([mlModel('churn-predictor', 'churn')]);
    expect(mlflow.requests.map(r => r.authorization)).toEqual(
      Array(5).fill(undefined),
    );
  });

  it('sends username and password as HTTP Basic (MLflow built-in auth)', async () => {
    await poll([mlModel('churn-predictor', 'churn')], {
      basic: { username: 'lab2live', password: 'pa:ss' },
    });
    expect(mlflow.requests.map(r => r.authorization)).toEqual(
      Array(5).fill(
        `Basic ${Buffer.from('lab2live:pa:ss').toString('base64')}`,
      ),
    );
  });

  it('confirms every state it still sees on each poll, at the time of the poll', async () => {
    const before = Date.now();
    const { confirmations } = await poll([mlModel('churn-predictor', 'churn')]);
    expect(confirmations.map(c => [c.model, c.environment, c.version])).toEqual(
      [
        ['mlmodel:default/churn-predictor', 'production', '4'],
        ['mlmodel:default/churn-predictor', 'staging', '5'],
      ],
    );
    for (const c of confirmations) {
      expect(Date.parse(c.timestamp)).toBeGreaterThanOrEqual(before);
    }
  });

  it('refuses a reply past the cap, hangs up, reports nothing for that model and still the others', async () => {
    const { reported, confirmations, warnings } = await poll(
      [mlModel('huge', 'huge'), mlModel('churn-predictor', 'churn')],
      { maxReplyBytes: 256 * 1024 },
    );
    expect(reported).toEqual(CHURN_EVENTS);
    expect(confirmations.every(c => c.model !== 'mlmodel:default/huge')).toBe(
      true,
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^MLflow registered model 'huge' of mlmodel:default\/huge not reported \[REPLY_TOO_LARGE\]: .* answered more than 262144 bytes \(lab2live.mlflow.maxReplyBytes\); connection closed, nothing stored$/,
    );
    // The registry saw the connection closed long before its 50 MB were sent.
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(mlflow.cutOff.length).toBeGreaterThanOrEqual(1);
  });

  it('reports the newest version in each mapped legacy stage where no alias covers the environment', async () => {
    const { reported, warnings } = await poll([
      mlModel('fraud-rules', 'fraud-rules'),
      mlModel('recommender', 'recommender'),
    ]);
    expect(warnings).toEqual([]);
    const byId = (a: DeploymentEventInput, b: DeploymentEventInput) =>
      a.eventId.localeCompare(b.eventId);
    const expected: DeploymentEventInput[] = [
      {
        eventId: `mlflow:fraud-rules:production:2:healthy:${lu(2)}`,
        model: 'mlmodel:default/fraud-rules',
        version: '2',
        environment: 'production',
        status: 'healthy',
        timestamp: at(2),
      },
      {
        eventId: `mlflow:fraud-rules:staging:3:failed:${lu(3)}`,
        model: 'mlmodel:default/fraud-rules',
        version: '3',
        environment: 'staging',
        status: 'failed',
        timestamp: at(3),
      },
      {
        eventId: `mlflow:recommender:production:3:healthy:${lu(3)}`,
        model: 'mlmodel:default/recommender',
        version: '3',
        environment: 'production',
        status: 'healthy',
        timestamp: at(3),
      },
      {
        eventId: `mlflow:recommender:staging:1:healthy:${lu(1)}`,
        model: 'mlmodel:default/recommender',
        version: '1',
        environment: 'staging',
        status: 'healthy',
        timestamp: at(1),
      },
    ];
    expect(reported.sort(byId)).toEqual(expected.sort(byId));
  });

  it('quotes a registered model name that contains a single quote', async () => {
    const { reported, warnings } = await poll([
      mlModel('obrien-scorer', "o'brien-scorer"),
    ]);
    expect(warnings).toEqual([]);
    expect(
      mlflow.requestsTo('model-versions/search')[0].query.get('filter'),
    ).toBe(`name="o'brien-scorer"`);
    expect(reported.map(e => [e.eventId, e.environment, e.version])).toEqual([
      [`mlflow:o'brien-scorer:staging:1:healthy:${lu(1)}`, 'staging', '1'],
    ]);
  });

  it('asks MLflow only about MLModels with the annotation', async () => {
    const { reported } = await poll([
      mlModel('unlinked'),
      mlModel('churn-predictor', 'churn'),
    ]);
    expect(reported).toEqual(CHURN_EVENTS);
    expect(
      mlflow.requests.every(
        r =>
          r.query.get('name') === 'churn' ||
          r.query.get('filter') === "name='churn'",
      ),
    ).toBe(true);
  });

  it('logs a registered model MLflow does not know (404) and still reports the others', async () => {
    const { reported, warnings } = await poll([
      mlModel('retired-model', 'retired'),
      mlModel('churn-predictor', 'churn'),
    ]);
    expect(reported).toEqual(CHURN_EVENTS);
    expect(warnings).toEqual([
      "MLflow registered model 'retired' of mlmodel:default/retired-model not reported [RESOURCE_DOES_NOT_EXIST]: registered-models/get answered 404: Registered Model with name=retired not found",
    ]);
  });

  it('logs a server error (500) with its error code and message, and still reports the others', async () => {
    const { reported, warnings, infos } = await poll([
      mlModel('broken', 'broken'),
      mlModel('churn-predictor', 'churn'),
    ]);
    expect(reported).toEqual(CHURN_EVENTS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^MLflow registered model 'broken' of mlmodel:default\/broken not reported \[INTERNAL_ERROR\]: .* answered 500: sqlalchemy.exc.OperationalError: database is locked$/,
    );
    expect(infos).toEqual([
      'MLflow: 2 linked model(s), 2 new deployment event(s), 1 failed',
    ]);
  });

  it('gives up on a server that never answers after the timeout, and still reports the others', async () => {
    const { reported, warnings, elapsed } = await poll(
      [mlModel('slow', 'slow'), mlModel('churn-predictor', 'churn')],
      { timeoutMs: 200 },
    );
    expect(reported).toEqual(CHURN_EVENTS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^MLflow registered model 'slow' of mlmodel:default\/slow not reported \[TIMEOUT\]: .* did not answer within 200 ms$/,
    );
    expect(elapsed).toBeLessThan(2_000);
  });

  it('logs an answer that is not JSON (a login page in front of MLflow)', async () => {
    const { reported, warnings } = await poll([
      mlModel('behind-proxy', 'behind-proxy'),
    ]);
    expect(reported).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^MLflow registered model 'behind-proxy' of mlmodel:default\/behind-proxy not reported \[INVALID_RESPONSE\]: .* answered 200 without a JSON object: <html>/,
    );
  });

  it('re-sends the same event ids on every poll, so the backend stores them once', async () => {
    const first = await poll([mlModel('churn-predictor', 'churn')]);
    const second = await poll([mlModel('churn-predictor', 'churn')]);
    expect(second.reported).toEqual(first.reported);
  });
});
