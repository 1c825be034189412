import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  DeploymentEvent,
  ModelStatus,
  Review,
  ReviewItem,
  ReviewSummary,
} from '@lab2live/plugin-ml-catalog-common';

/** An audit entry as the pack lists it. */
export interface DocumentationAuditEntry {
  seq: number;
  occurredAt: string;
  actor: string;
  action: string;
  after?: unknown;
  hash: string;
}

/** Everything the pack is made from, read with the caller's credentials. */
export interface DocumentationInputs {
  model: Entity;
  /** The model's full, lower-case ref. */
  ref: string;
  /** Related entities the caller may see, by lower-case ref. */
  related: Map<string, Entity>;
  /** The SLAs covering the model that the caller may see. */
  slas: Entity[];
  /** Components that use the model (`dependsOn` it), by lower-case ref. */
  consumers: string[];
  /** The model's reviews, newest first, and the newest in full. */
  reviews: ReviewSummary[];
  review?: Review;
  status?: ModelStatus;
  /** Deployment reports, newest first. */
  deployments: DeploymentEvent[];
  /** The newest audit entries (oldest first), the chain's length and its head hash. */
  audit: {
    entries: DocumentationAuditEntry[];
    total: number;
    head: string | null;
  };
  generatedAt: Date;
}

/**
 * The spec of a model of either kind (an MLModel or an ai-model Resource), for fields
 * read by name: the pack reads what is there and lists what is not.
 */
export type AnySpec = Record<string, any>;

export const specOf = (model: Entity): AnySpec => (model.spec ?? {}) as AnySpec;

export const lowerRef = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/** A reference written in a spec, in its full lower-case form; undefined when bad. */
export function fullRef(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** An entity as people read it: its title and ref, or the ref alone. */
export function named(ref: string, related: Map<string, Entity>): string {
  const title = related.get(ref)?.metadata.title;
  return title ? `${title} (${ref})` : ref;
}

/** The checklist items of the review whose source names an article. */
export function itemsCiting(
  review: Review | undefined,
  article: number,
): ReviewItem[] {
  const pattern = new RegExp(`Art(icle|\\.)?\\s*${article}\\b`, 'i');
  return (review?.items ?? []).filter(item => pattern.test(item.source));
}

/** What checklist items say for themselves: done with evidence, or waived. */
export function itemEvidence(items: ReviewItem[]): string | undefined {
  const lines = items
    .filter(
      item =>
        (item.status === 'pass' && item.evidence.length > 0) ||
        item.status === 'waived',
    )
    .map(item =>
      item.status === 'waived'
        ? `${item.title} (${item.source}): waived, ${item.waiver?.reason ?? ''}`
        : `${item.title} (${item.source}): ${item.evidence.join(', ')}`,
    );
  return lines.length ? lines.join('; ') : undefined;
}

export const day = (iso?: string) => (iso ? iso.slice(0, 10) : '');
export const label = (value: string) => value.replace(/_/g, ' ');
