import {
  Entity,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  KindValidator,
} from '@backstage/catalog-model';
import {
  KNOWN_CATALOG_KINDS,
  KnownKind,
  ValidationIssue,
  checkKnownKindHeader,
  checkLab2LiveKindHeader,
  createLab2LiveValidator,
  formatValidationIssue,
} from '@lab2live/plugin-ml-catalog-common';
import fs from 'node:fs/promises';
import { LineCounter, parseAllDocuments } from 'yaml';

/** One entity (one YAML document) and what is wrong with it. */
export interface EntityReport {
  /** 1-based position of the document in its file. */
  document: number;
  /** 1-based line where the document starts. */
  line: number;
  kind?: string;
  name?: string;
  /**
   * `valid` or `invalid` by the Lab2Live or Backstage rules; `skipped`: a known
   * kind nobody here checks (Template) or one allowed with `allowKinds`. A kind
   * or apiVersion nobody knows is `invalid`, never skipped.
   */
  status: 'valid' | 'invalid' | 'skipped';
  errors: Array<{ path?: string; message: string }>;
}

export interface FileReport {
  file: string;
  /** Problems with the file itself: unreadable, or YAML that does not parse. */
  errors: Array<{ line?: number; message: string }>;
  entities: EntityReport[];
}

export interface ValidateOptions {
  lifecycleStages?: string[];
  /**
   * Kinds of other plugins to accept unchecked, under any apiVersion (e.g.
   * `Pipeline`); they are reported as skipped.
   */
  allowKinds?: string[];
}

/** Known kinds that lab2live-validate accepts without checking their content. */
const UNCHECKED_KINDS: ReadonlySet<string> = new Set(['Template']);

const builtInValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

async function checkBuiltInKind(
  entity: Entity,
): Promise<EntityReport['status'] | string> {
  for (const validator of builtInValidators) {
    try {
      if (await validator.check(entity)) return 'valid';
    } catch (error) {
      return (error as Error).message;
    }
  }
  return 'skipped';
}

function describe(entity: unknown): { kind?: string; name?: string } {
  const e = entity as Partial<Entity> | null;
  return {
    kind: typeof e?.kind === 'string' ? e.kind : undefined,
    name: typeof e?.metadata?.name === 'string' ? e.metadata.name : undefined,
  };
}

/**
 * Validates catalog files the way the Lab2Live catalog module does: the same
 * validators and messages for MLModel, Dataset and SLA, Backstage's own validators for
 * the built-in kinds. Every document of every file is checked; one bad document never
 * hides the others.
 */
export async function validateFiles(
  files: string[],
  options: ValidateOptions = {},
): Promise<FileReport[]> {
  const validator = createLab2LiveValidator({
    lifecycleStages: options.lifecycleStages,
  });
  const allowKinds = new Set(options.allowKinds ?? []);
  const knownKinds: KnownKind[] = [...KNOWN_CATALOG_KINDS];
  const reports: FileReport[] = [];

  for (const file of files) {
    const report: FileReport = { file, errors: [], entities: [] };
    reports.push(report);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      report.errors.push({
        message: `cannot read file: ${(error as Error).message}`,
      });
      continue;
    }

    const lineCounter = new LineCounter();
    const documents = parseAllDocuments(text, { lineCounter });
    const list = Array.isArray(documents) ? documents : [documents];
    list.forEach((doc, index) => {
      // The line of the entity itself, after any `---` marker and leading comments.
      const start = lineCounter.linePos(
        doc.contents?.range?.[0] ?? doc.range[0],
      ).line;
      if (doc.errors.length > 0) {
        for (const error of doc.errors) {
          report.errors.push({
            line: error.linePos?.[0]?.line ?? start,
            message: `YAML error in document ${index + 1}: ${
              error.message.split('\n')[0]
            }`,
          });
        }
        return;
      }
      const entity = doc.toJSON();
      if (entity === null || entity === undefined) return; // an empty document
      report.entities.push({
        document: index + 1,
        line: start,
        ...describe(entity),
        status: 'valid',
        errors: [],
      });
    });

    for (const entry of report.entities) {
      const entity = list[entry.document - 1].toJSON();
      if (typeof entity !== 'object' || Array.isArray(entity)) {
        entry.status = 'invalid';
        entry.errors.push({
          message: 'a catalog entity must be a YAML mapping',
        });
      } else if (
        validator.supports(entity) ||
        checkLab2LiveKindHeader(entity)
      ) {
        const headerIssue = checkLab2LiveKindHeader(entity);
        const issues: ValidationIssue[] = headerIssue
          ? [headerIssue]
          : validator.validate(entity);
        if (issues.length > 0) {
          entry.status = 'invalid';
          entry.errors.push(
            ...issues.map(issue => ({
              path: issue.path,
              message: formatValidationIssue(entity, issue),
            })),
          );
        }
      } else if (allowKinds.has(entry.kind ?? '')) {
        entry.status = 'skipped';
      } else if (checkKnownKindHeader(entity, knownKinds)) {
        const issue = checkKnownKindHeader(entity, knownKinds)!;
        entry.status = 'invalid';
        entry.errors.push({
          path: issue.path,
          message: formatValidationIssue(entity, issue),
        });
      } else if (UNCHECKED_KINDS.has(entry.kind ?? '')) {
        entry.status = 'skipped';
      } else {
        const result = await checkBuiltInKind(entity);
        if (result === 'valid') {
          entry.status = result;
        } else if (result === 'skipped') {
          // A known kind and apiVersion that Backstage's validator still refuses.
          entry.status = 'invalid';
          entry.errors.push({
            path: 'apiVersion',
            message: `${entry.kind} ${
              entity.metadata?.namespace ?? 'default'
            }/${entry.name}: apiVersion "${
              entity.apiVersion
            }" is not accepted for kind ${entry.kind} by the catalog`,
          });
        } else {
          entry.status = 'invalid';
          entry.errors.push({
            message: `${entry.kind} ${
              entity.metadata?.namespace ?? 'default'
            }/${entry.name}: ${result}`,
          });
        }
      }
    }
  }
  return reports;
}

/** True when any file or entity has an error. */
export function hasErrors(reports: FileReport[]): boolean {
  return reports.some(
    r => r.errors.length > 0 || r.entities.some(e => e.status === 'invalid'),
  );
}
