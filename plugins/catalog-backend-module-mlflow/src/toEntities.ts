import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import type {
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowTag,
} from '@lab2live/plugin-ml-catalog-backend-module-mlflow';
import {
  LAB2LIVE_API_VERSION,
  LAB2LIVE_SOURCE_ANNOTATION,
  MLFLOW_MODEL_ANNOTATION,
  ML_MODEL_TYPES,
  REGISTRY_LINK_TYPES,
  toEntityName,
} from '@lab2live/plugin-ml-catalog-common';

/** The MLModel types the schema knows; another tag value becomes `other`. */
const MODEL_TYPES: ReadonlySet<string> = new Set(ML_MODEL_TYPES);

/** `mlflow.data.context` values (MLflow's own: train, eval) to dataset roles. */
const ROLES: Record<string, 'training' | 'validation' | 'evaluation'> = {
  train: 'training',
  training: 'training',
  eval: 'evaluation',
  evaluation: 'evaluation',
  test: 'evaluation',
  testing: 'evaluation',
  validation: 'validation',
  val: 'validation',
};

/** MLflow dataset source types to Dataset types. */
const DATASET_TYPES: Record<string, string> = {
  delta_table: 'table',
  spark: 'table',
  code: 'other',
  local: 'files',
  http: 'files',
  s3: 'files',
  gs: 'files',
  hugging_face: 'files',
};

/**
 * How registered models become entities: tag names, the owner of untagged models,
 * the environment that counts as production and the lifecycle stages the catalog
 * accepts.
 *
 * @public
 */
export interface MlflowEntityOptions {
  /** The MLflow UI's base URL, for links. */
  uiUrl: string;
  /** Registered-model tags that name the owner, system and type. */
  tags: { owner: string; system: string; type: string };
  /** The owner of a model without the owner tag. */
  defaultOwner: string;
  /** `lab2live.environments`, least to most production-like. */
  environments: string[];
  /** `lab2live.lifecycle.stages`. */
  lifecycleStages: string[];
}

/**
 * What one registered model turns into.
 *
 * @public
 */
export interface ModelEntities {
  model: Entity;
  datasets: Entity[];
  /** Things a person should fix in MLflow, e.g. a missing owner tag. */
  warnings: string[];
  /** True when the model has no owner tag and got the default owner. */
  defaultOwner: boolean;
}

function tagValue(tags: MlflowTag[] | undefined, key: string) {
  return tags?.find(tag => tag.key === key)?.value?.trim() || undefined;
}

/** The URL of a registered model in the MLflow UI. */
export function modelUrl(uiUrl: string, name: string) {
  return `${uiUrl.replace(/\/+$/, '')}/#/models/${encodeURIComponent(name)}`;
}

/**
 * The flavor the version's model was logged with, from the run's
 * `mlflow.log-model.history` tag (the flavors of each `log_model` call), leaving out
 * the generic `python_function`.
 */
function frameworkOf(run: MlflowRun | undefined): string | undefined {
  const history = tagValue(run?.data?.tags, 'mlflow.log-model.history');
  if (!history) return undefined;
  try {
    const logged = JSON.parse(history) as Array<{ flavors?: object }>;
    const flavors = Object.keys(logged[logged.length - 1]?.flavors ?? {});
    return flavors.find(f => f !== 'python_function') ?? flavors[0];
  } catch {
    return undefined;
  }
}

/** A dataset source is JSON (`{"uri": ...}`, `{"url": ...}`, `{"path": ...}`) in MLflow. */
function locationOf(source: string | undefined): string | undefined {
  if (!source) return undefined;
  try {
    const parsed = JSON.parse(source);
    const value =
      parsed?.uri ?? parsed?.url ?? parsed?.path ?? parsed?.table_name;
    return typeof value === 'string' && value ? value : source;
  } catch {
    return source;
  }
}

/**
 * The environment a model's card describes and that environment's version: production
 * if a version is there, else the most production-like environment with a version.
 */
export function describedVersion(
  chosen: Map<string, MlflowModelVersion>,
  environments: string[],
): { environment: string; version: MlflowModelVersion } | undefined {
  for (const environment of [...environments].reverse()) {
    const version = chosen.get(environment);
    if (version) return { environment, version };
  }
  return undefined;
}

/**
 * The MLModel entity of a registered model and the Dataset entities of its described
 * version's run. Pure: the provider does the reading.
 *
 * @public
 */
