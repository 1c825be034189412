import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  Lab2LiveValidationError,
  checkLab2LiveKindHeader,
  createLab2LiveValidator,
  getLab2LiveRelations,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * Options for {@link MlCatalogEntitiesProcessor}.
 *
 * @public
 */
export interface MlCatalogEntitiesProcessorOptions {
  /** The allowed values of spec.lifecycle; the built-in stage list when absent. */
  lifecycleStages?: string[];
}

/**
 * Validates the Lab2Live kinds (MLModel, Dataset, SLA) and emits their relations in
 * both directions. A bad entity fails on its own with every problem named; the other
 * entities of the same file load as usual.
 *
 * @public
 */
export class MlCatalogEntitiesProcessor implements CatalogProcessor {
  private readonly validator: ReturnType<typeof createLab2LiveValidator>;

  constructor(options: MlCatalogEntitiesProcessorOptions = {}) {
    this.validator = createLab2LiveValidator({
      lifecycleStages: options.lifecycleStages,
    });
  }

  getProcessorName(): string {
    return 'MlCatalogEntitiesProcessor';
  }

  /**
   * Before the catalog's model processor (default 20), which validates the same kinds
   * against the same schema when our layer is in the catalog's model: the first error
   * wins, and ours names every problem.
   */
  getPriority(): number {
    return 10;
  }

  /**
   * A Lab2Live kind with another apiVersion fails here, with our message, before the
   * catalog's model processor (which knows our kinds when our layer is in the catalog's
   * model) refuses it with a generic one.
   */
  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!this.validator.supports(entity)) {
      const headerIssue = checkLab2LiveKindHeader(entity);
      if (headerIssue) {
        throw new Lab2LiveValidationError(entity, [headerIssue]);
      }
    }
    return entity;
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!this.validator.supports(entity)) {
      // A Lab2Live kind with the wrong apiVersion would otherwise only get the
      // catalog's generic "no processor recognized" warning.
      const headerIssue = checkLab2LiveKindHeader(entity);
      if (headerIssue) {
        throw new Lab2LiveValidationError(entity, [headerIssue]);
      }
      return false;
    }
    const issues = this.validator.validate(entity);
    if (issues.length > 0) {
      throw new Lab2LiveValidationError(entity, issues);
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!this.validator.supports(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    for (const relation of getLab2LiveRelations(entity)) {
      emit(
        processingResult.relation({
          source: self,
          type: relation.type,
          target: relation.target,
        }),
      );
      emit(
        processingResult.relation({
          source: relation.target,
          type: relation.reverseType,
          target: self,
        }),
      );
    }
    return entity;
  }
}
