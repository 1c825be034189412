import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import {
  DATASET_KIND,
  DEFAULT_LIFECYCLE_STAGES,
  LAB2LIVE_API_VERSION,
  LAB2LIVE_KINDS,
  Lab2LiveKind,
  ML_MODEL_KIND,
  SLA_KIND,
} from '../kinds/constants';
import {
  datasetEntityV1alpha1Schema,
  mlModelEntityV1alpha1Schema,
  slaEntityV1alpha1Schema,
} from '../schema';
import {
  RefRule,
  collectRefFields,
  isAllowedKind,
  isObject,
  namespaceOf,
} from '../refs';
import { issuesFromAjvErrors } from './ajvIssues';
import { didYouMean } from './suggest';
import type { ValidationIssue } from './issues';

/**
 * Options of {@link createLab2LiveValidator}.
 *
 * @public
 */
export interface Lab2LiveValidatorOptions {
  /**
   * The allowed values of `spec.lifecycle` for MLModel and Dataset
   * (config `lab2live.lifecycle.stages`). Defaults to
   * {@link DEFAULT_LIFECYCLE_STAGES}.
   */
  lifecycleStages?: string[];
}

/**
 * Validates raw Lab2Live entities against their schema and the rules the
 * schema cannot express.
 *
 * @public
 */
export interface Lab2LiveValidator {
  /** True for MLModel, Dataset and SLA with apiVersion `lab2live.io/v1alpha1`. */
  supports(entity: { apiVersion?: unknown; kind?: unknown }): boolean;
  /** Every problem found in the entity; an empty array when it is valid. */
  validate(entity: unknown): ValidationIssue[];
}

const SCHEMAS: Record<Lab2LiveKind, object> = {
  [ML_MODEL_KIND]: mlModelEntityV1alpha1Schema,
  [DATASET_KIND]: datasetEntityV1alpha1Schema,
  [SLA_KIND]: slaEntityV1alpha1Schema,
};

const KINDS_WITH_LIFECYCLE: ReadonlySet<string> = new Set([
  ML_MODEL_KIND,
  DATASET_KIND,
]);

let ajv: Ajv | undefined;
const compiled = new Map<Lab2LiveKind, ValidateFunction>();

/** Compiles each kind's schema once per process, on first use. */
function schemaValidatorFor(kind: Lab2LiveKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
      // Links in entities (datasheets) are checked as URIs, not merely as strings.
      addFormats(ajv, ['uri']);
    }
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

function isLab2LiveKind(kind: unknown): kind is Lab2LiveKind {
  return LAB2LIVE_KINDS.includes(kind as Lab2LiveKind);
}

const refValidators = makeValidator();

/** Backstage's built-in kinds and ours, as the catalog spells them. */
const KNOWN_KINDS = [
  ...LAB2LIVE_KINDS,
  'API',
  'Component',
  'Domain',
  'Group',
  'Location',
  'Resource',
  'System',
  'Template',
  'User',
];

/** A kind written in any case, spelt as the catalog spells it when known. */
function canonicalKind(kind: string): string {
  const lower = kind.toLocaleLowerCase('en-US');
  return KNOWN_KINDS.find(k => k.toLocaleLowerCase('en-US') === lower) ?? kind;
}

/**
 * Explains why a reference is not valid for its field, or returns undefined
 * if it is: it must parse, and name a kind the field accepts.
 */
function checkRef(
  path: string,
  value: string,
  rule: RefRule,
  defaultNamespace: string,
): string | undefined {
  const invalid = (problem: string) =>
    `${path}: "${value}" is not a valid entity reference (${problem})`;
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: rule.defaultKind,
      defaultNamespace,
    });
  } catch {
    return invalid('expected [kind:][namespace/]name');
  }
  if (!refValidators.isValidKind(ref.kind)) {
    return invalid(`"${ref.kind}" is not a valid kind`);
  }
  if (
    !refValidators.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US'))
  ) {
    return invalid(`"${ref.namespace}" is not a valid namespace`);
  }
  if (!refValidators.isValidEntityName(ref.name)) {
    return invalid(`"${ref.name}" is not a valid name`);
  }
  if (!isAllowedKind(ref.kind, rule)) {
    const kinds = rule.allowedKinds;
    const accepted =
      kinds.length === 1
        ? kinds[0]
        : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
    return `${path} accepts ${accepted} only, but "${value}" is of kind ${canonicalKind(
      ref.kind,
    )}`;
  }
  return undefined;
}

