import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getModelSlaRefs,
  isSlaEntity,
  MLModelEntityV1alpha1,
  RELATION_HAS_SLA,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityRefOrMissing, useEntitiesByRefs } from '../shared';
import { AsyncCard, CardEmptyState } from './CardStates';
import { relationTargets } from './relations';
import { formatObjective } from './slaFormat';

/**
 * The SLAs covering a model, whichever side declares the link, with each SLA's window
 * and objectives.
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
  return (
    <AsyncCard title="SLAs" loading={loading} error={error}>
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
                  {sla.spec.objectives.map((objective, index) => (
                    <ListItem key={index}>
                      <ListItemText
                        primary={objective.name ?? objective.indicator}
                        secondary={formatObjective(objective)}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
          </Box>
        );
      })}
    </AsyncCard>
  );
}
