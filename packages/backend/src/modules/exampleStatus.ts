import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type {
  DeploymentEventInput,
  DeploymentStatus,
  SlaObservationInput,
} from '@lab2live/plugin-ml-catalog-common';
import {
  MlCatalogStatusProvider,
  mlCatalogStatusProvidersExtensionPoint,
  StatusProviderContext,
} from '@lab2live/plugin-ml-catalog-node';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One deployment step of an example model: `hoursAgo` before the day's first run. */
interface Step {
  environment: string;
  version: string;
  status: DeploymentStatus;
  hoursAgo: number;
  component?: string;
  endpointUrl?: string;
}

/**
 * An indicator's samples, oldest first, one every six hours over the last week: `values`
 * repeats to fill the week, `recent` replaces the newest samples.
 */
interface Series {
  indicator: string;
  values: number[];
  recent?: number[];
}

interface Scenario {
  model: string;
  steps: Step[];
  /** Environments whose current deployment keeps reporting healthy (not stale). */
  live: string[];
  series: Series[];
}

const churnApi = 'component:default/churn-scoring-api';
const recommendationApi = 'component:default/recommendation-api';
const fraudCheck = 'component:default/fraud-check';
const llmGateway = 'component:default/llm-gateway';

/**
 * The portal's story: the churn predictor runs v7 in staging and production with its
 * SLA met (the browser test promotes v8 and breaks the latency objective), the
 * recommender's latency budget is nearly spent, the fraud detector breaches its
 * availability, the ticket router stopped reporting (stale), and a failed rollout of the
 * old fraud rules was rolled back.
 */
