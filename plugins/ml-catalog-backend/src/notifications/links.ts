import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The portal path of a model's page, or of one of its tabs (the ones the Lab2Live
 * frontend adds: `/governance`, `/deployments`), e.g.
 * `/catalog/default/mlmodel/churn-predictor/governance`.
 */
export function modelTabPath(
  modelRef: string,
  tab?: 'governance' | 'deployments',
): string {
  const { kind, namespace, name } = parseEntityRef(modelRef);
  const path = `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
  return tab ? `${path}/${tab}` : path;
}
