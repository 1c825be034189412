/**
 * The annotation that links an MLModel to its MLflow registered model. The MLflow status
 * module reads it; the MLflow entity provider writes it.
 *
 * @public
 */
export const MLFLOW_MODEL_ANNOTATION = 'mlflow.org/registered-model-name';

/**
 * The annotation that names the Hugging Face model an MLModel was imported from
 * (`org/name`).
 *
 * @public
 */
export const HUGGINGFACE_MODEL_ANNOTATION = 'huggingface.co/model-id';

/**
 * The annotation that names where a provider or an import made the entity:
 * `mlflow` or `huggingface`. Entities without it were written as YAML.
 *
 * @public
 */
export const LAB2LIVE_SOURCE_ANNOTATION = 'lab2live.io/source';

/**
 * The link types of the registry page an entity was made from; the model page links
 * back to it.
 *
 * @public
 */
export const REGISTRY_LINK_TYPES = {
  mlflow: 'mlflow-model',
  huggingface: 'huggingface-model',
} as const;

/**
 * Where a model entity came from.
 *
 * @public
 */
export type ModelSource = 'mlflow' | 'huggingface' | 'yaml';

/**
 * The labels the catalog pages show for each {@link ModelSource}.
 *
 * @public
 */
export const MODEL_SOURCE_TITLES: Record<ModelSource, string> = {
  mlflow: 'MLflow',
  huggingface: 'Hugging Face',
  yaml: 'YAML',
};

/**
 * Where an entity came from (its {@link LAB2LIVE_SOURCE_ANNOTATION}, YAML when absent or
 * unknown) and the registry page it was made from, if it links one.
 *
 * @public
 */
export function modelSourceOf(entity: {
  metadata: {
    annotations?: Record<string, string>;
    links?: Array<{ url: string; type?: string }>;
  };
}): { source: ModelSource; registryUrl?: string } {
  const value = entity.metadata.annotations?.[LAB2LIVE_SOURCE_ANNOTATION];
  if (value !== 'mlflow' && value !== 'huggingface') return { source: 'yaml' };
  const registryUrl = entity.metadata.links?.find(
    link => link.type === REGISTRY_LINK_TYPES[value],
  )?.url;
  return { source: value, ...(registryUrl ? { registryUrl } : {}) };
}

/**
 * An entity name the catalog accepts, made from a registry's name for a model or
 * dataset (letters, digits, `-`, `_`, `.`, at most 63, starting and ending with a letter
 * or digit), lower-cased so that `Churn` and `churn` are one entity. Empty when the name
 * has no letter or digit.
 *
 * @public
 */
export function toEntityName(name: string): string {
  return name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}