const SCENARIOS: Scenario[] = [
  {
    model: 'mlmodel:default/churn-predictor',
    steps: [
      {
        environment: 'dev',
        version: '7',
        status: 'healthy',
        hoursAgo: 26 * 24,
      },
      {
        environment: 'staging',
        version: '7',
        status: 'deploying',
        hoursAgo: 22 * 24,
        component: churnApi,
      },
      {
        environment: 'staging',
        version: '7',
        status: 'healthy',
        hoursAgo: 22 * 24 - 1,
        component: churnApi,
        endpointUrl: 'https://churn-scoring.staging.example.com/v1/score',
      },
      {
        environment: 'production',
        version: '7',
        status: 'deploying',
        hoursAgo: 20 * 24,
        component: churnApi,
      },
      {
        environment: 'production',
        version: '7',
        status: 'healthy',
        hoursAgo: 20 * 24 - 1,
        component: churnApi,
        endpointUrl: 'https://churn-scoring.example.com/v1/score',
      },
      { environment: 'dev', version: '8', status: 'healthy', hoursAgo: 30 },
    ],
    live: ['dev', 'staging', 'production'],
    series: [
      { indicator: 'latency_p95_ms', values: [84, 91, 97, 88, 102, 79] },
      { indicator: 'availability_pct', values: [99.97, 99.92, 100, 99.95] },
      { indicator: 'error_rate_pct', values: [0.12, 0.2, 0.08, 0.15] },
      { indicator: 'data_freshness_hours', values: [4, 6, 9, 5] },
      { indicator: 'quality:auc', values: [0.86, 0.85, 0.86, 0.84] },
      { indicator: 'drift:psi', values: [0.05, 0.07, 0.06, 0.09] },
    ],
  },
  {
    model: 'mlmodel:default/customer-ltv',
    steps: [
      {
        environment: 'dev',
        version: '4',
        status: 'healthy',
        hoursAgo: 75 * 24,
      },
      {
        environment: 'staging',
        version: '4',
        status: 'healthy',
        hoursAgo: 70 * 24,
      },
    ],
    live: ['dev', 'staging'],
    series: [
      { indicator: 'data_freshness_hours', values: [19, 20, 21, 19.5] },
      { indicator: 'quality:spearman_rank', values: [0.7, 0.69, 0.71] },
      { indicator: 'error_rate_pct', values: [0.3, 0.4, 0.2] },
    ],
  },
  {
    model: 'mlmodel:default/title-recommender',
    steps: [
      {
        environment: 'staging',
        version: '31',
        status: 'healthy',
        hoursAgo: 7 * 24,
        component: recommendationApi,
      },
      {
        environment: 'production',
        version: '31',
        status: 'healthy',
        hoursAgo: 6 * 24,
        component: recommendationApi,
        endpointUrl: 'https://recommendations.example.com/v2/rank',
      },
    ],
    live: ['staging', 'production'],
    series: [
      // One recent miss: within budget, but the budget burns fast now (at risk).
      { indicator: 'latency_p95_ms', values: [38, 41, 36, 40], recent: [52] },
      { indicator: 'latency_p99_ms', values: [71, 78, 69, 80] },
      { indicator: 'availability_pct', values: [99.95, 99.99, 99.97] },
      { indicator: 'throughput_rps', values: [3100, 2900, 3400, 2800] },
      { indicator: 'quality:ndcg_at_10', values: [0.41, 0.4, 0.42] },
    ],
  },
  {
    model: 'mlmodel:default/payment-fraud-detector',
    steps: [
      {
        environment: 'production',
        version: '5',
        status: 'healthy',
        hoursAgo: 9 * 24,
        component: fraudCheck,
        endpointUrl: 'https://fraud-check.example.com/v5/score',
      },
      {
        environment: 'staging',
        version: '6',
        status: 'deploying',
        hoursAgo: 5,
        component: fraudCheck,
      },
      {
        environment: 'staging',
        version: '6',
        status: 'degraded',
        hoursAgo: 4,
        component: fraudCheck,
      },
    ],
    live: ['production'],
    series: [
      { indicator: 'latency_p99_ms', values: [120, 131, 118, 126] },
      // Two outages this week: the window's mean misses 99.95 %.
      {
        indicator: 'availability_pct',
        values: [100, 99.99, 100, 100],
        recent: [99.2, 100, 100, 99.4],
      },
      { indicator: 'error_rate_pct', values: [0.04, 0.06, 0.05] },
      { indicator: 'data_freshness_hours', values: [0.2, 0.4, 0.3] },
      { indicator: 'quality:recall_at_1pct_fpr', values: [0.76, 0.75, 0.77] },
      { indicator: 'drift:psi', values: [0.11, 0.14, 0.12] },
    ],
  },
  {
    model: 'mlmodel:default/support-assistant',
    steps: [
      {
        environment: 'production',
        version: '3',
        status: 'healthy',
        hoursAgo: 45 * 24,
        component: llmGateway,
      },
      {
        environment: 'staging',
        version: '4',
        status: 'deploying',
        hoursAgo: 1,
        component: llmGateway,
      },
    ],
    live: ['production'],
    series: [
      { indicator: 'latency_p50_ms', values: [910, 980, 1050, 940] },
      { indicator: 'latency_p95_ms', values: [2700, 3100, 2900, 3300] },
      { indicator: 'availability_pct', values: [99.8, 99.9, 99.7] },
      { indicator: 'error_rate_pct', values: [0.4, 0.6, 0.5] },
      { indicator: 'quality:groundedness', values: [0.93, 0.92, 0.94] },
    ],
  },
  {
    // Stopped reporting three days ago: shown as stale, never as healthy.
    model: 'mlmodel:default/support-ticket-router',
    steps: [
      {
        environment: 'production',
        version: '2',
        status: 'healthy',
        hoursAgo: 72,
      },
    ],
    live: [],
    series: [],
  },
  {
    model: 'mlmodel:default/fraud-rules-gbm',
    steps: [
      {
        environment: 'production',
        version: '9',
        status: 'healthy',
        hoursAgo: 200 * 24,
        component: fraudCheck,
      },
      {
        environment: 'staging',
        version: '10',
        status: 'deploying',
        hoursAgo: 50,
      },
      { environment: 'staging', version: '10', status: 'failed', hoursAgo: 49 },
      {
        environment: 'staging',
        version: '9',
        status: 'rolled_back',
        hoursAgo: 48,
      },
    ],
    live: ['production'],
    series: [],
  },
  {
    // Retrained weekly with the recommender, under the same SLA.
    model: 'mlmodel:default/content-embeddings',
    steps: [
      {
        environment: 'production',
        version: '14',
        status: 'healthy',
        hoursAgo: 5 * 24,
        component: recommendationApi,
      },
    ],
    live: ['production'],
    series: [
      { indicator: 'latency_p95_ms', values: [12, 14, 11, 13] },
      { indicator: 'latency_p99_ms', values: [25, 28, 24] },
      { indicator: 'availability_pct', values: [99.99, 100, 99.98] },
      { indicator: 'throughput_rps', values: [3200, 3050, 3400] },
      { indicator: 'quality:ndcg_at_10', values: [0.41, 0.4, 0.42] },
    ],
  },
  {
    model: 'mlmodel:default/mistral-7b-instruct',
    steps: [
      { environment: 'dev', version: '0.3', status: 'healthy', hoursAgo: 12 },
    ],
    live: ['dev'],
    series: [],
  },
];

