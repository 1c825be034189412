import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { DeploymentChip, useModelStatus } from '../status';
import { AsyncCard, CardEmptyState } from './CardStates';
import { WebLink } from '../shared';

/**
 * Where a model runs: the current version and status per configured environment, in
 * promotion order, with the serving component and endpoint. Stale deployments say so.
 */
export function MlModelDeploymentsCard() {
  const { entity } = useEntity();
  const { value, loading, error } = useModelStatus(stringifyEntityRef(entity));
  if (loading || error || !value) {
    return <AsyncCard title="Deployments" loading={loading} error={error} />;
  }
  if (value.deployments.length === 0) {
    return (
      <AsyncCard title="Deployments" loading={false}>
        <CardEmptyState
          title="No deployment reported yet"
          description="Pipelines report each deployment to POST /api/ml-catalog/deployments with a service token; see the Lab2Live README."
        />
      </AsyncCard>
    );
  }
  const byEnvironment = new Map(value.deployments.map(d => [d.environment, d]));
  return (
    <AsyncCard
      title="Deployments"
      subheader="Current version and status per environment"
      loading={false}
    >
      <List dense aria-label="Deployments by environment">
        {value.environments.map(environment => {
          const deployment = byEnvironment.get(environment);
          return (
            <ListItem key={environment} disableGutters>
              <ListItemText
                primary={
                  deployment ? (
                    <DeploymentChip deployment={deployment} />
                  ) : (
                    `${environment}: not deployed`
                  )
                }
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  deployment && (
                    <>
                      {deployment.component && (
                        <div>
                          Served by{' '}
                          <EntityRefLink
                            entityRef={deployment.component}
                            defaultKind="component"
                          />
                        </div>
                      )}
                      {deployment.endpointUrl && (
                        <div>
                          <WebLink to={deployment.endpointUrl} />
                        </div>
                      )}
                    </>
                  )
                }
              />
            </ListItem>
          );
        })}
      </List>
    </AsyncCard>
  );
}
