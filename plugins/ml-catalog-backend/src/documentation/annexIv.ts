import type {
  DocumentationSection,
  TechnicalDocumentation,
} from '@lab2live/plugin-ml-catalog-common';
import type { DocumentationInputs } from './inputs';
import {
  declaration,
  lifecycleChanges,
  postMarket,
  riskManagement,
  standards,
} from './recordSections';
import {
  development,
  functioning,
  generalDescription,
  metricAppropriateness,
} from './systemSections';

/** The regulation and annex the pack follows. */
export const ANNEX_IV_BASIS =
  'Regulation (EU) 2024/1689 (AI Act), Article 11 and Annex IV';

/** The nine points of Annex IV, in order. */
const SECTIONS: Array<(inputs: DocumentationInputs) => DocumentationSection> = [
  generalDescription,
  development,
  functioning,
  metricAppropriateness,
  riskManagement,
  lifecycleChanges,
  standards,
  declaration,
  postMarket,
];

/**
 * The technical documentation of one model, section by section of Annex IV, from the
 * catalog and Lab2Live's records. Every gap is listed as `Missing: <what> (record it
 * in <where>)`, and each section says whether it is complete, partial or missing.
 */
export function buildTechnicalDocumentation(
  inputs: DocumentationInputs,
): TechnicalDocumentation {
  const { model } = inputs;
  const spec = (model.spec ?? {}) as Record<string, any>;
  return {
    model: inputs.ref,
    title: model.metadata.title ?? model.metadata.name,
    ...(typeof spec.version === 'string' ? { version: spec.version } : {}),
    ...(spec.governance?.riskTier
      ? { riskTier: String(spec.governance.riskTier) }
      : {}),
    basis: ANNEX_IV_BASIS,
    generatedAt: inputs.generatedAt.toISOString(),
    auditChain: { head: inputs.audit.head, entries: inputs.audit.total },
    sections: SECTIONS.map(section => section(inputs)),
  };
}
