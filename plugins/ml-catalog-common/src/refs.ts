import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  parseEntityRef,
} from '@backstage/catalog-model';
import { DATASET_KIND, ML_MODEL_KIND, SLA_KIND } from './kinds/constants';

/**
 * The kind assumed for each reference field when the reference does not say.
 * Kinds use their canonical spelling, as Backstage's own processors do.
 *
 * @internal
 */
export const DEFAULT_REF_KINDS = {
  owner: 'Group',
  system: 'System',
  dataset: DATASET_KIND,
  sla: SLA_KIND,
  component: 'Component',
  mlModel: ML_MODEL_KIND,
} as const;

/** @internal */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The namespace of a raw entity, `default` when absent or not a string.
 *
 * @internal
 */
export function namespaceOf(entity: unknown): string {
  const metadata = isObject(entity) ? entity.metadata : undefined;
  const namespace = isObject(metadata) ? metadata.namespace : undefined;
  return typeof namespace === 'string' && namespace
    ? namespace
    : DEFAULT_NAMESPACE;
}

/**
 * Parses a reference, returning undefined instead of throwing.
 *
 * @internal
 */
export function tryParseRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): CompoundEntityRef | undefined {
  if (typeof ref !== 'string' || !ref) {
    return undefined;
  }
  try {
    return parseEntityRef(ref, { defaultKind, defaultNamespace });
  } catch {
    return undefined;
  }
}

/**
 * The strings of a list field, skipping anything that is not a string.
 *
 * @internal
 */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * A reference found in an entity, with where it was found.
 *
 * @internal
 */
export type RefField = {
  /** Field path, e.g. `spec.datasets[1].ref`. */
  path: string;
  value: string;
  defaultKind: string;
};

/**
 * Lists every string-valued reference field of a raw Lab2Live entity, with
 * the default kind that applies to it. Values that are not strings are
 * skipped (the schema reports them).
 *
 * @internal
 */
export function collectRefFields(kind: string, spec: unknown): RefField[] {
  if (!isObject(spec)) {
    return [];
  }
  const fields: RefField[] = [];
  const single = (name: string, defaultKind: string) => {
    const value = spec[name];
    if (typeof value === 'string') {
      fields.push({ path: `spec.${name}`, value, defaultKind });
    }
  };
  const list = (name: string, defaultKind: string) => {
    const value = spec[name];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') {
          fields.push({
            path: `spec.${name}[${index}]`,
            value: item,
            defaultKind,
          });
        }
      });
    }
  };
  const objectList = (name: string, key: string, defaultKind: string) => {
    const value = spec[name];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isObject(item) && typeof item[key] === 'string') {
          fields.push({
            path: `spec.${name}[${index}].${key}`,
            value: item[key] as string,
            defaultKind,
          });
        }
      });
    }
  };

  single('owner', DEFAULT_REF_KINDS.owner);
  single('system', DEFAULT_REF_KINDS.system);
  if (kind === ML_MODEL_KIND) {
    objectList('datasets', 'ref', DEFAULT_REF_KINDS.dataset);
    list('slas', DEFAULT_REF_KINDS.sla);
    list('servedBy', DEFAULT_REF_KINDS.component);
    single('baseModel', DEFAULT_REF_KINDS.mlModel);
    objectList('metrics', 'dataset', DEFAULT_REF_KINDS.dataset);
  } else if (kind === DATASET_KIND) {
    list('derivedFrom', DEFAULT_REF_KINDS.dataset);
  } else if (kind === SLA_KIND) {
    list('appliesTo', DEFAULT_REF_KINDS.mlModel);
    list('consumers', DEFAULT_REF_KINDS.component);
  }
  return fields;
}
