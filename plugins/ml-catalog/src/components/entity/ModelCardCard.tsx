import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import {
  getModelDatasets,
  MLModelEntityV1alpha1,
  MLModelFactors,
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

function Factors(props: { factors?: MLModelFactors }) {
  const { relevant = [], evaluation = [], notes } = props.factors ?? {};
  if (relevant.length === 0 && evaluation.length === 0 && !notes) {
    return (
      <Section
        title="Factors"
        missing="Not stated: add spec.factors.relevant and spec.factors.evaluation"
      />
    );
  }
  const lines = [
    relevant.length > 0 ? `Relevant: ${relevant.join(', ')}` : undefined,
    evaluation.length > 0
      ? `Results reported by: ${evaluation.join(', ')}`
      : undefined,
    notes,
  ].filter(Boolean);
  return <Section title="Factors" text={lines.join('\n')} missing="" />;
}

/** A company's own `x-` fields, written as they are. */
function ExtensionFields(props: { fields: Array<[string, unknown]> }) {
  if (props.fields.length === 0) {
    return null;
  }
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h3">
        Company fields
      </Typography>
      <StructuredMetadataTable
        dense
        metadata={Object.fromEntries(
          props.fields.map(([key, value]) => [
            key,
            typeof value === 'string' ? value : JSON.stringify(value),
          ]),
        )}
      />
    </Box>
  );
}

function extensionFieldsOf(...objects: Array<object | undefined>) {
  return objects.flatMap(object =>
    Object.entries(object ?? {}).filter(([key]) => key.startsWith('x-')),
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
 * The model card of an MLModel, in the sections of Model Cards (Mitchell et al. 2019):
 * intended use and users, what it must not be used for, factors, limitations, ethical
 * considerations, caveats and recommendations, the company's own `x-` fields, and the
 * facts a reviewer checks first (version, license, framework, lineage). Per-slice
 * results are on the metrics card.
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
        title="Primary users"
        text={spec.intendedUse?.primaryUsers}
        missing="Not stated: add spec.intendedUse.primaryUsers"
      />
      <Section
        title="Out-of-scope use"
        text={spec.intendedUse?.outOfScope}
        missing="Not stated: add spec.intendedUse.outOfScope"
      />
      <Factors factors={spec.factors} />
      <Section
        title="Limitations"
        text={spec.limitations}
        missing="Not stated: add spec.limitations"
      />
      <Section
        title="Ethical considerations"
        text={spec.ethicalConsiderations}
        missing="Not stated: add spec.ethicalConsiderations"
      />
      <Section
        title="Caveats and recommendations"
        text={spec.caveatsAndRecommendations}
        missing="Not stated: add spec.caveatsAndRecommendations"
      />
      <Section
        title="Human oversight"
        text={spec.governance?.humanOversight}
        missing="Not stated: add spec.governance.humanOversight"
      />
      <ExtensionFields
        fields={extensionFieldsOf(spec, spec.intendedUse, spec.factors)}
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
