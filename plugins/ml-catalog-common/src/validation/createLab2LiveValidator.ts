import Ajv, { type ValidateFunction } from 'ajv';
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
import { collectRefFields, isObject, namespaceOf } from '../refs';
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
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: true });
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

function isLab2LiveKind(kind: unknown): kind is Lab2LiveKind {
  return LAB2LIVE_KINDS.includes(kind as Lab2LiveKind);
}

const refValidators = makeValidator();

/** Explains why a reference is not valid, or returns undefined if it is. */
function checkRef(
  value: string,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind, defaultNamespace });
  } catch {
    return 'expected [kind:][namespace/]name';
  }
  if (!refValidators.isValidKind(ref.kind)) {
    return `"${ref.kind}" is not a valid kind`;
  }
  if (
    !refValidators.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US'))
  ) {
    return `"${ref.namespace}" is not a valid namespace`;
  }
  if (!refValidators.isValidEntityName(ref.name)) {
    return `"${ref.name}" is not a valid name`;
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
    const problem = checkRef(field.value, field.defaultKind, namespace);
    if (problem) {
      issues.push({
        path: field.path,
        message: `${field.path}: "${field.value}" is not a valid entity reference (${problem})`,
      });
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
