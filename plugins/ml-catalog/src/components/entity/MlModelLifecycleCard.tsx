import { InfoCard, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MLModelEntityV1alpha1 } from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import DoneIcon from '@material-ui/icons/Done';
import { RiskAssessmentSummary } from '../governance/RiskAssessmentSummary';
import { RiskTierChip, useLifecycleStages } from '../shared';

/**
 * Where a model stands on the configured lifecycle stages, what comes next, and its
 * EU AI Act risk tier with the reasons, Art. 50 duties and general-purpose AI flag. The stages wrap as a row of chips, so the card fits the narrow column of
 * the entity page.
 */
export function MlModelLifecycleCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const stages = useLifecycleStages();
  const stage = entity.spec?.lifecycle;
  const index = stages.indexOf(stage);
  const next = index >= 0 ? stages[index + 1] : undefined;
  return (
    <InfoCard title="Lifecycle">
      {index === -1 ? (
        <WarningPanel
          severity="warning"
          title={`Stage "${stage}" is not a configured lifecycle stage`}
          message={`The configured stages are: ${stages.join(', ')}.`}
        />
      ) : (
        <Box
          component="ol"
          aria-label="Lifecycle stages"
          display="flex"
          flexWrap="wrap"
          p={0}
          m={0}
          mb={1}
          style={{ listStyle: 'none', gap: 4 }}
        >
          {stages.map((name, i) => (
            <li key={name} aria-current={i === index ? 'step' : undefined}>
              <Chip
                size="small"
                label={name}
                icon={i < index ? <DoneIcon /> : undefined}
                color={i === index ? 'primary' : 'default'}
                variant={i === index ? 'default' : 'outlined'}
              />
            </li>
          ))}
        </Box>
      )}
      <Typography variant="body2" paragraph>
        Current stage: <strong>{stage}</strong>
        {next ? `; next: ${next}` : '; this is the last stage'}
      </Typography>
      <Box mb={1}>
        <RiskTierChip tier={entity.spec?.governance?.riskTier} />
      </Box>
      <RiskAssessmentSummary governance={entity.spec?.governance} />
    </InfoCard>
  );
}
