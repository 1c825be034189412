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
