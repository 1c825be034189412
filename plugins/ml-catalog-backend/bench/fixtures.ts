import type { Entity } from '@backstage/catalog-model';

export const ENVIRONMENTS = ['dev', 'staging', 'production'];
export const modelName = (i: number) =>
  `bench-model-${String(i).padStart(5, '0')}`;
export const modelRef = (i: number) => `mlmodel:default/${modelName(i)}`;

/** Models with deployments: the first ones. */
export const DEPLOYED_MODELS = 1000;

/** Models covered by the SLA, with 30 days of observations: the first ones. */
export const SLA_MODELS = 200;

/**
 * The SLA's observed objectives, with how the benchmark's observations are generated
 * (SQL over the sample number i and the model number m) and what each roll-up counts.
 */
export const OBSERVED_OBJECTIVES = [
  {
    indicator: 'latency_p50_ms',
    op: 'lte',
    target: 50,
    sql: '20 + (i * 7 + m * 13) % 25',
  },
  {
    indicator: 'latency_p95_ms',
    op: 'lte',
    target: 100,
    sql: '60 + (i * 7 + m * 13) % 42',
  },
  {
    indicator: 'latency_p99_ms',
    op: 'lte',
    target: 250,
    sql: '150 + (i * 11 + m * 3) % 90',
  },
  {
    indicator: 'throughput_rps',
    op: 'gte',
    target: 10,
    sql: '50 + (i * 3 + m) % 100',
  },
  // Ratio indicators: good of 1,000 valid requests per 5 minutes.
  {
    indicator: 'availability_pct',
    op: 'gte',
    target: 99.5,
    good: '1000 - (i * 5 + m) % 7',
  },
  {
    indicator: 'error_rate_pct',
    op: 'lte',
    target: 1,
    good: '1000 - (i + m) % 5',
  },
] as const;

/**
 * N models of ten teams and four tiers, each with datasets; the first
 * {@link SLA_MODELS} are covered by an SLA.
 */
export function benchEntities(count: number): Entity[] {
  const covered = Math.min(count, SLA_MODELS);
  const tiers = ['minimal', 'limited', 'high', 'minimal'];
  const entities: Entity[] = [
    {
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'bench-features', namespace: 'default' },
      spec: { type: 'table', owner: 'group:data', personalData: false },
    },
    {
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'SLA',
      metadata: { name: 'bench-sla', namespace: 'default' },
      spec: {
        owner: 'group:platform',
        window: '30d',
        objectives: [
          ...OBSERVED_OBJECTIVES.map(({ indicator, op, target }) => ({
            indicator,
            op,
            target,
          })),
          { indicator: 'model_age_days', op: 'lte', target: 90 },
        ],
      },
      relations: Array.from({ length: covered }, (_, i) => ({
        type: 'slaOf',
        targetRef: modelRef(i),
      })),
    },
  ];
  for (let i = 0; i < count; i++) {
    entities.push({
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'MLModel',
      metadata: { name: modelName(i), namespace: 'default' },
      spec: {
        type: 'classification',
        owner: `group:team-${i % 10}`,
        lifecycle: i % 3 === 0 ? 'staging' : 'production',
        version: '3',
        license: 'proprietary',
        intendedUse: { primaryUses: 'Scores.', outOfScope: 'Credit.' },
        datasets: [
          { ref: 'dataset:bench-features', role: 'training', version: '1' },
          { ref: 'dataset:bench-features', role: 'evaluation', version: '1' },
        ],
        ...(i < covered ? { slas: ['sla:bench-sla'] } : {}),
        governance: { riskTier: tiers[i % 4], personalData: false },
      },
      relations:
        i < covered
          ? [{ type: 'hasSla', targetRef: 'sla:default/bench-sla' }]
          : [],
    });
  }
  return entities;
}
