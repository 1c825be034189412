import {
  LAB2LIVE_API_VERSION,
  LAB2LIVE_KINDS,
  Lab2LiveKind,
} from '../kinds/constants';
import { isObject } from '../refs';
import { suggest } from './suggest';
import type { ValidationIssue } from './issues';

function lab2LiveKindLike(
  kind: string,
  allowTypos: boolean,
): Lab2LiveKind | undefined {
  const sameLetters = LAB2LIVE_KINDS.find(
    k => k.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US'),
  );
  if (sameLetters || !allowTypos) {
    return sameLetters;
  }
  return suggest(kind, LAB2LIVE_KINDS) as Lab2LiveKind | undefined;
}

/**
 * Catches the header mistakes that would otherwise leave an entity to the catalog's
 * generic "no processor recognized" warning: a Lab2Live kind written with a Backstage
 * apiVersion (or none), and a misspelt kind under the Lab2Live apiVersion.
 *
 * Kinds under other API groups are left alone: another plugin may own them.
 *
 * @public
 */
export function checkLab2LiveKindHeader(
  entity: unknown,
): ValidationIssue | undefined {
  if (!isObject(entity) || typeof entity.kind !== 'string') {
    return undefined;
  }
  const { kind } = entity;
  const apiVersion =
    typeof entity.apiVersion === 'string' ? entity.apiVersion : undefined;
  const isLab2LiveGroup = apiVersion?.startsWith('lab2live.io/') ?? false;
  const exactKind = (LAB2LIVE_KINDS as readonly string[]).includes(kind);

  if (apiVersion === LAB2LIVE_API_VERSION) {
    if (exactKind) {
      return undefined;
    }
    const suggestion = lab2LiveKindLike(kind, true);
    return {
      path: 'kind',
      message: `kind "${kind}" is not a Lab2Live kind; ${LAB2LIVE_API_VERSION} defines ${LAB2LIVE_KINDS.join(
        ', ',
      )}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
    };
  }

  // Under Backstage's own group only the kind names themselves count (any case): a
  // near miss there may be another plugin's kind.
  let intended: Lab2LiveKind | undefined;
  if (apiVersion === undefined || isLab2LiveGroup) {
    intended = lab2LiveKindLike(kind, true);
  } else if (apiVersion.startsWith('backstage.io/')) {
    intended = lab2LiveKindLike(kind, false);
  }
  if (!intended) {
    return undefined;
  }
  const written = apiVersion ? `apiVersion ${apiVersion}` : 'no apiVersion';
  const kindHint = kind === intended ? '' : ` and kind ${intended}`;
  return {
    path: 'apiVersion',
    message: `${intended} is a Lab2Live kind: write apiVersion ${LAB2LIVE_API_VERSION}${kindHint} (found ${written})`,
  };
}

/**
 * A kind a tool knows, with the apiVersions it is written with.
 *
 * @public
 */
export interface KnownKind {
  kind: string;
  apiVersions: readonly string[];
}

/**
 * The kinds of Backstage's catalog model and Lab2Live's, with their
 * apiVersions: what `lab2live-validate` checks.
 *
 * @public
 */
export const KNOWN_CATALOG_KINDS: readonly KnownKind[] = [
  ...LAB2LIVE_KINDS.map(kind => ({
    kind,
    apiVersions: [LAB2LIVE_API_VERSION],
  })),
  ...[
    'API',
    'Component',
    'Domain',
    'Group',
    'Location',
    'Resource',
    'System',
    'User',
  ].map(kind => ({
    kind,
    apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  })),
  { kind: 'Template', apiVersions: ['scaffolder.backstage.io/v1beta3'] },
];

function listOf(values: readonly string[]): string {
  return values.length < 2
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * Names what is wrong with an entity's kind and apiVersion when they are not
 * among the known ones: a missing or unknown kind (with the known kind it was
 * probably meant to be, `Componnet` → Component), or an apiVersion its kind
 * is not written with. Returns undefined when the pair is known.
 *
 * @public
 */
export function checkKnownKindHeader(
  entity: unknown,
  known: readonly KnownKind[] = KNOWN_CATALOG_KINDS,
): ValidationIssue | undefined {
  if (!isObject(entity)) {
    return undefined;
  }
  const { kind, apiVersion } = entity;
  if (typeof kind !== 'string' || !kind) {
    return { path: 'kind', message: 'kind is required' };
  }
  const entry = known.find(k => k.kind === kind);
  if (!entry) {
    const kinds = known.map(k => k.kind);
    const meant = suggest(kind, kinds);
    return {
      path: 'kind',
      message: `kind "${kind}" is not a known kind${
        meant ? ` (did you mean ${meant}?)` : ''
      }; known kinds are ${kinds.join(', ')}`,
    };
  }
  if (typeof apiVersion !== 'string' || !apiVersion) {
    return {
      path: 'apiVersion',
      message: `apiVersion is required: ${kind} is written with ${listOf(
        entry.apiVersions,
      )}`,
    };
  }
  if (!entry.apiVersions.includes(apiVersion)) {
    return {
      path: 'apiVersion',
      message: `apiVersion "${apiVersion}" is not known for kind ${kind}: write ${listOf(
        entry.apiVersions,
      )}`,
    };
  }
  return undefined;
}
