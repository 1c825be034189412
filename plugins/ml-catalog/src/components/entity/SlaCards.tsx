import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import {
  getSlaModelRefs,
  RELATION_SLA_OF,
  SlaEntityV1alpha1,
  SlaObjective,
} from '@lab2live/plugin-ml-catalog-common';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useEntitiesByRefs } from '../shared';
import { AsyncCard, CardEmptyState } from './CardStates';
import { MODEL_FIELDS, relationTargets } from './relations';
import { RelatedModelsTable } from './RelatedModelsTable';
import { formatObjective } from './slaFormat';

/** On an SLA's page: its objectives, compliance window, owner and consumers. */
export function EntitySlaObjectivesCard() {
  const { entity } = useEntity<SlaEntityV1alpha1>();
  const objectives = entity.spec?.objectives ?? [];
  const consumers = entity.spec?.consumers ?? [];
  return (
    <InfoCard title="Objectives">
      <StructuredMetadataTable
        dense
        metadata={{
          Window: entity.spec?.window ?? 'not stated',
          'Promised to':
            consumers.length > 0 ? (
              <EntityRefLinks entityRefs={consumers} defaultKind="component" />
            ) : (
              'not stated'
            ),
        }}
      />
      {objectives.length === 0 ? (
        <CardEmptyState
          title="No objectives"
          description="An SLA lists its objectives in spec.objectives: an indicator, an operator and a target."
        />
      ) : (
        <MuiTable size="small" aria-label="SLA objectives">
          <TableHead>
            <TableRow>
              <TableCell>Objective</TableCell>
              <TableCell>Target</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {objectives.map((objective: SlaObjective, index) => (
              <TableRow key={index}>
                <TableCell>{objective.name ?? objective.indicator}</TableCell>
                <TableCell>{formatObjective(objective)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      )}
    </InfoCard>
  );
}

/** On an SLA's page: the models it covers, whichever side declares the link. */
export function EntitySlaModelsCard() {
  const { entity } = useEntity<SlaEntityV1alpha1>();
  const refs = [
    ...new Set([
      ...getSlaModelRefs(entity).map(ref => stringifyEntityRef(ref)),
      ...relationTargets(entity, [RELATION_SLA_OF]),
    ]),
  ].sort();
  const { value, loading, error } = useEntitiesByRefs(refs, MODEL_FIELDS);
  if (loading || error) {
    return <AsyncCard title="Covered models" loading={loading} error={error} />;
  }
  if (refs.length === 0) {
    return (
      <InfoCard title="Covered models">
        <CardEmptyState
          title="This SLA covers no model"
          description="Name the models in spec.appliesTo, or link the SLA from the model's spec.slas."
        />
      </InfoCard>
    );
  }
  return (
    <RelatedModelsTable
      title="Covered models"
      rows={refs.map(ref => ({
        entityRef: ref,
        entity: value?.get(ref),
        relation: 'covered',
      }))}
    />
  );
}
