import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  DatasetRole,
  MLModelEntityV1alpha1,
} from './kinds/MLModelEntityV1alpha1';
import type { SlaEntityV1alpha1 } from './kinds/SlaEntityV1alpha1';
import { REF_RULES, RefRule, namespaceOf, parseRefByRule } from './refs';

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
  rule: RefRule,
  namespace: string,
): CompoundEntityRef[] {
  if (!Array.isArray(refs)) {
    return [];
  }
  return refs
    .map(ref => parseRefByRule(ref, rule, namespace))
    .filter((ref): ref is CompoundEntityRef => ref !== undefined);
}

/**
 * The datasets of a model (`spec.datasets`), optionally only those with the
 * given role(s). References that do not parse or name a kind the field does
 * not accept are skipped.
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
    const ref = parseRefByRule(link.ref, REF_RULES.dataset, namespace);
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
  return resolveAll(model.spec.slas, REF_RULES.sla, namespaceOf(model));
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
    REF_RULES.component,
    namespaceOf(model),
  );
}

/**
 * The models an SLA applies to (`spec.appliesTo`), resolved.
 *
 * @public
 */
export function getSlaModelRefs(sla: SlaEntityV1alpha1): CompoundEntityRef[] {
  return resolveAll(sla.spec.appliesTo, REF_RULES.mlModel, namespaceOf(sla));
}
