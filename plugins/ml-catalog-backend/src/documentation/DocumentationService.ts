import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, RELATION_DEPENDENCY_OF } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  getLab2LiveRelations,
  isSlaEntity,
  TechnicalDocumentation,
} from '@lab2live/plugin-ml-catalog-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { AuditLog } from '../audit/AuditLog';
import type { GovernanceService } from '../governance/GovernanceService';
import { slaRefsOf } from '../governance/checks';
import { entitiesByRef } from '../service/entitiesByRef';
import type { StatusService } from '../service/StatusService';
import { buildTechnicalDocumentation } from './annexIv';
import { DocumentationInputs, fullRef, lowerRef, specOf } from './inputs';

/** How many of the newest audit entries and deployment reports the pack lists. */
export const DOCUMENTATION_AUDIT_ENTRIES = 200;
const DEPLOYMENT_REPORTS = 100;
const REVIEW_HISTORY = 100;

/**
 * Gathers a model's technical documentation: the model and its related entities from
 * the catalog with the caller's credentials, and its reviews, audit log, deployments
 * and SLA status from Lab2Live. Reading it needs what reading the model's reviews
 * needs: lab2live.review.read (403 otherwise) and a model the caller may see (404).
 */
export class DocumentationService {
  private readonly clock: () => number;

  constructor(
    private readonly options: {
      governance: GovernanceService;
      status: StatusService;
      audit: AuditLog;
      catalog: CatalogService;
      clock?: () => number;
    },
  ) {
    this.clock = options.clock ?? Date.now;
  }

  async getDocumentation(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<TechnicalDocumentation> {
    return buildTechnicalDocumentation(
      await this.gather(modelRef, credentials),
    );
  }

  private async gather(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<DocumentationInputs> {
    const { governance, status, audit } = this.options;
    // First, so a caller without the read permission or the model learns nothing.
    const reviews = await governance.listModelReviews(
      modelRef,
      { limit: REVIEW_HISTORY },
      credentials,
    );
    const model = await status.getModelEntity(modelRef, credentials);
    const ref = lowerRef(model);
    const [review, modelStatus, history, newest] = await Promise.all([
      reviews.items[0]
        ? governance.getReview(reviews.items[0].id, credentials)
        : undefined,
      status.getModelStatus(ref, credentials),
      status.getDeploymentHistory(
        ref,
        { limit: DEPLOYMENT_REPORTS },
        credentials,
      ),
      audit.listAuditEvents(ref, {
        order: 'desc',
        limit: DOCUMENTATION_AUDIT_ENTRIES,
      }),
    ]);
    const related = await this.related(model, credentials);
    const slaRefs = new Set(this.slaRefs(model));
    return {
      model,
      ref,
      related,
      slas: [...related.values()].filter(
        e => isSlaEntity(e) && slaRefs.has(lowerRef(e)),
      ),
      consumers: (model.relations ?? [])
        .filter(r => r.type === RELATION_DEPENDENCY_OF)
        .map(r => r.targetRef.toLocaleLowerCase('en-US')),
      reviews: reviews.items,
      review,
      status: modelStatus,
      deployments: history.items,
      audit: {
        entries: [...newest].reverse().map(e => ({
          seq: e.seq,
          occurredAt: new Date(e.occurredAt).toISOString(),
          actor: e.actor,
          action: e.action,
          ...(e.after !== undefined ? { after: e.after } : {}),
          hash: e.hash,
        })),
        total: newest[0]?.seq ?? 0,
        head: newest[0]?.hash ?? null,
      },
      generatedAt: new Date(this.clock()),
    };
  }

  /** The SLAs covering the model, whichever side declares the link. */
  private slaRefs(model: Entity): string[] {
    const namespace = model.metadata.namespace ?? 'default';
    const declared = ((specOf(model).slas ?? []) as string[])
      .map(r => fullRef(r, 'sla', namespace))
      .filter((r): r is string => !!r);
    return [...new Set([...slaRefsOf(model), ...declared])];
  }

  /**
   * The entities the model names or that name it (owner, system, datasets, SLAs,
   * serving and using components, base model, SLA consumers), as the caller sees them.
   */
  private async related(
    model: Entity,
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const refs = new Set<string>([
      ...getLab2LiveRelations(model).map(r =>
        stringifyEntityRef(r.target).toLocaleLowerCase('en-US'),
      ),
      ...this.slaRefs(model),
      ...(model.relations ?? []).map(r =>
        r.targetRef.toLocaleLowerCase('en-US'),
      ),
      ...((specOf(model).metrics ?? []) as Array<{ dataset?: string }>)
        .map(m =>
          fullRef(m.dataset, 'dataset', model.metadata.namespace ?? 'default'),
        )
        .filter((r): r is string => !!r),
    ]);
    const found = await this.fetch([...refs], credentials);
    // The SLAs' consumers, which the model itself does not name.
    const consumers = [...found.values()]
      .filter(isSlaEntity)
      .flatMap(sla =>
        (sla.spec.consumers ?? []).map(c =>
          fullRef(c, 'component', sla.metadata.namespace ?? 'default'),
        ),
      )
      .filter((r): r is string => !!r && !found.has(r));
    for (const [key, entity] of await this.fetch(consumers, credentials)) {
      found.set(key, entity);
    }
    return found;
  }

  private fetch(refs: string[], credentials: BackstageCredentials) {
    return entitiesByRef(this.options.catalog, refs, credentials);
  }
}
