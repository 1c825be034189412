import { stringifyEntityRef } from '@backstage/catalog-model';
import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getModelSlaRefs,
  isSlaEntity,
  MLModelEntityV1alpha1,
  ObjectiveEvaluation,
  RELATION_HAS_SLA,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityRefOrMissing, useEntitiesByRefs } from '../shared';
import { SlaStatusChip, useModelStatus } from '../status';
import { AsyncCard, CardEmptyState } from './CardStates';
import { formatEvaluation } from './objectiveFormat';
import { SlaBurnAlert } from './SlaBurnAlert';
import { relationTargets } from './relations';
import { formatObjective } from './slaFormat';

/**
 * The SLAs covering a model, whichever side declares the link, with each SLA's window
 * and objectives, and how each objective stands: status, error budget left, burn rate.
 */
export function MlModelSlasCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const refs = [
    ...new Set([
      ...getModelSlaRefs(entity).map(ref => stringifyEntityRef(ref)),
      ...relationTargets(entity, [RELATION_HAS_SLA]),
    ]),
  ].sort();
  const { value, loading, error } = useEntitiesByRefs(refs);
  const status = useModelStatus(stringifyEntityRef(entity));
  if (refs.length === 0) {
    return (
      <AsyncCard title="SLAs" loading={false}>
        <CardEmptyState
          title="No SLA covers this model"
          description="Agree an SLA with the model's consumers and link it in spec.slas, or name the model in the SLA's spec.appliesTo."
        />
      </AsyncCard>
    );
  }
  const evaluations = status.value?.sla.objectives ?? [];
  const evaluationOf = (slaRef: string, index: number) =>
    evaluations.filter(e => e.sla === slaRef.toLocaleLowerCase('en-US'))[
      index
    ] as ObjectiveEvaluation | undefined;
  return (
    <AsyncCard
      title="SLAs"
      subheader={
        status.value?.sla.status
          ? undefined
          : 'Objectives as agreed; their status comes from observations'
      }
      loading={loading}
      error={error}
    >
      {status.value?.sla.status && (
        <Box
          mb={1}
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <SlaStatusChip status={status.value.sla.status} />
          <SlaBurnAlert alert={status.value.sla.alert} />
        </Box>
      )}
      {status.error && (
        <WarningPanel
          severity="info"
          title="SLA status unavailable"
          message={status.error.message}
        />
      )}
      {refs.map(ref => {
        const sla = value?.get(ref);
        return (
          <Box key={ref} mb={2}>
            <Typography variant="subtitle1" component="h3">
              <EntityRefOrMissing
                entityRef={ref}
                entity={sla}
                defaultKind="sla"
              />
            </Typography>
            {sla && isSlaEntity(sla) && (
              <>
                <Typography variant="body2" color="textSecondary">
                  Window: {sla.spec.window}
                </Typography>
                <List dense aria-label={`Objectives of ${sla.metadata.name}`}>
                  {sla.spec.objectives.map((objective, index) => {
                    const evaluation = evaluationOf(
                      stringifyEntityRef(sla),
                      index,
                    );
                    return (
                      <ListItem key={index} disableGutters>
                        <ListItemText
                          primary={
                            <Box
                              display="flex"
                              alignItems="center"
                              flexWrap="wrap"
                              style={{ gap: 8 }}
                            >
                              <span>
                                {objective.name ?? objective.indicator}
                              </span>
                              {evaluation && (
                                <SlaStatusChip
                                  status={evaluation.status}
                                  prefix=""
                                />
                              )}
                              <SlaBurnAlert alert={evaluation?.alert} />
                            </Box>
                          }
                          secondaryTypographyProps={{ component: 'div' }}
                          secondary={
                            <>
                              <div>{formatObjective(objective)}</div>
                              {evaluation && (
                                <div>{formatEvaluation(evaluation)}</div>
                              )}
                            </>
                          }
                        />
                      </ListItem>
                    );
                  })}
                </List>
              </>
            )}
          </Box>
        );
      })}
    </AsyncCard>
  );
}
