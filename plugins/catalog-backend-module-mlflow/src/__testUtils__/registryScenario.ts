import { FakeRegistry, run, version } from './fakeRegistry';

/**
 * The registry the provider tests read, five models over three pages of two:
 * - `churn`: tagged; `champion` points to version 2, which is not among the latest
 *   versions (read with model-versions/get); its run has metrics, a training input
 *   with a digest and an evaluation input without one;
 * - `Fraud Detector`: no tags (default owner), version 1 in the legacy Production stage
 *   with no run;
 * - `empty-model`: no versions;
 * - `slow-model`: its run never answers;
 * - `fraud-legacy`: already linked by a hand-written entity.
 */
export function registryScenario() {
  const registry = new FakeRegistry(
    [
      {
        name: 'churn',
        description: 'Predicts 30-day churn.',
        tags: [
          { key: 'owner', value: 'group:data-science' },
          { key: 'system', value: 'customer-retention' },
          { key: 'type', value: 'classification' },
        ],
        aliases: [
          { alias: 'champion', version: '2' },
          { alias: 'challenger', version: '3' },
        ],
        versions: [
          version('churn', 1),
          version('churn', 2),
          version('churn', 3),
        ],
      },
      {
        name: 'Fraud Detector',
        versions: [
          version('Fraud Detector', 1, {
            current_stage: 'Production',
            run_id: undefined,
          }),
        ],
      },
      {
        name: 'empty-model',
        tags: [{ key: 'owner', value: 'group:data-science' }],
        versions: [],
      },
      {
        name: 'slow-model',
        tags: [{ key: 'owner', value: 'group:data-science' }],
        aliases: [{ alias: 'champion', version: '1' }],
        versions: [version('slow-model', 1)],
      },
      {
        name: 'fraud-legacy',
        tags: [{ key: 'owner', value: 'group:payments' }],
        versions: [version('fraud-legacy', 1)],
      },
    ],
    {
      'churn-run-2': run(
        'churn-run-2',
        { auc: 0.87, log_loss: 0.31 },
        [
          { name: 'customer-events', digest: 'a1b2c3d4', context: 'training' },
          { name: 'churn-holdout', context: 'eval' },
        ],
        'xgboost',
      ),
      'churn-run-3': run('churn-run-3', { auc: 0.9 }),
      'slow-model-run-1': run('slow-model-run-1', { auc: 0.5 }),
      'fraud-legacy-run-1': run('fraud-legacy-run-1', { auc: 0.5 }),
    },
    2,
  );
  registry.hang.add('slow-model-run-1');
  return registry;
}

/** The hand-written entity that links `fraud-legacy`. */
export const HAND_WRITTEN = `
apiVersion: lab2live.io/v1alpha1
kind: MLModel
metadata:
  name: legacy-fraud-scorer
  annotations:
    mlflow.org/registered-model-name: fraud-legacy
spec:
  type: classification
  owner: group:payments
  lifecycle: production
`;
