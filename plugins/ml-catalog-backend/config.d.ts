import { HumanDuration } from '@backstage/types';

export interface Config {
  lab2live?: {
    /**
     * The deployment environments, in promotion order (the last is the most senior).
     * Default: dev, staging, production.
     */
    environments?: string[];
    deployments?: {
      /**
       * A deployment that has not reported for this long shows as stale, never as
       * healthy. Default: 24 hours. A duration object or an ISO 8601 duration string.
       */
      staleAfter?: HumanDuration | string;
    };
    sla?: {
      /**
       * The share (0 to 1) of a window's samples a threshold objective (latency,
       * throughput, freshness, quality, drift) may miss before it is breached.
       * Default: 0.05.
       */
      missBudget?: number;
    };
  };
}
