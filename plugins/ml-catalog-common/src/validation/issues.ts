import { isObject, namespaceOf } from '../refs';

/**
 * One problem found in an entity.
 *
 * @public
 */
export interface ValidationIssue {
  /**
   * The field the problem is about, e.g. `spec.datasets[1].role`; an empty
   * string when it is about the entity as a whole.
   */
  path: string;
  /**
   * A complete, human-readable sentence that starts with the path, e.g.
   * `spec.datasets[1].role must be one of training, validation, evaluation, monitoring`.
   */
  message: string;
}

function describeEntity(entity: unknown): {
  kind: string;
  namespace: string;
  name: string;
} {
  const kind =
    isObject(entity) && typeof entity.kind === 'string' && entity.kind
      ? entity.kind
      : 'Entity';
  const metadata = isObject(entity) ? entity.metadata : undefined;
  const name =
    isObject(metadata) && typeof metadata.name === 'string' && metadata.name
      ? metadata.name
      : '<unnamed>';
  return { kind, namespace: namespaceOf(entity), name };
}

/**
 * Formats an issue for logs and catalog processing errors, naming the
 * entity, e.g.
 * `MLModel default/churn: spec.datasets[1].role must be one of training, validation, evaluation, monitoring`.
 *
 * @public
 */
export function formatValidationIssue(
  entity: unknown,
  issue: ValidationIssue,
): string {
  const { kind, namespace, name } = describeEntity(entity);
  return `${kind} ${namespace}/${name}: ${issue.message}`;
}

/**
 * Thrown when an entity is not a valid Lab2Live entity. Its message lists
 * every issue, one per line.
 *
 * @public
 */
export class Lab2LiveValidationError extends Error {
  /** All problems found in the entity. */
  readonly issues: ValidationIssue[];
  /** The reference of the invalid entity, e.g. `mlmodel:default/churn`. */
  readonly entityRef: string;

  constructor(entity: unknown, issues: ValidationIssue[]) {
    const { kind, namespace, name } = describeEntity(entity);
    super(
      issues.length
        ? issues.map(issue => formatValidationIssue(entity, issue)).join('\n')
        : `${kind} ${namespace}/${name} is not valid`,
    );
    this.name = 'Lab2LiveValidationError';
    this.issues = issues;
    this.entityRef = `${kind.toLocaleLowerCase(
      'en-US',
    )}:${namespace.toLocaleLowerCase('en-US')}/${name.toLocaleLowerCase(
      'en-US',
    )}`;
  }
}
