import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  DatasetRole,
  MLModelEntityV1alpha1,
} from './kinds/MLModelEntityV1alpha1';
import type { SlaEntityV1alpha1 } from './kinds/SlaEntityV1alpha1';
import { DEFAULT_REF_KINDS, namespaceOf, tryParseRef } from './refs';

/**
 * A dataset a model links to, with its reference resolved.
 *
 * @public
 */
export interface ModelDataset {
  ref: CompoundEntityRef;
  role: DatasetRole;
  version?: string;
}

function resolveAll(
  refs: unknown,
  defaultKind: string,
  namespace: string,
): CompoundEntityRef[] {
  if (!Array.isArray(refs)) {
    return [];
  }
  return refs
    .map(ref => tryParseRef(ref, defaultKind, namespace))
    .filter((ref): ref is CompoundEntityRef => ref !== undefined);
}

/**
 * The datasets of a model (`spec.datasets`), optionally only those with the
 * given role(s). References that do not parse are skipped.
 *
 * @public
 */
export function getModelDatasets(
  model: MLModelEntityV1alpha1,
  role?: DatasetRole | DatasetRole[],
): ModelDataset[] {
  const roles =
    role === undefined ? undefined : ([] as DatasetRole[]).concat(role);
  const namespace = namespaceOf(model);
  const result: ModelDataset[] = [];
  for (const link of model.spec.datasets ?? []) {
    if (roles && !roles.includes(link.role)) {
      continue;
    }
    const ref = tryParseRef(link.ref, DEFAULT_REF_KINDS.dataset, namespace);
    if (ref) {
      result.push(
        link.version === undefined
          ? { ref, role: link.role }
          : { ref, role: link.role, version: link.version },
      );
    }
  }
  return result;
}

/**
 * The SLAs a model declares (`spec.slas`), resolved. SLAs that declare the
 * model in their own `spec.appliesTo` are found through the `hasSla`
 * relation instead.
 *
 * @public
 */
export function getModelSlaRefs(
  model: MLModelEntityV1alpha1,
): CompoundEntityRef[] {
  return resolveAll(model.spec.slas, DEFAULT_REF_KINDS.sla, namespaceOf(model));
}

/**
 * The components that serve a model (`spec.servedBy`), resolved.
 *
 * @public
 */
export function getModelServingComponentRefs(
  model: MLModelEntityV1alpha1,
): CompoundEntityRef[] {
  return resolveAll(
    model.spec.servedBy,
    DEFAULT_REF_KINDS.component,
    namespaceOf(model),
  );
}

/**
 * The models an SLA applies to (`spec.appliesTo`), resolved.
 *
 * @public
 */
export function getSlaModelRefs(sla: SlaEntityV1alpha1): CompoundEntityRef[] {
  return resolveAll(
    sla.spec.appliesTo,
    DEFAULT_REF_KINDS.mlModel,
    namespaceOf(sla),
  );
}
