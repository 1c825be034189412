import { parseEntityRef } from '@backstage/catalog-model';

/** The backend's path of a model: `/models/:kind/:namespace/:name`. */
export function modelPath(modelRef: string): string {
  const { kind, namespace, name } = parseEntityRef(modelRef, {
    defaultKind: 'mlmodel',
  });
  return `/models/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}
