import {
  RELATION_DEPENDENCY_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getModelServingComponentRefs,
  MLModelEntityV1alpha1,
  RELATION_SERVED_BY,
} from '@lab2live/plugin-ml-catalog-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { EntityRefOrMissing, useEntitiesByRefs } from '../shared';
import { AsyncCard, CardEmptyState } from './CardStates';
import { relationTargets, specString } from './relations';

/**
 * The components that serve a model (`spec.servedBy`) and those that use it (their
 * `spec.dependsOn` names it).
 */
export function MlModelServicesCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const serving = [
    ...new Set([
      ...getModelServingComponentRefs(entity).map(ref =>
        stringifyEntityRef(ref),
      ),
      ...relationTargets(entity, [RELATION_SERVED_BY]),
    ]),
  ].sort();
  const consuming = relationTargets(entity, [RELATION_DEPENDENCY_OF]).sort();
  const { value, loading, error } = useEntitiesByRefs([
    ...serving,
    ...consuming,
  ]);
  if (serving.length + consuming.length === 0) {
    return (
      <AsyncCard title="Services" loading={false}>
        <CardEmptyState
          title="No service serves or uses this model"
          description="Name the serving components in spec.servedBy; a service that calls the model lists it in its own spec.dependsOn."
        />
      </AsyncCard>
    );
  }
  const group = (label: string, refs: string[]) =>
    refs.length > 0 && (
      <List
        dense
        aria-label={label}
        subheader={<ListSubheader disableSticky>{label}</ListSubheader>}
      >
        {refs.map(ref => {
          const component = value?.get(ref);
          return (
            <ListItem key={ref}>
              <ListItemText
                primary={
                  <EntityRefOrMissing
                    entityRef={ref}
                    entity={component}
                    defaultKind="component"
                  />
                }
                secondary={[
                  specString(component, 'type'),
                  specString(component, 'lifecycle'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          );
        })}
      </List>
    );
  return (
    <AsyncCard title="Services" loading={loading} error={error}>
      {group('Served by', serving)}
      {group('Used by', consuming)}
    </AsyncCard>
  );
}
