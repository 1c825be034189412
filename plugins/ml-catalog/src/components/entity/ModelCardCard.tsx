import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import {
  getModelDatasets,
  MLModelEntityV1alpha1,
  RELATION_DERIVATION_OF,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EntityRefOrMissing, useEntitiesByRefs, yesNo } from '../shared';
import { fullRef, relationTargets } from './relations';

function Section(props: { title: string; text?: string; missing: string }) {
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.text ? (
        <Typography variant="body2" style={{ whiteSpace: 'pre-line' }}>
          {props.text}
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {props.missing}
        </Typography>
      )}
    </Box>
  );
}

function BaseModel(props: { model: MLModelEntityV1alpha1 }) {
  const baseRef = fullRef(props.model.spec.baseModel, 'mlmodel', props.model);
  const { value } = useEntitiesByRefs(baseRef ? [baseRef] : []);
  if (!baseRef) {
    return <>none (trained from scratch)</>;
  }
  return (
    <EntityRefOrMissing
      entityRef={baseRef}
      entity={value?.get(baseRef)}
      defaultKind="mlmodel"
    />
  );
}

/**
 * The model card of an MLModel: what it is for and not for, its known limitations and
 * the facts a reviewer checks first (version, license, framework, lineage).
 */
export function MlModelCardCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const spec = entity.spec ?? ({} as MLModelEntityV1alpha1['spec']);
  const derived = relationTargets(entity, [RELATION_DERIVATION_OF]);
  const training = getModelDatasets(entity, 'training');
  return (
    <InfoCard title="Model card">
      {entity.metadata.description && (
        <Typography variant="body1" paragraph>
          {entity.metadata.description}
        </Typography>
      )}
      <Section
        title="Intended use"
        text={spec.intendedUse?.primaryUses}
        missing="Not stated: add spec.intendedUse.primaryUses"
      />
      <Section
        title="Out-of-scope use"
        text={spec.intendedUse?.outOfScope}
        missing="Not stated: add spec.intendedUse.outOfScope"
      />
      <Section
        title="Limitations"
        text={spec.limitations}
        missing="Not stated: add spec.limitations"
      />
      <Section
        title="Human oversight"
        text={spec.governance?.humanOversight}
        missing="Not stated: add spec.governance.humanOversight"
      />
      <StructuredMetadataTable
        dense
        metadata={{
          Type: spec.type,
          Version: spec.version ?? 'not stated',
          Framework: spec.framework ?? 'not stated',
          License: spec.license ?? 'not stated',
          'Personal data': yesNo(spec.governance?.personalData),
          'Training datasets': training.length,
          'Base model': <BaseModel model={entity} />,
          'Derived models':
            derived.length > 0 ? (
              <EntityRefLinks entityRefs={derived} defaultKind="mlmodel" />
            ) : (
              'none'
            ),
        }}
      />
    </InfoCard>
  );
}
