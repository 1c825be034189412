import { modelVersion, T0 } from './__testUtils__/fakeMlflow';
import { modelVersionFilter } from './MlflowClient';
import { toDeploymentEvents } from './toDeploymentEvents';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const aliases = { champion: 'production', challenger: 'staging' };
const stages = { Production: 'production', Staging: 'staging' };
const model = 'mlmodel:default/churn-predictor';

describe('toDeploymentEvents', () => {
  it('maps registration statuses to deployment statuses', () => {
    const events = toDeploymentEvents({
      model,
      registered: {
        name: 'churn',
        aliases: [
          { alias: 'champion', version: '1' },
          { alias: 'challenger', version: '2' },
        ],
      },
      versions: [
        modelVersion('churn', 1, { status: 'READY' }),
        modelVersion('churn', 2, { status: 'FAILED_REGISTRATION' }),
        modelVersion('churn', 3, {
          status: 'PENDING_REGISTRATION',
          current_stage: 'Staging',
        }),
      ],
      aliases,
      stages: { ...stages, Staging: 'dev' },
      now: NOW,
    });
    expect(events.map(e => [e.environment, e.version, e.status])).toEqual([
      ['production', '1', 'healthy'],
      ['staging', '2', 'failed'],
      ['dev', '3', 'pending'],
    ]);
  });

  it('lets an alias win over a legacy stage for the same environment', () => {
    const events = toDeploymentEvents({
      model,
      registered: {
        name: 'churn',
        aliases: [{ alias: 'champion', version: '1' }],
      },
      versions: [
        modelVersion('churn', 1),
        modelVersion('churn', 2, { current_stage: 'Production' }),
      ],
      aliases,
      stages,
      now: NOW,
    });
    expect(events.map(e => e.eventId)).toEqual([
      `mlflow:churn:production:1:healthy:${T0 + 61_000}`,
    ]);
  });

  it('skips unmapped aliases and stages, and aliases to versions MLflow did not list', () => {
    expect(
      toDeploymentEvents({
        model,
        registered: {
          name: 'churn',
          aliases: [
            { alias: 'shadow', version: '1' },
            { alias: 'champion', version: '9' },
            // Not an own key of the map: must not resolve through the prototype.
            { alias: 'toString', version: '1' },
          ],
        },
        versions: [
          modelVersion('churn', 1, { current_stage: 'Archived' }),
          modelVersion('churn', 2, { current_stage: 'None' }),
          modelVersion('churn', 3, { current_stage: 'constructor' }),
        ],
        aliases,
        stages,
        now: NOW,
      }),
    ).toEqual([]);
  });

  it('takes the timestamp from last_updated_timestamp, as a number or a string', () => {
    const events = toDeploymentEvents({
      model,
      registered: { name: 'churn' },
      versions: [
        modelVersion('churn', 1, {
          current_stage: 'Production',
          last_updated_timestamp: String(T0),
        }),
        modelVersion('churn', 2, {
          current_stage: 'Staging',
          last_updated_timestamp: T0 + 1,
        }),
        modelVersion('churn', 3, {
          current_stage: 'Staging',
          last_updated_timestamp: undefined,
          status: 'SOMETHING_NEW',
        }),
      ],
      aliases,
      stages: { Production: 'production', Staging: 'staging' },
      now: NOW,
    });
    // Version 3 is the newest in Staging; without a timestamp it is "now", and an
    // unknown registration status is not claimed healthy.
    expect(events).toEqual([
      {
        eventId: `mlflow:churn:staging:3:pending:${NOW}`,
        model,
        version: '3',
        environment: 'staging',
        status: 'pending',
        timestamp: '2026-01-01T00:00:00.000Z',
      },
      {
        eventId: `mlflow:churn:production:1:healthy:${T0}`,
        model,
        version: '1',
        environment: 'production',
        status: 'healthy',
        timestamp: '2024-11-19T07:06:40.000Z',
      },
    ]);
  });

  it('reports an alias moved back to an older version at the time of the poll', () => {
    // champion was on 8 (reported at v8's time) and now points at 7 again.
    const held = {
      environment: 'production',
      version: '8',
      status: 'healthy' as const,
      timestamp: new Date(T0 + 60_000).toISOString(),
    };
    const pollWith = (current: (typeof held)[], now: number) =>
      toDeploymentEvents({
        model,
        registered: {
          name: 'churn',
          aliases: [{ alias: 'champion', version: '7' }],
        },
        versions: [
          modelVersion('churn', 7, { last_updated_timestamp: T0 }),
          modelVersion('churn', 8, { last_updated_timestamp: T0 + 60_000 }),
        ],
        aliases,
        stages: {},
        current,
        now,
      });
    const rollback = pollWith([held], NOW);
    expect(rollback).toEqual([
      {
        eventId: `mlflow:churn:production:7:healthy:${T0}:after:8:healthy:${
          T0 + 60_000
        }`,
        model,
        version: '7',
        environment: 'production',
        status: 'healthy',
        timestamp: new Date(NOW).toISOString(),
      },
    ]);

    // Once the backend holds version 7, later polls send its usual id again.
    const next = pollWith(
      [{ ...held, version: '7', timestamp: rollback[0].timestamp }],
      NOW + 300_000,
    );
    expect(next.map(e => e.eventId)).toEqual([
      `mlflow:churn:production:7:healthy:${T0}`,
    ]);
  });

  it('gives a rollback through legacy stages (v1, v2, then v1 again) a new id', () => {
    const poll = (v1Updated: number, v1Stage: string, v2Stage: string) =>
      toDeploymentEvents({
        model,
        registered: { name: 'churn' },
        versions: [
          modelVersion('churn', 1, {
            current_stage: v1Stage,
            last_updated_timestamp: v1Updated,
          }),
          modelVersion('churn', 2, {
            current_stage: v2Stage,
            last_updated_timestamp: T0 + 120_000,
          }),
        ],
        aliases: {},
        stages: { Production: 'production' },
        now: NOW,
      })[0];
    const first = poll(T0, 'Production', 'None');
    const second = poll(T0 + 60_000, 'Archived', 'Production');
    // Moving v1 back to Production updates its last_updated_timestamp.
    const third = poll(T0 + 180_000, 'Production', 'Archived');
    expect([first, second, third].map(e => [e.version, e.eventId])).toEqual([
      ['1', `mlflow:churn:production:1:healthy:${T0}`],
      ['2', `mlflow:churn:production:2:healthy:${T0 + 120_000}`],
      ['1', `mlflow:churn:production:1:healthy:${T0 + 180_000}`],
    ]);
    expect(third.timestamp).toBe(new Date(T0 + 180_000).toISOString());
  });
});

describe('modelVersionFilter', () => {
  it('quotes the name in the quotes MLflow can parse around it', () => {
    expect(modelVersionFilter('churn')).toBe("name='churn'");
    expect(modelVersionFilter("o'brien")).toBe(`name="o'brien"`);
    expect(() => modelVersionFilter(`o'brien "scorer"`)).toThrow(
      /both kinds of quotes/,
    );
  });
});
