import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  chooseVersionsByEnvironment,
  MlflowClient,
  MlflowError,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
} from '@lab2live/plugin-ml-catalog-backend-module-mlflow';
import {
  createLab2LiveValidator,
  Lab2LiveValidator,
  MLFLOW_MODEL_ANNOTATION,
} from '@lab2live/plugin-ml-catalog-common';
import {
  describedVersion,
  MlflowEntityOptions,
  modelUrl,
  toModelEntities,
} from './toEntities';

/** How many models are read at once: bounded, so the tracking server is not flooded. */
const CONCURRENCY = 8;

/**
 * What one full run did.
 *
 * @public
 */
export interface MlflowEntityRunSummary {
  /** Registered models MLflow listed. */
  models: number;
  /** MLModel entities emitted (from this run, or kept from the last good read). */
  emitted: number;
  /** Dataset entities emitted. */
  datasets: number;
  /** Models a hand-written entity already links: left to it. */
  skipped: number;
  /** Models that could not be read or mapped in this run. */
  failed: number;
  /** Models that fell back to the default owner. */
  defaultOwner: number;
  /** Requests made to MLflow. */
  requests: number;
}

/**
 * Options of {@link MlflowEntityProvider}.
 *
 * @public
 */
export interface MlflowEntityProviderOptions extends MlflowEntityOptions {
  client: MlflowClient;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  /** MLflow alias and legacy stage to environment (as the status module maps them). */
  aliases: Record<string, string>;
  stages: Record<string, string>;
  /** The MLflow base URL, naming the provider's location key. */
  baseUrl: string;
  /** Registered models per search page (MLflow allows up to 1000). */
  pageSize: number;
}

/**
 * A catalog entity provider that turns every MLflow registered model into an MLModel
 * and the dataset inputs of its production version's run into Dataset entities. Each
 * scheduled run reads the registry page by page and applies a full mutation, so a model
 * deleted in MLflow leaves the catalog at the next run. A model that a hand-written
 * entity already links with `mlflow.org/registered-model-name` is left to that entity.
 *
 * @public
 */
