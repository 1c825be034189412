import type { ErrorObject } from 'ajv';
import { isObject } from '../refs';
import type { ValidationIssue } from './issues';
import { didYouMean, suggest } from './suggest';

/**
 * Turns a JSON pointer (`/spec/datasets/1/role`) into a field path
 * (`spec.datasets[1].role`), walking the data so that array indexes and
 * object keys that happen to be digits are told apart. Keys that are not
 * plain identifiers are quoted: `metadata.annotations["example.com/x"]`.
 *
 * @internal
 */
export function pointerToPath(pointer: string, data: unknown): string {
  if (!pointer) {
    return '';
  }
  const segments = pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  let current: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      path += `[${segment}]`;
      current = current[Number(segment)];
    } else {
      path = appendKey(path, segment);
      current = isObject(current) ? current[segment] : undefined;
    }
  }
  return path;
}

/** @internal */
export function appendKey(path: string, key: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) {
    return `${path}[${JSON.stringify(key)}]`;
  }
  return path ? `${path}.${key}` : key;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

function describeType(type: unknown): string {
  const types = String(type).split(',');
  return types.map(t => TYPE_NAMES[t] ?? t).join(' or ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Describes the alternatives of an anyOf/oneOf as a list of allowed values,
 * or undefined when a branch cannot be put in words. A pattern branch is
 * described by its `title`.
 */
function describeAlternatives(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches)) {
    return undefined;
  }
  const values: string[] = [];
  for (const branch of branches) {
    if (!isObject(branch)) {
      return undefined;
    }
    if (Array.isArray(branch.enum)) {
      values.push(...branch.enum.map(String));
    } else if (branch.const !== undefined) {
      values.push(String(branch.const));
    } else if (typeof branch.title === 'string') {
      values.push(branch.title);
    } else {
      return undefined;
    }
  }
  return values;
}

function parentSchemaPath(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

/**
 * Removes the noise of ajv's allErrors output:
 * - errors from inside an anyOf/oneOf, whose own error says it better;
 * - a type error next to an enum/const error on the same value, since the
 *   list of allowed values says more.
 */
function reduceNoise(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter(
    e => e.keyword === 'anyOf' || e.keyword === 'oneOf',
  );
  const valueChecks = new Set(
    errors
      .filter(e => e.keyword === 'enum' || e.keyword === 'const')
      .map(e => `${e.instancePath}|${parentSchemaPath(e.schemaPath)}`),
  );
  return errors.filter(e => {
    if (
      alternatives.some(
        a => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`),
      )
    ) {
      return false;
    }
    if (
      e.keyword === 'type' &&
      valueChecks.has(`${e.instancePath}|${parentSchemaPath(e.schemaPath)}`)
    ) {
      return false;
    }
    return true;
  });
}

function translate(
  error: ErrorObject,
  entity: unknown,
  kindLabel: string,
): ValidationIssue {
  const path = pointerToPath(error.instancePath, entity);
  const subject = path || 'the entity';
  const params = error.params as Record<string, unknown>;
  const parentSchema = isObject(error.parentSchema)
    ? error.parentSchema
    : undefined;

  switch (error.keyword) {
    case 'required': {
      const field = appendKey(path, String(params.missingProperty));
      return { path: field, message: `${field} is required` };
    }
    case 'additionalProperties': {
      const unknownField = String(params.additionalProperty);
      const field = appendKey(path, unknownField);
      const known = isObject(parentSchema?.properties)
        ? Object.keys(parentSchema!.properties as object)
        : [];
      const suggestion = suggest(unknownField, known);
      // Where the schema lets a company add fields of its own, say how.
      const extensible =
        isObject(parentSchema?.patternProperties) &&
        '^x-' in (parentSchema!.patternProperties as object);
      let hint = '';
      if (suggestion) {
        hint = ` (did you mean ${suggestion}?)`;
      } else if (extensible) {
        hint = ` (a field of your own must start with x-, e.g. x-${unknownField})`;
      }
      return {
        path: field,
        message: `${field} is not a known field of ${kindLabel} ${path}${hint}`,
      };
    }
    case 'type': {
      const expected = describeType(params.type);
      const data = error.data;
      let hint = '';
      if (
        params.type === 'string' &&
        (typeof data === 'number' || typeof data === 'boolean')
      ) {
        hint = ` (write it in quotes: "${String(data)}")`;
      } else if (
        params.type === 'number' &&
        typeof data === 'string' &&
        data.trim() !== '' &&
        Number.isFinite(Number(data))
      ) {
        hint = ` (remove the quotes: ${data.trim()})`;
      }
      return { path, message: `${subject} must be ${expected}${hint}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        path,
        message: `${subject} must be one of ${allowed.join(', ')}${didYouMean(
          error.data,
          allowed,
        )}`,
      };
    }
    case 'const':
      return {
        path,
        message: `${subject} must be ${String(params.allowedValue)}`,
      };
    case 'minItems': {
      const limit = Number(params.limit);
      return {
        path,
        message: `${subject} must have at least ${plural(limit, 'item')}`,
      };
    }
    case 'minLength': {
      const limit = Number(params.limit);
      return {
        path,
        message:
          limit === 1
            ? `${subject} must not be empty`
            : `${subject} must be at least ${plural(limit, 'character')} long`,
      };
    }
    case 'maxLength':
      return {
        path,
        message: `${subject} must be at most ${plural(
          Number(params.limit),
          'character',
        )} long`,
      };
    case 'pattern': {
      const title = parentSchema?.title;
      return {
        path,
        message:
          typeof title === 'string'
            ? `${subject} must be ${title}`
            : `${subject} must match the pattern ${String(params.pattern)}`,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      // A range reads better as a whole ("a share from 0 up to 1") than as one bound.
      const title = parentSchema?.title;
      const bound = `${String(params.comparison)} ${String(params.limit)}`;
      return {
        path,
        message: `${subject} must be ${
          typeof title === 'string' ? title : bound
        }; got ${JSON.stringify(error.data)}`,
      };
    }
    case 'anyOf':
    case 'oneOf': {
      const values = describeAlternatives(error.schema);
      return {
        path,
        message: values
          ? `${subject} must be one of ${values.join(', ')}${didYouMean(
              error.data,
              values,
            )}`
          : `${subject} does not match any of the allowed forms`,
      };
    }
    default:
      return { path, message: `${subject} ${error.message ?? 'is invalid'}` };
  }
}

/**
 * Translates ajv errors (compiled with allErrors and verbose) into
 * human-readable issues, without duplicates.
 *
 * @internal
 */
export function issuesFromAjvErrors(
  errors: ErrorObject[] | null | undefined,
  entity: unknown,
  kindLabel: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of reduceNoise(errors ?? [])) {
    const issue = translate(error, entity, kindLabel);
    const key = `${issue.path}\n${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
