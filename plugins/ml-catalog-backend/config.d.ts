import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  lab2live?: {
    /**
     * The deployment environments, in promotion order (the last is the most senior).
     * Default: dev, staging, production.
     */
    environments?: string[];
    /**
     * The services that may report deployments and SLA observations, and for which
     * models. People report for models their group owns; every other service is refused.
     */
    reporters?: Array<{
      /** A static token's subject (backend.auth.externalAccess), as configured. */
      subject?: string;
      /** Or a backend plugin's id, calling with its own service token. */
      plugin?: string;
      /** The models: by owning group, by system, or all. */
      models: { owners?: string[]; systems?: string[]; all?: boolean };
      /** The environments; every one when absent. */
      environments?: string[];
    }>;
    /**
     * Lab2Live's notifications (reviews submitted and decided, approvals and waivers
     * ending, SLA breaches and fast burns, unapproved production versions), sent through
     * the notifications backend once per event.
     */
    notifications?: {
      /** Send them. Default: true. Set false without a notifications backend. */
      enabled?: boolean;
      /** How often they are looked for. Default: every minute, after 20 seconds. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * How far in the future a reported time may lie before it is refused. Default: 5
     * minutes. A duration object or an ISO 8601 duration string.
     */
    maxClockSkew?: HumanDuration | string;
    deployments?: {
      /**
       * A deployment that no one vouched for this long (no event and no confirmation:
       * a provider's poll or POST /deployments/confirmations) shows as stale, never as
       * healthy. Default: 24 hours. A duration object or an ISO 8601 duration string.
       */
      staleAfter?: HumanDuration | string;
      /**
       * How many deployment events may wait for the database (the group commit's
       * queue). Past it POST /deployments answers 503 with Retry-After. Default: 10000.
       */
      maxQueuedEvents?: number;
    };
    governance?: {
      /**
       * The checklist of governance reviews. Without it, the built-in set (model cards,
       * ML Test Score, EU AI Act) applies.
       */
      checklist?: {
        // The two lists take the same items; the config schema allows no shared type.
        /** Replaces the built-in items. */
        items?: Array<{
          /** Stable, kebab-case. */
          id: string;
          title: string;
          description?: string;
          /** Where the requirement comes from. Default: internal. */
          source?: string;
          /** minimal (every model), limited or high. Default: minimal. */
          minimumTier?: 'minimal' | 'limited' | 'high';
          /**
           * Instead of the tier, one condition on the model's EU AI Act assessment: an
           * Art. 50 duty, a general-purpose AI model (any, no-open-source-exemption,
           * systemic-risk), or the Art. 6(3) derogation.
           */
          appliesWhen?: {
            transparencyDuty?:
              | 'interaction'
              | 'synthetic-content'
              | 'emotion-biometric-notice'
              | 'deep-fake'
              | 'public-interest-text';
            generalPurpose?:
              | 'any'
              | 'no-open-source-exemption'
              | 'systemic-risk';
            derogation?: boolean;
          };
          /** An automated check that decides the item; without it a person attests it. */
          check?: string;
        }>;
        /** Added to the built-in (or configured) items. */
        additionalItems?: Array<{
          /** Stable, kebab-case. */
          id: string;
          title: string;
          description?: string;
          /** Where the requirement comes from. Default: internal. */
          source?: string;
          /** minimal (every model), limited or high. Default: minimal. */
          minimumTier?: 'minimal' | 'limited' | 'high';
          /**
           * Instead of the tier, one condition on the model's EU AI Act assessment: an
           * Art. 50 duty, a general-purpose AI model (any, no-open-source-exemption,
           * systemic-risk), or the Art. 6(3) derogation.
           */
          appliesWhen?: {
            transparencyDuty?:
              | 'interaction'
              | 'synthetic-content'
              | 'emotion-biometric-notice'
              | 'deep-fake'
              | 'public-interest-text';
            generalPurpose?:
              | 'any'
              | 'no-open-source-exemption'
              | 'systemic-risk';
            derogation?: boolean;
          };
          /** An automated check that decides the item; without it a person attests it. */
          check?: string;
        }>;
      };
      /** How long an approval counts. Default: 180 days. */
      approvalValidity?: HumanDuration | string;
      /** Distinct approvers needed per risk tier. Default: 1, and 2 for high. */
      approvalsRequired?: { minimal?: number; limited?: number; high?: number };
      /** "Expiring soon" for compliance warnings and the dashboard. Default: 30 days. */
      expiringWithin?: HumanDuration | string;
      /**
       * How old the compliance of all models, kept in memory for the dashboard and the
       * catalog page, may grow before a read computes it again. Reviews, decisions,
       * waivers and deployment events show at once on every replica; catalog edits, SLA
       * observations and time passing show within this. Default: 10 seconds.
       */
      complianceMaxAge?: HumanDuration | string;
      /**
       * Rules per lifecycle stage: `required` rules make a model non-compliant,
       * `warnings` put it at risk. Rules: approved-review, owner, training-dataset, sla,
       * healthy-deployment, sla-not-breached, nothing-expiring, open-review. Stages
       * without rules only need an owner.
       */
      stageRules?: {
        [stage: string]: { required?: string[]; warnings?: string[] };
      };
      /** When automated items are re-evaluated and approvals expired. Default: every 5 minutes. */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Required. The groups on the review board: only their members approve, request
       * changes, reject and waive (with the permissions); the backend does not start
       * without it.
       */
      reviewBoard?: string[];
    };
    sla?: {
      /**
       * The share of a window's samples a threshold objective (latency, throughput,
       * freshness, quality, drift) may miss before it is breached: from 0 up to, not
       * including, 1 (the backend refuses to start otherwise). An objective's own
       * missBudget overrides it. Default: 0.05.
       */
      missBudget?: number;
      /**
       * How long a status read reuses the roll-up sums the last read made. An
       * observation stored through any replica shows at the next read (the audit log
       * says which models to sum again); time moving the windows shows within this.
       * At most 5 minutes. Default: 10 seconds.
       */
      statusMaxAge?: HumanDuration | string;
      /**
       * How long SLA observations and their roll-ups are kept. Evaluations read only
       * roll-ups: 5-minute rows for the burn-rate windows and the newest hour, hourly
       * rows at both ends of a compliance window, daily rows in between.
       */
      retention?: {
        /**
         * Raw observations (a retried observation id is recognised while its row is
         * kept). At least 1 hour. Default: 2 days.
         */
        observations?: HumanDuration | string;
        /** 5-minute roll-ups. At least 7 hours. Default: 2 days. */
        fiveMinuteRollups?: HumanDuration | string;
        /**
         * Hourly roll-ups. Keep them as long as the longest SLA window, or that window
         * starts at a whole day. At least 2 days. Default: 35 days.
         */
        hourlyRollups?: HumanDuration | string;
        /** Daily roll-ups: the longest SLA window reachable. At least 2 days. Default: 400 days. */
        dailyRollups?: HumanDuration | string;
        /**
         * When expired rows are deleted, once across replicas (Backstage's scheduler).
         * Default: every hour.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