function semanticIssues(
  kind: Lab2LiveKind,
  entity: Record<string, unknown>,
  lifecycleStages: readonly string[],
): ValidationIssue[] {
  const spec = entity.spec;
  if (!isObject(spec)) {
    return [];
  }
  const issues: ValidationIssue[] = [];
  const namespace = namespaceOf(entity);

  // Empty strings are left to the schema ("must not be empty").
  for (const field of collectRefFields(kind, spec)) {
    if (!field.value) {
      continue;
    }
    const message = checkRef(field.path, field.value, field.rule, namespace);
    if (message) {
      issues.push({ path: field.path, message });
    }
  }

  if (
    KINDS_WITH_LIFECYCLE.has(kind) &&
    typeof spec.lifecycle === 'string' &&
    spec.lifecycle &&
    !lifecycleStages.includes(spec.lifecycle)
  ) {
    issues.push({
      path: 'spec.lifecycle',
      message: `spec.lifecycle must be one of ${lifecycleStages.join(', ')}`,
    });
  }
  if (kind === ML_MODEL_KIND) {
    issues.push(...metricIssues(spec.metrics));
  }
  return issues;
}

/**
 * Names that read like a measure of mistakes, cost or time, where a smaller
 * value is better. Used only to ask for an explicit direction, never to pick
 * one: the direction is what the entity states. What follows `_at_` or `@`
 * is an operating point (`recall_at_1pct_fpr`, `precision@10`), not the
 * measure, so it is not read.
 */
const LOWER_IS_BETTER_LOOK =
  /(^|[^a-z])(r?mse|mae|mape|smape|loss|logloss|errors?|err|fpr|fnr|far|frr|false[_ -]?(positives?|negatives?)|latency|perplexity|wer|cer|brier)([^a-z]|$)/i;

/** Rules on `spec.metrics` the schema cannot express. */
function metricIssues(metrics: unknown): ValidationIssue[] {
  if (!Array.isArray(metrics)) {
    return [];
  }
  const issues: ValidationIssue[] = [];
  metrics.forEach((metric, index) => {
    if (!isObject(metric)) {
      return;
    }
    const path = `spec.metrics[${index}]`;
    if (
      metric.direction === undefined &&
      typeof metric.threshold === 'number' &&
      typeof metric.name === 'string' &&
      LOWER_IS_BETTER_LOOK.test(metric.name.split(/_at_|@/i)[0])
    ) {
      issues.push({
        path: `${path}.direction`,
        message: `${path}.direction is required: "${metric.name}" has a threshold and reads like a measure where lower is better, while a metric without a direction is judged higher-is-better; write direction: lower (or direction: higher if larger values are better)`,
      });
    }
    if (Array.isArray(metric.slices)) {
      const seen = new Set<string>();
      metric.slices.forEach((slice, sliceIndex) => {
        const name = isObject(slice) ? slice.name : undefined;
        if (typeof name !== 'string' || !name) {
          return;
        }
        if (seen.has(name)) {
          issues.push({
            path: `${path}.slices[${sliceIndex}].name`,
            message: `${path}.slices[${sliceIndex}].name "${name}" is used by an earlier slice of the same metric: slice names must be unique`,
          });
        }
        seen.add(name);
      });
    }
  });
  return issues;
}

/**
 * Creates a validator for MLModel, Dataset and SLA entities. The JSON
 * Schemas are compiled once per process and shared by all validators.
 *
 * @public
 */
export function createLab2LiveValidator(
  options?: Lab2LiveValidatorOptions,
): Lab2LiveValidator {
  const lifecycleStages = options?.lifecycleStages ?? DEFAULT_LIFECYCLE_STAGES;
  if (
    !Array.isArray(lifecycleStages) ||
    lifecycleStages.length === 0 ||
    lifecycleStages.some(s => typeof s !== 'string' || !s)
  ) {
    throw new TypeError(
      'lifecycleStages must be a non-empty list of non-empty strings',
    );
  }
  const stages = [...lifecycleStages];

  return {
    supports(entity) {
      return (
        isObject(entity) &&
        entity.apiVersion === LAB2LIVE_API_VERSION &&
        isLab2LiveKind(entity.kind)
      );
    },

    validate(entity) {
      if (!isObject(entity)) {
        return [{ path: '', message: 'the entity must be an object' }];
      }
      const kind = entity.kind;
      if (!isLab2LiveKind(kind)) {
        // Kinds are case-sensitive, so `MlModel` or `mlmodel` gets a suggestion too.
        return [
          {
            path: 'kind',
            message: `kind must be one of ${LAB2LIVE_KINDS.join(
              ', ',
            )}${didYouMean(kind, LAB2LIVE_KINDS)}`,
          },
        ];
      }
      const validateSchema = schemaValidatorFor(kind);
      validateSchema(entity);
      return [
        ...issuesFromAjvErrors(validateSchema.errors, entity, kind),
        ...semanticIssues(kind, entity, stages),
      ];
    },
  };
}