const SAMPLES_PER_WEEK = 28;

/** The example events and observations of one day, ending at `now`. */
export function exampleStatus(now: number): Array<{
  model: string;
  events: DeploymentEventInput[];
  observations: SlaObservationInput[];
}> {
  const day = new Date(now).toISOString().slice(0, 10);
  const at = (hoursAgo: number) =>
    new Date(now - hoursAgo * HOUR).toISOString();
  return SCENARIOS.map(scenario => {
    const name = scenario.model.split('/')[1];
    const events: DeploymentEventInput[] = scenario.steps.map((step, i) => ({
      eventId: `example:${name}:${i}`,
      model: scenario.model,
      version: step.version,
      environment: step.environment,
      status: step.status,
      component: step.component,
      endpointUrl: step.endpointUrl,
      timestamp: at(step.hoursAgo),
    }));
    // Each day the live deployments report once more, so they stay fresh.
    for (const environment of scenario.live) {
      const current = [...scenario.steps]
        .reverse()
        .find(step => step.environment === environment)!;
      events.push({
        eventId: `example:${name}:${environment}:${day}`,
        model: scenario.model,
        version: current.version,
        environment,
        status: 'healthy',
        component: current.component,
        endpointUrl: current.endpointUrl,
        timestamp: at(0.5),
      });
    }
    const observations = scenario.series.flatMap(series => {
      const recent = series.recent ?? [];
      return Array.from({ length: SAMPLES_PER_WEEK }, (_, i) => {
        const fromEnd = SAMPLES_PER_WEEK - 1 - i;
        const value =
          fromEnd < recent.length
            ? recent[recent.length - 1 - fromEnd]
            : series.values[i % series.values.length];
        return {
          observationId: `example:${name}:${series.indicator}:${day}:${i}`,
          model: scenario.model,
          indicator: series.indicator,
          value,
          timestamp: new Date(now - (fromEnd * DAY) / 4 - HOUR).toISOString(),
        };
      });
    });
    return { model: scenario.model, events, observations };
  });
}

/**
 * Reports the example deployments and SLA observations through the status provider
 * extension point, as a pipeline or a monitoring system would. Ids are per day, so a
 * run repeats nothing and a new day refreshes the example. A model the catalog has not
 * ingested yet is retried on the next run.
 */
export class ExampleStatusProvider implements MlCatalogStatusProvider {
  schedule = {
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 10 },
  };

  private readonly done = new Set<string>();

  constructor(private readonly clock: () => number = Date.now) {}

  getProviderName() {
    return 'examples';
  }

  async refresh(context: StatusProviderContext) {
    const now = this.clock();
    for (const example of exampleStatus(now)) {
      const key = `${example.model}:${new Date(now)
        .toISOString()
        .slice(0, 10)}`;
      if (this.done.has(key)) continue;
      try {
        await context.reportDeployments(example.events);
        if (example.observations.length > 0) {
          await context.reportObservations(example.observations);
        }
        this.done.add(key);
      } catch (error) {
        context.logger.info(
          `Example status for ${example.model} not reported yet: ${error}`,
        );
      }
    }
  }
}

/** The portal's example deployment and SLA status; not part of the published packages. */
export const mlCatalogModuleExampleStatus = createBackendModule({
  pluginId: 'ml-catalog',
  moduleId: 'example-status',
  register(env) {
    env.registerInit({
      deps: {
        providers: mlCatalogStatusProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        // Only the local portal tells the example story (lab2live.exampleData).
        if (!config.getOptionalBoolean('lab2live.exampleData')) return;
        providers.addStatusProvider(new ExampleStatusProvider());
      },
    });
  },
});
