import type {
  AuthService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  MlCatalogStatusProvider,
  StatusProviderContext,
} from '@lab2live/plugin-ml-catalog-node';
import { MLFLOW_MODEL_ANNOTATION } from '@lab2live/plugin-ml-catalog-common';
import { MlflowClient, MlflowError } from './MlflowClient';
import { toDeploymentEvents } from './toDeploymentEvents';

/**
 * How many models are read at once: enough that a few slow ones do not push a large
 * catalog past the task's timeout, few enough not to flood the tracking server.
 */
const CONCURRENCY = 4;

/**
 * Polls the MLflow Model Registry for every MLModel with the
 * `mlflow.org/registered-model-name` annotation and reports its aliased (or staged)
 * versions as deployments. One model's failure is logged and does not stop the others.
 *
 * @public
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

  private context?: StatusProviderContext;

  getProviderName() {
    return 'mlflow';
  }

  /** Keeps the backend's context, so a webhook can report between polls. */
  async connect(context: StatusProviderContext): Promise<void> {
    this.context = context;
  }

  /**
   * Reads one registered model from the registry now and reports it for every MLModel
   * linked to it (a webhook said it changed). The refs of those models; none when no
   * MLModel carries the annotation. Throws when the backend has not started yet.
   */
  async refreshRegisteredModel(name: string): Promise<string[]> {
    const context = this.context;
    if (!context) {
      throw new Error('the ml-catalog backend has not connected the provider');
    }
    const linked = await this.linkedModels(name);
    for (const entity of linked) {
      await this.refreshModel(entity, context);
    }
    return linked.map(entity => stringifyEntityRef(entity));
  }

  async refresh(context: StatusProviderContext): Promise<void> {
    const linked = await this.linkedModels();
    const totals = { stored: 0, failed: 0 };
    const queue = [...linked];
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        const result = await this.refreshModel(entity, context);
        if (result === undefined) totals.failed += 1;
        else totals.stored += result;
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker),
    );
    context.logger.info(
      `MLflow: ${linked.length} linked model(s), ${totals.stored} new deployment event(s), ${totals.failed} failed`,
    );
  }

  /** The MLModels linked to a registered model (to any, without a name). */
  private async linkedModels(name?: string): Promise<Entity[]> {
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
    return items.filter(entity => {
      const linked =
        entity.metadata.annotations?.[MLFLOW_MODEL_ANNOTATION]?.trim();
      return name === undefined ? !!linked : linked === name;
    });
  }

  /** Reports one model; the number of events stored, or undefined when it failed. */
  private async refreshModel(
    entity: Entity,
    context: StatusProviderContext,
  ): Promise<number | undefined> {
    const name = entity.metadata.annotations![MLFLOW_MODEL_ANNOTATION].trim();
    const model = stringifyEntityRef(entity);
    try {
      const [registered, versions, current] = await Promise.all([
        this.options.client.getRegisteredModel(name),
        this.options.client.searchModelVersions(name),
        context.currentDeployments(model),
      ]);
      const now = Date.now();
      const events = toDeploymentEvents({
        model,
        registered,
        versions,
        aliases: this.options.aliases,
        stages: this.options.stages,
        current,
        now,
      });
      if (events.length === 0) return 0;
      const result = await context.reportDeployments(events);
      for (const rejected of result.rejected ?? []) {
        context.logger.warn(
          `MLflow registered model '${name}' of ${model}: ${rejected.reason}`,
        );
      }
      // What the registry shows now is confirmed as still true, so a version last
      // updated in the registry long ago does not turn stale while MLflow still
      // points at it. A confirmation of a version the backend does not hold (its
      // event was refused) is refused in turn and changes nothing.
      const refusedIndexes = new Set((result.rejected ?? []).map(r => r.index));
      const confirmed = events.filter((_, i) => !refusedIndexes.has(i));
      if (confirmed.length > 0) {
        await context.confirmDeployments(
          confirmed.map(event => ({
            model,
            environment: event.environment,
            version: event.version,
            timestamp: new Date(now).toISOString(),
          })),
        );
      }
      return result.stored;
    } catch (error) {
      const code = error instanceof MlflowError ? ` [${error.code}]` : '';
      context.logger.warn(
        `MLflow registered model '${name}' of ${model} not reported${code}: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  }
}
