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
      /**
       * HTTP Basic user name, for MLflow's built-in authentication (`mlflow server
       * --app-name basic-auth`). Goes with `password`; not together with `token`.
       */
      username?: string;
      /**
       * HTTP Basic password, with `username`.
       * @visibility secret
       */
      password?: string;
      /**
       * The largest reply accepted from MLflow, in bytes. A larger one is an error naming
       * this cap, its connection is closed and nothing is stored for that model.
       * Default: 10485760 (10 MiB).
       */
      maxReplyBytes?: number;
      /**
       * MLflow 3 webhooks (model_version.created, model_version_alias.created/.deleted,
       * model_version_tag.set) posted to /api/ml-catalog/mlflow/webhook: the model is
       * read from the registry at once, so an alias move shows within a second.
       * Without it the route answers 404 and polling alone keeps the status.
       */
      webhook?: {
        /**
         * The secret given to MLflow when creating the webhook; every delivery's
         * X-MLflow-Signature (HMAC-SHA256) is checked against it.
         * @visibility secret
         */
        secret: string;
        /**
         * How far a delivery's X-MLflow-Timestamp may lie from now, in seconds, before
         * it is refused as a replay. Default: 300.
         */
        toleranceSeconds?: number;
      };
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
