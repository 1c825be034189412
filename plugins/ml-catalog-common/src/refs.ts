import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  parseEntityRef,
} from '@backstage/catalog-model';
import { DATASET_KIND, ML_MODEL_KIND, SLA_KIND } from './kinds/constants';

/**
 * What a reference field accepts: the kind assumed when a reference names
 * none, and the kinds it may name.
 *
 * @internal
 */
export interface RefRule {
  defaultKind: string;
  allowedKinds: readonly string[];
}

/**
 * The rule of every kind of reference field of the Lab2Live kinds. A
 * `Resource` is accepted where the interop conventions describe datasets
 * (`spec.type: dataset`) and models (`spec.type: ai-model`) as Resources.
 *
 * @internal
 */
export const REF_RULES = {
  /** `spec.owner` of all three kinds. */
  owner: { defaultKind: 'Group', allowedKinds: ['Group', 'User'] },
  /** `spec.system`. */
  system: { defaultKind: 'System', allowedKinds: ['System'] },
  /** `spec.datasets[].ref`, `spec.metrics[].dataset`, Dataset `spec.derivedFrom`. */
  dataset: {
    defaultKind: DATASET_KIND,
    allowedKinds: [DATASET_KIND, 'Resource'],
  },
  /** MLModel `spec.slas`. */
  sla: { defaultKind: SLA_KIND, allowedKinds: [SLA_KIND] },
  /** MLModel `spec.servedBy`, SLA `spec.consumers`. */
  component: { defaultKind: 'Component', allowedKinds: ['Component'] },
  /** MLModel `spec.baseModel`. */
  baseModel: {
    defaultKind: ML_MODEL_KIND,
    allowedKinds: [ML_MODEL_KIND, 'Resource'],
  },
  /** SLA `spec.appliesTo`. */
  mlModel: { defaultKind: ML_MODEL_KIND, allowedKinds: [ML_MODEL_KIND] },
} as const satisfies Record<string, RefRule>;

/**
 * Whether a kind is one of the allowed kinds; kinds compare
 * case-insensitively, as the catalog does.
 *
 * @internal
 */
export function isAllowedKind(kind: string, rule: RefRule): boolean {
  const lower = kind.toLocaleLowerCase('en-US');
  return rule.allowedKinds.some(k => k.toLocaleLowerCase('en-US') === lower);
}

/**
 * Parses a reference under a field's rule: undefined when it does not parse
 * or names a kind the field does not accept (the validator reports both).
 *
 * @internal
 */
export function parseRefByRule(
  ref: unknown,
  rule: RefRule,
  defaultNamespace: string,
): CompoundEntityRef | undefined {
  const parsed = tryParseRef(ref, rule.defaultKind, defaultNamespace);
  return parsed && isAllowedKind(parsed.kind, rule) ? parsed : undefined;
}

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
  rule: RefRule;
};

/**
 * Lists every string-valued reference field of a raw Lab2Live entity, with
 * the rule (default and allowed kinds) that applies to it. Values that are not strings are
 * skipped (the schema reports them).
 *
 * @internal
 */
export function collectRefFields(kind: string, spec: unknown): RefField[] {
  if (!isObject(spec)) {
    return [];
  }
  const fields: RefField[] = [];
  const single = (name: string, rule: RefRule) => {
    const value = spec[name];
    if (typeof value === 'string') {
      fields.push({ path: `spec.${name}`, value, rule });
    }
  };
  const list = (name: string, rule: RefRule) => {
    const value = spec[name];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') {
          fields.push({
            path: `spec.${name}[${index}]`,
            value: item,
            rule,
          });
        }
      });
    }
  };
  const objectList = (name: string, key: string, rule: RefRule) => {
    const value = spec[name];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isObject(item) && typeof item[key] === 'string') {
          fields.push({
            path: `spec.${name}[${index}].${key}`,
            value: item[key] as string,
            rule,
          });
        }
      });
    }
  };

  single('owner', REF_RULES.owner);
  single('system', REF_RULES.system);
  if (kind === ML_MODEL_KIND) {
    objectList('datasets', 'ref', REF_RULES.dataset);
    list('slas', REF_RULES.sla);
    list('servedBy', REF_RULES.component);
    single('baseModel', REF_RULES.baseModel);
    objectList('metrics', 'dataset', REF_RULES.dataset);
  } else if (kind === DATASET_KIND) {
    list('derivedFrom', REF_RULES.dataset);
  } else if (kind === SLA_KIND) {
    list('appliesTo', REF_RULES.mlModel);
    list('consumers', REF_RULES.component);
  }
  return fields;
}
