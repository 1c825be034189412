import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DATASET_ROLES,
  getModelDatasets,
  MLModelEntityV1alpha1,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { EntityRefOrMissing, useEntitiesByRefs } from '../shared';
import { AsyncCard, CardEmptyState } from './CardStates';
import { specString } from './relations';

const ROLE_LABELS: Record<string, string> = {
  training: 'Training',
  validation: 'Validation',
  evaluation: 'Evaluation',
  monitoring: 'Monitoring',
};

/**
 * An MLModel's datasets grouped by role, each with the version the model used and the
 * dataset's current version; datasets missing from the catalog stay listed.
 */
export function MlModelDatasetsCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const links = getModelDatasets(entity).map(link => ({
    ...link,
    entityRef: stringifyEntityRef(link.ref),
  }));
  const { value, loading, error } = useEntitiesByRefs(
    links.map(link => link.entityRef),
  );
  if (links.length === 0) {
    return (
      <AsyncCard title="Datasets" loading={false}>
        <CardEmptyState
          title="No datasets linked"
          description="Link the training and evaluation data in spec.datasets, each with its role and the version used."
        />
      </AsyncCard>
    );
  }
  return (
    <AsyncCard title="Datasets" loading={loading} error={error}>
      {DATASET_ROLES.filter(role => links.some(l => l.role === role)).map(
        role => (
          <List
            key={role}
            dense
            aria-label={`${ROLE_LABELS[role]} datasets`}
            subheader={
              <ListSubheader disableSticky>{ROLE_LABELS[role]}</ListSubheader>
            }
          >
            {links
              .filter(link => link.role === role)
              .map(link => {
                const dataset = value?.get(link.entityRef);
                const current = specString(dataset, 'version');
                const details = [
                  link.version ? `version used: ${link.version}` : undefined,
                  current ? `current version: ${current}` : undefined,
                  dataset?.spec?.personalData === true
                    ? 'contains personal data'
                    : undefined,
                ].filter(Boolean);
                return (
                  <ListItem key={link.entityRef}>
                    <ListItemText
                      primary={
                        <EntityRefOrMissing
                          entityRef={link.entityRef}
                          entity={dataset}
                          defaultKind="dataset"
                        />
                      }
                      secondary={
                        <Box component="span">{details.join(' · ')}</Box>
                      }
                    />
                  </ListItem>
                );
              })}
          </List>
        ),
      )}
    </AsyncCard>
  );
}
