import type {
  DeploymentEvent,
  ModelStatus,
  StatusSummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import { MlCatalogStatusApi } from '../api';
import { modelPath } from '../api/modelPath';

const ENVIRONMENTS = ['dev', 'staging', 'production'];

/**
 * The churn predictor as the backend reports it: v8 healthy on staging, v7 on a stale
 * production, and its p95 latency objective breached.
 */
export const churnStatus: ModelStatus = {
  model: 'mlmodel:default/churn-predictor',
  environments: ENVIRONMENTS,
  deployments: [
    {
      environment: 'staging',
      version: '8',
      status: 'healthy',
      stale: false,
      component: 'component:default/churn-scoring-api',
      updatedAt: '2026-11-24T10:00:00.000Z',
      since: '2026-11-24T09:00:00.000Z',
    },
    {
      environment: 'production',
      version: '7',
      status: 'healthy',
      stale: true,
      updatedAt: '2026-11-20T10:00:00.000Z',
      since: '2026-10-01T10:00:00.000Z',
    },
  ],
  sla: {
    status: 'breached',
    objectives: [
      {
        sla: 'sla:default/churn-scoring',
        name: 'p95 latency',
        indicator: 'latency_p95_ms',
        op: 'lte',
        target: 120,
        window: '30d',
        status: 'breached',
        value: 180,
        samples: 20,
        missed: 4,
        budgetLeft: -3,
        burnRate: 6.5,
      },
      {
        sla: 'sla:default/churn-scoring',
        name: 'availability_pct',
        indicator: 'availability_pct',
        op: 'gte',
        target: 99.5,
        window: '30d',
        status: 'met',
        value: 99.9,
        samples: 20,
        missed: 0,
        budgetLeft: 0.8,
        burnRate: 0.2,
      },
    ],
  },
};

export const churnHistory: DeploymentEvent[] = [
  {
    eventId: 'e3',
    model: 'mlmodel:default/churn-predictor',
    version: '8',
    environment: 'staging',
    status: 'healthy',
    timestamp: '2026-11-24T10:00:00.000Z',
    reportedBy: 'user:default/guest',
    receivedAt: '2026-11-24T10:00:01.000Z',
  },
  {
    eventId: 'e2',
    model: 'mlmodel:default/churn-predictor',
    version: '8',
    environment: 'staging',
    status: 'deploying',
    timestamp: '2026-11-24T09:00:00.000Z',
    reportedBy: 'external:ci-pipeline',
    receivedAt: '2026-11-24T09:00:01.000Z',
  },
  {
    eventId: 'e1',
    model: 'mlmodel:default/churn-predictor',
    version: '7',
    environment: 'production',
    status: 'healthy',
    timestamp: '2026-11-20T10:00:00.000Z',
    reportedBy: 'external:ci-pipeline',
    receivedAt: '2026-11-20T10:00:01.000Z',
  },
];

/**
 * A status API that answers from fixed data: the churn predictor's status above, and no
 * deployments or SLA status for any other model. `failWith` makes every call fail.
 */
export function fakeStatusApi(
  options: { failWith?: Error; statuses?: ModelStatus[] } = {},
): MlCatalogStatusApi {
  const statuses = options.statuses ?? [churnStatus];
  const fail = async () => {
    if (options.failWith) throw options.failWith;
  };
  const find = (ref: string) =>
    statuses.find(s => s.model === ref.toLocaleLowerCase('en-US'));
  return {
    async getStatusSummary(models?: string[]): Promise<StatusSummaryResponse> {
      await fail();
      const wanted = models?.map(m => m.toLocaleLowerCase('en-US'));
      return {
        environments: ENVIRONMENTS,
        items: statuses
          .filter(s => !wanted || wanted.includes(s.model))
          .map(s => ({
            model: s.model,
            deployments: s.deployments,
            slaStatus: s.sla.status,
          })),
      };
    },
    async getModelStatus(modelRef: string): Promise<ModelStatus> {
      await fail();
      return (
        find(modelRef) ?? {
          model: modelRef,
          environments: ENVIRONMENTS,
          deployments: [],
          sla: { objectives: [] },
        }
      );
    },
    async getSlaStatus(slaRef: string) {
      await fail();
      const sla = slaRef.toLocaleLowerCase('en-US');
      return {
        sla,
        items: statuses
          .filter(s => s.sla.objectives.some(o => o.sla === sla))
          .map(s => ({
            model: s.model,
            objectives: s.sla.objectives.filter(o => o.sla === sla),
          })),
      };
    },
    async getDeploymentHistory(modelRef: string) {
      await fail();
      return {
        items: find(modelRef)
          ? churnHistory.filter(
              e => e.model === modelRef.toLocaleLowerCase('en-US'),
            )
          : [],
      };
    },
    async getAuditExportUrl(modelRef: string, format: 'csv' | 'json') {
      return `http://localhost:7007/api/ml-catalog${modelPath(
        modelRef,
      )}/audit/export?format=${format}`;
    },
  };
}
