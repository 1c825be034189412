import type { Entity } from '@backstage/catalog-model';

export const ENVIRONMENTS = ['dev', 'staging', 'production'];
export const modelName = (i: number) =>
  `bench-model-${String(i).padStart(5, '0')}`;
export const modelRef = (i: number) => `mlmodel:default/${modelName(i)}`;

/** Models with deployments and an SLA: the first ones. */
export const DEPLOYED_MODELS = 1000;

/**
 * N models of ten teams and four tiers, each with datasets; the first
 * {@link DEPLOYED_MODELS} are covered by an SLA.
 */
export function benchEntities(count: number): Entity[] {
  const covered = Math.min(count, DEPLOYED_MODELS);
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
          { indicator: 'latency_p95_ms', op: 'lte', target: 100 },
          { indicator: 'availability_pct', op: 'gte', target: 99.5 },
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
