import { RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isAiModelResource,
  RELATION_SERVES,
} from '@lab2live/plugin-ml-catalog-common';
import { useEntitiesByRefs } from '../shared';
import { AsyncCard } from './CardStates';
import { MODEL_FIELDS, relationTargets } from './relations';
import { RelatedModel, RelatedModelsTable } from './RelatedModelsTable';

/**
 * On a Component's page: the models it serves or depends on, with their stage, risk
 * tier and SLAs. The app shows it only on components that have some.
 */
export function EntityMlModelsCard() {
  const { entity } = useEntity();
  const served = relationTargets(entity, [RELATION_SERVES]);
  // dependsOn may name any kind; only models and ai-model Resources belong here.
  const dependedOn = relationTargets(
    entity,
    [RELATION_DEPENDS_ON],
    ['mlmodel', 'resource'],
  );
  const { value, loading, error } = useEntitiesByRefs(
    [...served, ...dependedOn],
    MODEL_FIELDS,
  );
  const rows: RelatedModel[] = [
    ...served.map(ref => ({
      entityRef: ref,
      entity: value?.get(ref),
      relation: 'serves',
    })),
    ...dependedOn
      .filter(ref => !served.includes(ref))
      .filter(ref => {
        const model = value?.get(ref);
        // A missing model stays listed; a Resource shows only if it is an ai-model.
        return (
          ref.startsWith('mlmodel:') || (!!model && isAiModelResource(model))
        );
      })
      .map(ref => ({
        entityRef: ref,
        entity: value?.get(ref),
        relation: 'depends on',
      })),
  ];
  if (loading || error) {
    return (
      <AsyncCard
        title="Machine-learning models"
        loading={loading}
        error={error}
      />
    );
  }
  return (
    <RelatedModelsTable
      title="Machine-learning models"
      subtitle="Models this service serves or calls"
      relationTitle="Relation"
      rows={rows}
    />
  );
}
