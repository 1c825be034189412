import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import {
  DatasetEntityV1alpha1,
  RELATION_DERIVATION_OF,
  RELATION_DERIVED_FROM,
  RELATION_EVALUATION_DATA_FOR,
  RELATION_MONITORING_DATA_FOR,
  RELATION_TRAINING_DATA_FOR,
} from '@lab2live/plugin-ml-catalog-common';
import Typography from '@material-ui/core/Typography';
import {
  EntityRefOrMissing,
  useEntitiesByRefs,
  WebLink,
  yesNo,
} from '../shared';
import { AsyncCard, CardEmptyState } from './CardStates';
import { fullRef, MODEL_FIELDS, relationTargets } from './relations';
import { RelatedModel, RelatedModelsTable } from './RelatedModelsTable';

/** The links of a model to one dataset (a model may use it in several roles). */
function linksTo(model: Entity, datasetRef: string) {
  const datasets = (model.spec as { datasets?: unknown })?.datasets;
  if (!Array.isArray(datasets)) {
    return [];
  }
  return datasets.filter(
    link => fullRef(link?.ref, 'dataset', model) === datasetRef,
  ) as Array<{ role: string; version?: string }>;
}

/** On a Dataset's page: the models trained, evaluated or monitored on it, by role. */
export function EntityDatasetModelsCard() {
  const { entity } = useEntity();
  const datasetRef = stringifyEntityRef(entity);
  const refs = relationTargets(entity, [
    RELATION_TRAINING_DATA_FOR,
    RELATION_EVALUATION_DATA_FOR,
    RELATION_MONITORING_DATA_FOR,
  ]);
  const { value, loading, error } = useEntitiesByRefs(refs, MODEL_FIELDS);
  if (loading || error) {
    return <AsyncCard title="Models" loading={loading} error={error} />;
  }
  if (refs.length === 0) {
    return (
      <InfoCard title="Models">
        <CardEmptyState
          title="No model uses this dataset"
          description="Models link their data in spec.datasets with a role (training, validation, evaluation or monitoring)."
        />
      </InfoCard>
    );
  }
  const rows: RelatedModel[] = refs.flatMap(ref => {
    const model = value?.get(ref);
    const links = model ? linksTo(model, datasetRef) : [];
    if (links.length === 0) {
      return [{ entityRef: ref, entity: model, relation: 'linked' }];
    }
    return links.map(link => ({
      entityRef: ref,
      entity: model,
      relation: link.role,
      detail: link.version ? `version ${link.version}` : undefined,
    }));
  });
  const roleOrder = ['training', 'validation', 'evaluation', 'monitoring'];
  rows.sort(
    (a, b) =>
      roleOrder.indexOf(a.relation) - roleOrder.indexOf(b.relation) ||
      a.entityRef.localeCompare(b.entityRef),
  );
  return (
    <RelatedModelsTable
      title="Models"
      subtitle="Models trained, validated, evaluated or monitored on this dataset"
      relationTitle="Role"
      rows={rows}
    />
  );
}

/**
 * On a Dataset's page: where the data comes from and what is derived from it, with the
 * facts a reviewer needs (license, personal data, location, version, datasheet).
 */
export function EntityDatasetLineageCard() {
  const { entity } = useEntity<DatasetEntityV1alpha1>();
  const upstream = [
    ...new Set([
      ...(entity.spec?.derivedFrom ?? []).flatMap(
        ref => fullRef(ref, 'dataset', entity) ?? [],
      ),
      ...relationTargets(entity, [RELATION_DERIVED_FROM]),
    ]),
  ];
  const downstream = relationTargets(entity, [RELATION_DERIVATION_OF]);
  const { value, loading, error } = useEntitiesByRefs(upstream);
  const spec = entity.spec ?? ({} as DatasetEntityV1alpha1['spec']);
  const location = spec.location;
  return (
    <AsyncCard title="Lineage and data facts" loading={loading} error={error}>
      <StructuredMetadataTable
        dense
        metadata={{
          Upstream:
            upstream.length > 0 ? (
              <>
                {upstream.map(ref => (
                  <div key={ref}>
                    <EntityRefOrMissing
                      entityRef={ref}
                      entity={value?.get(ref)}
                      defaultKind="dataset"
                    />
                  </div>
                ))}
              </>
            ) : (
              'none (source data)'
            ),
          Downstream:
            downstream.length > 0 ? (
              <EntityRefLinks entityRefs={downstream} defaultKind="dataset" />
            ) : (
              'none'
            ),
          License: spec.license ?? 'not stated',
          'Personal data': yesNo(spec.personalData),
          Version: spec.version ?? 'not stated',
          Location: location ? <WebLink to={location} /> : 'not stated',
          Datasheet: spec.datasheet ? (
            <WebLink to={spec.datasheet}>datasheet</WebLink>
          ) : (
            <Typography variant="body2" color="textSecondary">
              none
            </Typography>
          ),
        }}
      />
    </AsyncCard>
  );
}
