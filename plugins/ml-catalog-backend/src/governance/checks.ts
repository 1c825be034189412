import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  getModelDatasets,
  isMLModelEntity,
  isSlaEntity,
  MLModelEntityV1alpha1,
  RELATION_HAS_SLA,
} from '@lab2live/plugin-ml-catalog-common';
import type {
  GovernanceCheck,
  GovernanceCheckContext,
} from '@lab2live/plugin-ml-catalog-node';

const ref = (r: Parameters<typeof stringifyEntityRef>[0]) =>
  stringifyEntityRef(r).toLocaleLowerCase('en-US');

/** The SLAs covering a model, whichever side declares the link. */
export function slaRefsOf(model: Entity): string[] {
  return [
    ...new Set(
      (model.relations ?? [])
        .filter(r => r.type === RELATION_HAS_SLA)
        .map(r => r.targetRef.toLocaleLowerCase('en-US')),
    ),
  ];
}

/** Every entity a model's checks look at: its datasets and SLAs. */
export function relatedRefsOf(model: Entity): string[] {
  if (!isMLModelEntity(model)) return [];
  return [
    ...new Set([
      ...getModelDatasets(model).map(d => ref(d.ref)),
      ...slaRefsOf(model),
    ]),
  ];
}

const asModel = (context: GovernanceCheckContext) =>
  context.entity as MLModelEntityV1alpha1;

const result = (missing: string[], ok: string) =>
  missing.length === 0
    ? { passed: true, detail: ok }
    : { passed: false, detail: `Missing: ${missing.join('; ')}` };

/** The automated checks of the default checklist, decided from catalog data. */
export const BUILT_IN_CHECKS: GovernanceCheck[] = [
  {
    id: 'owner-version-license',
    evaluate(context) {
      const { spec } = asModel(context);
      const missing = [
        spec.owner ? '' : 'spec.owner',
        spec.version ? '' : 'spec.version',
        spec.license ? '' : 'spec.license',
      ].filter(Boolean);
      return result(
        missing,
        `owner ${spec.owner}, version ${spec.version}, license ${spec.license}`,
      );
    },
  },
  {
    id: 'intended-use',
    evaluate(context) {
      const use = asModel(context).spec.intendedUse ?? {};
      const missing = [
        use.primaryUses?.trim() ? '' : 'spec.intendedUse.primaryUses',
        use.outOfScope?.trim() ? '' : 'spec.intendedUse.outOfScope',
      ].filter(Boolean);
      return result(missing, 'Primary and out-of-scope uses are stated');
    },
  },
  {
    id: 'datasets-linked',
    evaluate(context) {
      const model = asModel(context);
      const datasets = getModelDatasets(model);
      const missing: string[] = [];
      for (const role of ['training', 'evaluation'] as const) {
        if (!datasets.some(d => d.role === role)) {
          missing.push(`a ${role} dataset in spec.datasets`);
        }
      }
      for (const d of datasets) {
        if (!context.related.has(ref(d.ref))) {
          missing.push(`${ref(d.ref)} is not in the catalog`);
        }
        if ((d.role === 'training' || d.role === 'evaluation') && !d.version) {
          missing.push(`the version of ${ref(d.ref)} (${d.role})`);
        }
      }
      return result(
        missing,
        `${datasets.length} dataset(s) linked with their versions`,
      );
    },
  },
  {
    id: 'sla-objectives',
    evaluate(context) {
      const slas = slaRefsOf(context.entity)
        .map(r => context.related.get(r))
        .filter((e): e is Entity => !!e && isSlaEntity(e));
      if (slas.length === 0) {
        return { passed: false, detail: 'Missing: an SLA covering the model' };
      }
      const indicators = new Set(
        slas.flatMap(s =>
          isSlaEntity(s) ? s.spec.objectives.map(o => o.indicator) : [],
        ),
      );
      const missing = [
        [...indicators].some(i => i.startsWith('latency_'))
          ? ''
          : 'a latency objective',
        indicators.has('availability_pct') ? '' : 'an availability objective',
        indicators.has('model_age_days') ? '' : 'a model-age objective',
      ].filter(Boolean);
      return result(
        missing,
        `${slas
          .map(s => s.metadata.name)
          .join(', ')} with latency, availability and model-age objectives`,
      );
    },
  },
  {
    id: 'personal-data-declared',
    evaluate(context) {
      const model = asModel(context);
      const missing: string[] = [];
      if (typeof model.spec.governance?.personalData !== 'boolean') {
        missing.push('spec.governance.personalData on the model');
      }
      for (const d of getModelDatasets(model)) {
        const dataset = context.related.get(ref(d.ref));
        if (dataset && typeof dataset.spec?.personalData !== 'boolean') {
          missing.push(`spec.personalData on ${ref(d.ref)}`);
        }
      }
      return result(
        missing,
        'The model and its datasets declare whether they hold personal data',
      );
    },
  },
];
