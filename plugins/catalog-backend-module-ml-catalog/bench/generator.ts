/*
 * The benchmarks' synthetic company: teams, a system, services, datasets and SLAs, and
 * as many models as asked for, spread over types, stages and risk tiers like a real
 * model inventory. Shared by the ingestion benchmark and the model catalog browser
 * benchmark, so both measure the same data.
 */
import { Entity } from '@backstage/catalog-model';

export const DATASETS = 200;
export const SLAS = 50;
export const SERVICES = 200;
export const TEAMS = 10;
const TYPES = [
  'classification',
  'regression',
  'ranking',
  'forecasting',
  'generative',
];
const STAGES = [
  'experimental',
  'development',
  'staging',
  'production',
  'deprecated',
];
const RISK_TIERS = ['minimal', 'limited', 'high'];

/** A description of realistic length. */
export const description = (i: number) =>
  `Entity number ${i} of the ingestion benchmark: a description of realistic length that a team would write about what this thing does and who to ask.`;

/** What both runs link to: teams, a system, services, datasets and SLAs. */
export function supportingEntities(): Entity[] {
  const entities: Entity[] = [];
  for (let t = 0; t < TEAMS; t++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}` },
      spec: { type: 'team', children: [] },
    });
  }
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'bench' },
    spec: { owner: 'group:team-0' },
  });
  for (let s = 0; s < SERVICES; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `service-${s}` },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:team-${s % TEAMS}`,
      },
    });
  }
  for (let d = 0; d < DATASETS; d++) {
    entities.push({
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'Dataset',
      metadata: { name: `dataset-${d}` },
      spec: {
        type: 'table',
        owner: `group:team-${d % TEAMS}`,
        lifecycle: 'production',
      },
    });
  }
  for (let s = 0; s < SLAS; s++) {
    entities.push({
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'SLA',
      metadata: { name: `sla-${s}` },
      spec: {
        owner: `group:team-${s % TEAMS}`,
        appliesTo: [`mlmodel:model-${s}`],
        window: '30d',
        objectives: [
          { name: 'p95', indicator: 'latency_p95_ms', op: 'lte', target: 120 },
          {
            name: 'up',
            indicator: 'availability_pct',
            op: 'gte',
            target: 99.5,
          },
        ],
      },
    });
  }
  return entities;
}

export function model(i: number): Entity {
  return {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: `model-${i}`,
      description: description(i),
      tags: ['tabular', TYPES[i % TYPES.length], `batch-${i % 50}`],
    },
    spec: {
      type: TYPES[i % TYPES.length],
      owner: `group:team-${i % TEAMS}`,
      system: 'bench',
      lifecycle: STAGES[i % STAGES.length],
      version: String(i % 9),
      datasets: [
        { ref: `dataset:dataset-${i % DATASETS}`, role: 'training' },
        { ref: `dataset:dataset-${(i + 1) % DATASETS}`, role: 'validation' },
        { ref: `dataset:dataset-${(i + 2) % DATASETS}`, role: 'evaluation' },
      ],
      slas: [`sla:sla-${i % SLAS}`],
      servedBy: [`component:service-${i % SERVICES}`],
      metrics: [{ name: 'auc', value: 0.87, threshold: 0.8 }],
      governance: {
        riskTier: RISK_TIERS[i % RISK_TIERS.length],
        personalData: i % 2 === 0,
      },
    },
  };
}
