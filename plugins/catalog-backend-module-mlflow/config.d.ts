import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  lab2live?: {
    mlflow?: {
      /**
       * The catalog entity provider: every registered model as an MLModel entity. Off
       * unless this block is present. The registry, credentials and timeout are the
       * ones of `lab2live.mlflow` (baseUrl, token, timeout); aliases and stages map to
       * lifecycles as `lab2live.mlflow.aliases` and `.stages` map them to environments.
       */
      catalog?: {
        /** The owner of models without the owner tag, e.g. group:default/ml-platform. */
        defaultOwner: string;
        /** Registered-model tag names. Defaults: owner, system, type. */
        tags?: { owner?: string; system?: string; type?: string };
        /** The MLflow UI for links, when it is not at lab2live.mlflow.baseUrl. */
        uiUrl?: string;
        /** Registered models per search page, 1 to 1000. Default: 100. */
        pageSize?: number;
        /** How often to read the registry. Default: every 30 minutes, timeout 10 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
