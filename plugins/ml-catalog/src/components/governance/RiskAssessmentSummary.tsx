import {
  riskProfileOf,
  type MLModelGovernance,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';

/** The general-purpose AI model flag in words, with its articles. */
export function generalPurposeLabel(
  governance: MLModelGovernance | undefined,
): string | undefined {
  const gpai = riskProfileOf(governance).generalPurposeAI;
  if (!gpai.generalPurpose) return undefined;
  if (gpai.systemicRisk) {
    return 'General-purpose AI model with systemic risk (Art. 53, Art. 55)';
  }
  return gpai.openSourceExemption
    ? 'General-purpose AI model, open-source exemption (Art. 53, Art. 53(2))'
    : 'General-purpose AI model (Art. 53)';
}

/**
 * A model's EU AI Act position as recorded on it: the assessed tier when it differs
 * from the tier applied, the reasons with their articles, the Art. 50 duties on top of
 * the tier, the general-purpose AI flag and an Art. 6(3) derogation.
 */
export function RiskAssessmentSummary(props: {
  governance: MLModelGovernance | undefined;
}) {
  const { governance } = props;
  const recorded = governance?.riskAssessment;
  const profile = riskProfileOf(governance);
  const gpai = generalPurposeLabel(governance);
  if (!recorded) {
    return (
      <Typography variant="body2" color="textSecondary">
        No EU AI Act assessment recorded: the tier was set by hand (answer the
        questionnaire of the New ML model template to record one).
      </Typography>
    );
  }
  return (
    <Box aria-label="EU AI Act assessment" role="region">
      {profile.assessedTier && profile.assessedTier !== profile.tier && (
        <Typography variant="body2" paragraph>
          The EU AI Act assessment gives <strong>{profile.assessedTier}</strong>
          ; the model is classified stricter, as <strong>{profile.tier}</strong>
          .
        </Typography>
      )}
      {(recorded.transparencyDuties?.length || gpai) && (
        <Box
          display="flex"
          flexWrap="wrap"
          mb={1}
          style={{ gap: 4 }}
          aria-label="Duties on top of the tier"
          role="list"
        >
          {(recorded.transparencyDuties ?? []).map(duty => (
            <Chip
              role="listitem"
              key={duty.id}
              size="small"
              variant="outlined"
              label={`${duty.article}: ${duty.id}`}
              title={duty.text}
            />
          ))}
          {gpai && (
            <Chip role="listitem" size="small" color="primary" label={gpai} />
          )}
        </Box>
      )}
      {recorded.derogation && (
        <Typography variant="body2" paragraph>
          Not high risk under {recorded.derogation.article ?? 'Art. 6(3)'}:{' '}
          {recorded.derogation.justification}
        </Typography>
      )}
      <Box component="details">
        <Typography component="summary" variant="body2">
          Why: {recorded.reasons.length} reason
          {recorded.reasons.length === 1 ? '' : 's'} (questionnaire version{' '}
          {recorded.questionnaireVersion})
        </Typography>
        <Box component="ul" aria-label="Risk reasons" pl={2} mt={1} mb={0}>
          {recorded.reasons.map(reason => (
            <li key={`${reason.rule ?? ''}${reason.article}${reason.text}`}>
              <Typography variant="body2">
                <strong>{reason.article}</strong>: {reason.text}
              </Typography>
            </li>
          ))}
        </Box>
      </Box>
    </Box>
  );
}
