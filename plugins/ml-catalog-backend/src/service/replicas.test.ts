import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { as, startGovernanceBackend } from '../__testUtils__/governanceBackend';

/*
 * The all-models compliance read answers from a snapshot kept in memory, and status
 * reads reuse SLA sums. Two backends on one database stand for two replicas: what one
 * records, the other's next read shows, without waiting for either to age.
 */

const { databases, ids } = createTestDatabases();
const CHURN = 'mlmodel:default/churn-predictor';

/** A pipeline's token: the test reporters may report for every model. */
const reporter = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'ml-catalog',
  });
const pipeline = reporter('external:ci');
const monitoring = reporter('external:monitoring');

const event = (eventId: string, status: string, version = '8') => ({
  eventId,
  model: CHURN,
  environment: 'production',
  version,
  status,
  timestamp: new Date().toISOString(),
});

describe.each(ids)('two replicas on one %s database', databaseId => {
  it('shows what another replica recorded at once, and nothing a refused write tried', async () => {
    const knex = await databases.init(databaseId);
    const writer = await startGovernanceBackend({ knex });
    const reader = await startGovernanceBackend({ knex });
    const churn = async () => {
      const response = await as(reader, 'maya').get('/compliance');
      expect(response.status).toBe(200);
      return response.body.items.find((i: any) => i.model === CHURN);
    };

    expect((await churn()).reasons).toContain('Not deployed to production');

    const failed = await request(writer)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', pipeline)
      .send(event('rollout-1', 'failed'));
    expect(failed.status).toBe(201);
    const afterFailure = await churn();
    expect(afterFailure.reasons).toContain(
      'The production deployment of version 8 is failed',
    );
    expect(afterFailure.reasons).not.toContain('Not deployed to production');

    // Pat is not in the team that owns churn: refused, and the snapshot unchanged.
    const refused = await as(writer, 'pat').post(
      '/deployments',
      event('rollout-2', 'healthy', '9'),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /user:default\/pat may not report for mlmodel:default\/churn-predictor/,
    );
    expect(await churn()).toEqual(afterFailure);

    // The next rollout, recorded on the reader itself.
    const healthy = await request(reader)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', pipeline)
      .send(event('rollout-3', 'healthy', '9'));
    expect(healthy.status).toBe(201);
    const reasons = (await churn()).reasons.join('\n');
    expect(reasons).not.toMatch(/production deployment/);
    expect(reasons).not.toMatch(/Not deployed/);
  });
  it('shows SLA observations stored through another replica in the next status read', async () => {
    const knex = await databases.init(databaseId);
    const writer = await startGovernanceBackend({ knex });
    const reader = await startGovernanceBackend({ knex });
    const latency = async (model: string) => {
      const response = await as(reader, 'maya').get(
        `/models/mlmodel/default/${model}/status`,
      );
      expect(response.status).toBe(200);
      return response.body.sla.objectives.find(
        (o: any) => o.indicator === 'latency_p95_ms',
      );
    };
    expect((await latency('churn-predictor')).samples ?? 0).toBe(0);
    expect((await latency('fraud-detector')).samples ?? 0).toBe(0);

    // One batch of two models: the audit log names them together.
    const observed = (model: string, value: number) => ({
      model,
      indicator: 'latency_p95_ms',
      value,
      timestamp: new Date(Date.now() - 60_000).toISOString(),
    });
    // A service token nobody named, and a person outside the owning team: refused,
    // and the next status read unchanged.
    const refusedToken = await request(writer)
      .post('/api/ml-catalog/observations')
      .set('Authorization', reporter('external:someone-else'))
      .send({ observations: [observed('churn-predictor', 5000)] });
    expect(refusedToken.status).toBe(403);
    expect(refusedToken.body.error.message).toMatch(
      /external:someone-else is not a reporter: name it in lab2live.reporters/,
    );
    const refusedPerson = await as(writer, 'pat').post('/observations', {
      observations: [observed('churn-predictor', 5000)],
    });
    expect(refusedPerson.status).toBe(403);
    expect(refusedPerson.body.error.message).toMatch(
      /user:default\/pat may not report for mlmodel:default\/churn-predictor/,
    );
    expect((await latency('churn-predictor')).samples ?? 0).toBe(0);

    const posted = await request(writer)
      .post('/api/ml-catalog/observations')
      .set('Authorization', monitoring)
      .send({
        observations: [
          observed('churn-predictor', 90),
          observed('fraud-detector', 300),
        ],
      });
    expect(posted.status).toBe(201);
    expect(await latency('churn-predictor')).toMatchObject({
      samples: 1,
      value: 90,
      status: 'met',
    });
    expect(await latency('fraud-detector')).toMatchObject({
      samples: 1,
      value: 300,
    });
  });
});
