import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  lab2live?: {
    /** The MLflow Model Registry to read deployments from. Without it the module does nothing. */
    mlflow?: {
      /** The tracking server, e.g. https://mlflow.example.com (its REST API is under /api/2.0/mlflow). */
      baseUrl: string;
      /**
       * Sent as `Authorization: Bearer <token>`.
       * @visibility secret
       */
      token?: string;
      /** How often to poll. Default: every 5 minutes, timeout 2 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Per HTTP request, in milliseconds. Default: 10000. */
      timeout?: number;
      /** Registered-model aliases and the environment each means. Default: champion: production, challenger: staging. */
      aliases?: { [alias: string]: string };
      /** Legacy model-version stages and their environments. Default: Production: production, Staging: staging. */
      stages?: { [stage: string]: string };
    };
  };
}
