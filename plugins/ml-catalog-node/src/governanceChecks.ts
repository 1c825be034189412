import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { ChecklistItemDefinition } from '@lab2live/plugin-ml-catalog-common';

/**
 * What an automated check sees: the model and the catalog entities it links to
 * (datasets, SLAs, services), by lower-case entity reference. A linked entity that is
 * not in the catalog is absent from `related`.
 *
 * @public
 */
export interface GovernanceCheckContext {
  entity: Entity;
  related: Map<string, Entity>;
}

/**
 * The outcome of an automated check, with a short reason people can act on.
 *
 * @public
 */
export interface GovernanceCheckResult {
  passed: boolean;
  detail: string;
}

/**
 * An automated checklist check, decided from catalog data. Checklist items name it in
 * their `check` field.
 *
 * @public
 */
export interface GovernanceCheck {
  /** Stable, kebab-case. */
  id: string;
  evaluate(
    context: GovernanceCheckContext,
  ): GovernanceCheckResult | Promise<GovernanceCheckResult>;
}

/**
 * Lets backend modules add automated checks, and checklist items that use them, to the
 * Lab2Live governance reviews.
 *
 * @public
 */
export interface MlCatalogGovernanceExtensionPoint {
  addChecks(...checks: GovernanceCheck[]): void;
  addChecklistItems(...items: ChecklistItemDefinition[]): void;
}

/**
 * The extension point for {@link GovernanceCheck}s.
 *
 * @public
 */
export const mlCatalogGovernanceExtensionPoint =
  createExtensionPoint<MlCatalogGovernanceExtensionPoint>({
    id: 'ml-catalog.governance',
  });
