import type {
  AuthService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  MlCatalogStatusProvider,
  StatusProviderContext,
} from '@lab2live/plugin-ml-catalog-node';
import { MlflowClient, MlflowError } from './MlflowClient';
import { toDeploymentEvents } from './toDeploymentEvents';

/** The annotation that links an MLModel to its MLflow registered model. */
export const MLFLOW_MODEL_ANNOTATION = 'mlflow.org/registered-model-name';

/**
 * Polls the MLflow Model Registry for every MLModel with the
 * `mlflow.org/registered-model-name` annotation and reports its aliased (or staged)
 * versions as deployments. One model's failure is logged and does not stop the others.
 */
export class MlflowStatusProvider implements MlCatalogStatusProvider {
  constructor(
    private readonly options: {
      client: MlflowClient;
      catalog: CatalogService;
      auth: AuthService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      aliases: Record<string, string>;
      stages: Record<string, string>;
    },
  ) {}

  get schedule() {
    return this.options.schedule;
  }

  getProviderName() {
    return 'mlflow';
  }

  async refresh(context: StatusProviderContext): Promise<void> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'MLModel' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const linked = items.filter(
      entity => entity.metadata.annotations?.[MLFLOW_MODEL_ANNOTATION],
    );
    let reported = 0;
    let failed = 0;
    for (const entity of linked) {
      const name = entity.metadata.annotations![MLFLOW_MODEL_ANNOTATION];
      const model = stringifyEntityRef(entity);
      try {
        const [registered, versions] = await Promise.all([
          this.options.client.getRegisteredModel(name),
          this.options.client.searchModelVersions(name),
        ]);
        const events = toDeploymentEvents({
          model,
          registered,
          versions,
          aliases: this.options.aliases,
          stages: this.options.stages,
          now: Date.now(),
        });
        if (events.length > 0) {
          const result = await context.reportDeployments(events);
          reported += result.stored;
        }
      } catch (error) {
        failed += 1;
        const code =
          error instanceof MlflowError && error.code ? ` [${error.code}]` : '';
        context.logger.warn(
          `MLflow registered model '${name}' of ${model} not read${code}: ${
            (error as Error).message
          }`,
        );
      }
    }
    context.logger.info(
      `MLflow: ${linked.length} linked model(s), ${reported} new deployment event(s), ${failed} failed`,
    );
  }
}
