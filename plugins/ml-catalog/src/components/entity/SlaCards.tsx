import { ReactNode } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import {
  getSlaModelRefs,
  RELATION_SLA_OF,
  SlaEntityV1alpha1,
  SlaObjective,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useApi } from '@backstage/core-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlCatalogStatusApiRef } from '../../api';
import { partOf } from '../../api/summaryReads';
import { useEntitiesByRefs } from '../shared';
import { SlaStatusChip } from '../status';
import { SlaBurnAlert } from './SlaBurnAlert';
import { formatEvaluation } from './objectiveFormat';
import { AsyncCard, CardEmptyState } from './CardStates';
import { MODEL_FIELDS, relationTargets } from './relations';
import { RelatedModelsTable } from './RelatedModelsTable';
import { formatObjective } from './slaFormat';

const KEEP_WORDS = { overflowWrap: 'normal', wordBreak: 'keep-all' } as const;

/** The models an SLA covers, whichever side declares the link. */
function coveredModels(entity: SlaEntityV1alpha1): string[] {
  return [
    ...new Set([
      ...getSlaModelRefs(entity).map(ref =>
        stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
      ),
      ...relationTargets(entity, [RELATION_SLA_OF]),
    ]),
  ].sort();
}

/**
 * How this SLA's objectives stand for each covered model, in one request. A covered
 * model the user may not see, or that has no status, shows nothing rather than a guess.
 * The covered models card makes the same read: the client answers both with one
 * request.
 */
function useObjectiveStatus(entity: SlaEntityV1alpha1) {
  const api = useApi(mlCatalogStatusApiRef);
  const slaRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return useAsync(async () => {
    const { items } = await api.getSlaStatus(slaRef);
    return new Map(items.map(item => [item.model, item.objectives]));
  }, [api, slaRef]);
}

/**
 * The covered models' status and compliance as the SLA's status read brings them, or
 * undefined when it does not (a status API of another make): the table reads them.
 */
function useCoveredModels(entity: SlaEntityV1alpha1) {
  const api = useApi(mlCatalogStatusApiRef);
  const slaRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error } = useAsync(async () => {
    const { models } = await api.getSlaStatus(slaRef);
    if (!models) return undefined;
    const [status, compliance] = await Promise.allSettled([
      partOf(models, 'status'),
      partOf(models, 'compliance'),
    ]);
    return { status, compliance };
  }, [api, slaRef]);
  if (loading || error) {
    const pending = { loading, error };
    return { status: pending, compliance: pending };
  }
  if (!value) return {};
  const { status, compliance } = value;
  return {
    status:
      status.status === 'fulfilled'
        ? { loading: false, value: status.value }
        : { loading: false, error: status.reason as Error },
    compliance:
      compliance.status === 'fulfilled'
        ? {
            loading: false,
            value: new Map(compliance.value.items.map(c => [c.model, c])),
          }
        : { loading: false, error: compliance.reason as Error },
  };
}

/**
 * On an SLA's page: its objectives, compliance window, owner and consumers, and how each
 * objective stands for every covered model (status, error budget left, burn rate).
 */
export function EntitySlaObjectivesCard() {
  const { entity } = useEntity<SlaEntityV1alpha1>();
  const objectives = entity.spec?.objectives ?? [];
  const consumers = entity.spec?.consumers ?? [];
  const models = coveredModels(entity);
  const status = useObjectiveStatus(entity);
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
        // Many covered models scroll inside the card instead of cutting it off.
        <Box style={{ overflowX: 'auto' }}>
          <MuiTable size="small" aria-label="SLA objectives">
            <TableHead>
              <TableRow>
                <TableCell style={KEEP_WORDS}>Objective</TableCell>
                <TableCell style={KEEP_WORDS}>Target</TableCell>
                {models.map(model => (
                  <TableCell key={model}>
                    {humanizeEntityRef(parseEntityRef(model), {
                      defaultKind: 'mlmodel',
                    })}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {objectives.map((objective: SlaObjective, index) => (
                <TableRow key={index}>
                  {/* Identifiers such as latency_p95_ms break at spaces, never mid-word. */}
                  <TableCell style={KEEP_WORDS}>
                    {objective.name ?? objective.indicator}
                  </TableCell>
                  <TableCell style={KEEP_WORDS}>
                    {formatObjective(objective)}
                  </TableCell>
                  {models.map(model => {
                    const result = status.value?.get(model);
                    let cell: ReactNode = status.loading ? '…' : '';
                    if (status.error) {
                      cell = (
                        <Typography variant="body2" color="textSecondary">
                          unavailable: {status.error.message}
                        </Typography>
                      );
                    } else if (result?.[index]) {
                      cell = (
                        <>
                          <SlaStatusChip
                            status={result[index].status}
                            prefix=""
                          />
                          <SlaBurnAlert alert={result[index].alert} />
                          <Typography variant="body2" color="textSecondary">
                            {formatEvaluation(result[index])}
                          </Typography>
                        </>
                      );
                    }
                    return <TableCell key={model}>{cell}</TableCell>;
                  })}
                </TableRow>
              ))}
            </TableBody>
          </MuiTable>
        </Box>
      )}
    </InfoCard>
  );
}

/** On an SLA's page: the models it covers, whichever side declares the link. */
export function EntitySlaModelsCard() {
  const { entity } = useEntity<SlaEntityV1alpha1>();
  const refs = coveredModels(entity);
  const { value, loading, error } = useEntitiesByRefs(refs, MODEL_FIELDS);
  const { status, compliance } = useCoveredModels(entity);
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
      status={status}
      compliance={compliance}
    />
  );
}