export class MlflowEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly validator: Lab2LiveValidator;
  /** The last good entities of each model, kept when a later read of it fails. */
  private readonly lastGood = new Map<string, Entity[]>();

  constructor(private readonly options: MlflowEntityProviderOptions) {
    this.validator = createLab2LiveValidator({
      lifecycleStages: options.lifecycleStages,
    });
  }

  getProviderName(): string {
    return `lab2live-mlflow:${this.options.baseUrl}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** One full run: reads every registered model and replaces the provider's entities. */
  async refresh(): Promise<MlflowEntityRunSummary> {
    if (!this.connection) {
      throw new Error('MlflowEntityProvider is not connected to the catalog');
    }
    const { client, logger } = this.options;
    const summary: MlflowEntityRunSummary = {
      models: 0,
      emitted: 0,
      datasets: 0,
      skipped: 0,
      failed: 0,
      defaultOwner: 0,
      requests: 0,
    };
    const count = <T>(request: Promise<T>) => {
      summary.requests += 1;
      return request;
    };

    // Read before the registry: a run that cannot tell which models hand-written
    // entities link applies nothing, rather than making second entities for them.
    const handWritten = await this.handWrittenModelNames();

    const models = new Map<string, Entity>();
    const datasets = new Map<string, Entity>();
    let pageToken: string | undefined;
    const seenTokens = new Set<string>();
    do {
      // A page that fails ends the run without a mutation: a full mutation from part
      // of the registry would remove the models on the pages not read.
      const page = await count(
        client.searchRegisteredModels({
          maxResults: this.options.pageSize,
          pageToken,
        }),
      );
      summary.models += page.models.length;
      const queue = page.models.filter(registered => {
        if (handWritten.has(registered.name)) {
          summary.skipped += 1;
          return false;
        }
        return true;
      });
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const entities = await this.readModel(next, count, summary);
          for (const entity of entities) {
            const ref = stringifyEntityRef(entity);
            if (entity.kind === 'MLModel') {
              if (models.has(ref)) {
                summary.failed += 1;
                logger.warn(
                  `MLflow registered model '${next.name}' not imported: another registered model already makes ${ref}`,
                );
                break;
              }
              models.set(ref, entity);
            } else if (!datasets.has(ref)) {
              datasets.set(ref, entity);
            }
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      pageToken = page.nextPageToken;
      if (pageToken && seenTokens.has(pageToken)) {
        throw new MlflowError(
          `registered-models/search repeated page token ${pageToken}`,
          'INVALID_RESPONSE',
        );
      }
      if (pageToken) seenTokens.add(pageToken);
    } while (pageToken);

    // A registered model named like a dataset is the model's; entity refs differ by kind.
    const entities = [...models.values(), ...datasets.values()];
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    summary.emitted = models.size;
    summary.datasets = datasets.size;
    logger.info(
      `MLflow catalog import: ${summary.models} registered model(s), ${summary.emitted} MLModel and ${summary.datasets} Dataset entities, ` +
        `${summary.skipped} left to hand-written entities, ${summary.failed} failed, ${summary.defaultOwner} with the default owner, ${summary.requests} MLflow requests`,
    );
    return summary;
  }

  /**
   * The registered model names that entities not made by this provider link: the
   * catalog keeps those, this provider makes nothing for them.
   */
  private async handWrittenModelNames(): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'MLModel',
          [`metadata.annotations.${MLFLOW_MODEL_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['metadata.annotations'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const ours = `url:${modelUrl(this.options.uiUrl, '')}`;
    return new Set(
      items
        .filter(
          entity =>
            !entity.metadata.annotations?.[
              ANNOTATION_ORIGIN_LOCATION
            ]?.startsWith(ours),
        )
        .map(entity =>
          entity.metadata.annotations![MLFLOW_MODEL_ANNOTATION].trim(),
        ),
    );
  }

  /**
   * The entities of one registered model. On failure: logged, counted, and the model's
   * last good entities are kept (a model that MLflow still lists does not leave the
   * catalog because one read of its run failed).
   */
  private async readModel(
    registered: MlflowRegisteredModel,
    count: <T>(request: Promise<T>) => Promise<T>,
    summary: MlflowEntityRunSummary,
  ): Promise<Entity[]> {
    const { client, logger } = this.options;
    try {
      // The search page carries the aliases and the latest version per stage; an
      // aliased version that is not among them is read on its own.
      const versions: MlflowModelVersion[] = [
        ...(registered.latest_versions ?? []),
      ];
      for (const { version } of registered.aliases ?? []) {
        if (!versions.some(v => String(v.version) === String(version))) {
          versions.push({ name: registered.name, version: String(version) });
        }
      }
      const chosen = chooseVersionsByEnvironment(
        registered,
        versions,
        this.options.aliases,
        this.options.stages,
      );
      let described = describedVersion(chosen, this.options.environments);
      if (!described && registered.latest_versions?.length) {
        // No alias or stage the mapping knows: the card describes the newest version.
        const newest = [...registered.latest_versions].sort(
          (a, b) => Number(b.version) - Number(a.version),
        )[0];
        described = { environment: '', version: newest };
      }
      if (described && described.version.run_id === undefined) {
        const isStub = !registered.latest_versions?.some(
          v => String(v.version) === String(described!.version.version),
        );
        if (isStub) {
          described = {
            ...described,
            version: await count(
              client.getModelVersion(
                registered.name,
                described.version.version,
              ),
            ),
          };
        }
      }
      let run: MlflowRun | undefined;
      if (described?.version.run_id) {
        run = await count(client.getRun(described.version.run_id));
      }
      const result = toModelEntities({
        registered,
        described,
        run,
        options: this.options,
      });
      const problems = [result.model, ...result.datasets].flatMap(entity =>
        this.validator
          .validate(entity)
          .map(issue => `${stringifyEntityRef(entity)}: ${issue.message}`),
      );
      if (problems.length > 0) {
        throw new Error(
          `the entities made from it are not valid: ${problems.join('; ')}`,
        );
      }
      for (const warning of result.warnings) {
        logger.warn(`MLflow registered model '${registered.name}' ${warning}`);
      }
      if (result.defaultOwner) summary.defaultOwner += 1;
      const entities = [result.model, ...result.datasets];
      this.lastGood.set(registered.name, entities);
      return entities;
    } catch (error) {
      summary.failed += 1;
      const code = error instanceof MlflowError ? ` [${error.code}]` : '';
      const kept = this.lastGood.get(registered.name);
      logger.warn(
        `MLflow registered model '${registered.name}' not imported${code}: ${
          (error as Error).message
        }${kept ? '; its entities from the last good read are kept' : ''}`,
      );
      return kept ?? [];
    }
  }
}