export function toModelEntities(input: {
  registered: MlflowRegisteredModel;
  /** The environment the card describes, and its version (undefined: none). */
  described?: { environment: string; version: MlflowModelVersion };
  /** The source run of that version, when it has one. */
  run?: MlflowRun;
  options: MlflowEntityOptions;
}): ModelEntities {
  const { registered, described, run, options } = input;
  const warnings: string[] = [];
  const name = toEntityName(registered.name);
  if (!name) {
    throw new Error(
      `the registered model name '${registered.name}' has no letter or digit to name an entity`,
    );
  }
  const tagged = tagValue(registered.tags, options.tags.owner);
  const owner = tagged ?? options.defaultOwner;
  if (!tagged) {
    warnings.push(
      `has no '${options.tags.owner}' tag: owned by ${options.defaultOwner}`,
    );
  }
  const system = tagValue(registered.tags, options.tags.system);
  let type = tagValue(registered.tags, options.tags.type) ?? 'other';
  if (!MODEL_TYPES.has(type)) {
    warnings.push(
      `'${options.tags.type}' tag '${type}' is not a model type: type other`,
    );
    type = 'other';
  }
  let lifecycle = 'experimental';
  if (described) {
    lifecycle = options.lifecycleStages.includes(described.environment)
      ? described.environment
      : 'development';
  }
  const url = modelUrl(options.uiUrl, registered.name);
  const location = `url:${url}`;
  const annotations = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [MLFLOW_MODEL_ANNOTATION]: registered.name,
    [LAB2LIVE_SOURCE_ANNOTATION]: 'mlflow',
  };
  const links: Array<{ url: string; title: string; type: string }> = [
    { url, title: 'MLflow registered model', type: REGISTRY_LINK_TYPES.mlflow },
  ];
  if (described) {
    links.push({
      url: `${url}/versions/${encodeURIComponent(described.version.version)}`,
      title: `MLflow model version ${described.version.version}`,
      type: 'mlflow-model-version',
    });
  }
  if (run?.info.run_id) {
    links.push({
      url: `${options.uiUrl.replace(/\/+$/, '')}/#/experiments/${
        run.info.experiment_id ?? '0'
      }/runs/${run.info.run_id}`,
      title: `MLflow run ${run.info.run_name ?? run.info.run_id}`,
      type: 'mlflow-run',
    });
  }

  const metrics = (run?.data?.metrics ?? [])
    .map(metric => ({ name: metric.key, value: Number(metric.value) }))
    .filter(metric => metric.name && Number.isFinite(metric.value));

  const datasets: Entity[] = [];
  const links_: Array<{ ref: string; role: string; version?: string }> = [];
  for (const input_ of run?.inputs?.dataset_inputs ?? []) {
    const dataset = input_.dataset;
    const datasetName = toEntityName(dataset?.name ?? '');
    if (!datasetName) {
      warnings.push(
        `run ${
          run!.info.run_id
        } logs a dataset without a usable name: left out`,
      );
      continue;
    }
    const context = tagValue(input_.tags, 'mlflow.data.context');
    // MLflow's autologging marks training data; an input without a context is
    // almost always the training set.
    const role = context
      ? ROLES[context.toLocaleLowerCase('en-US')] ?? 'training'
      : 'training';
    const digest = dataset.digest?.trim() || undefined;
    const ref = `dataset:default/${datasetName}`;
    if (!links_.some(l => l.ref === ref && l.role === role)) {
      links_.push({ ref, role, ...(digest ? { version: digest } : {}) });
    }
    if (datasets.some(d => d.metadata.name === datasetName)) continue;
    const datasetLocation = locationOf(dataset.source);
    datasets.push({
      apiVersion: LAB2LIVE_API_VERSION,
      kind: 'Dataset',
      metadata: {
        name: datasetName,
        title: dataset.name,
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [LAB2LIVE_SOURCE_ANNOTATION]: 'mlflow',
        },
      },
      spec: {
        type: DATASET_TYPES[dataset.source_type ?? ''] ?? 'other',
        owner,
        ...(system ? { system } : {}),
        lifecycle,
        ...(digest ? { version: digest } : {}),
        ...(datasetLocation ? { location: datasetLocation } : {}),
      },
    });
  }

  const framework = frameworkOf(run);
  const model: Entity = {
    apiVersion: LAB2LIVE_API_VERSION,
    kind: 'MLModel',
    metadata: {
      name,
      title: registered.name,
      ...(registered.description
        ? { description: registered.description }
        : {}),
      annotations,
      links,
    },
    spec: {
      type,
      owner,
      ...(system ? { system } : {}),
      lifecycle,
      ...(described ? { version: String(described.version.version) } : {}),
      ...(framework ? { framework } : {}),
      ...(links_.length > 0 ? { datasets: links_ } : {}),
      ...(metrics.length > 0 ? { metrics } : {}),
    },
  };
  return { model, datasets, warnings, defaultOwner: !tagged };
}
