import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  MLModelEntityV1alpha1,
  Review,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogGovernanceApiRef } from '../../api';
import { RiskTierChip } from '../shared';
import { AuditLogCard } from './AuditLogCard';
import { OpenReview } from './OpenReview';
import { ReviewPanel } from './ReviewPanel';
import { RiskAssessmentSummary } from './RiskAssessmentSummary';
import { TechnicalDocumentationCard } from './TechnicalDocumentationCard';

/**
 * The Governance tab of a model: its review with the checklist by risk tier, evidence,
 * waivers and decisions; the actions the signed-in user may take; the review history
 * and the audit log with its export; the Annex IV technical documentation pack.
 */
export function ModelGovernanceContent() {
  const { entity } = useEntity();
  const modelRef = stringifyEntityRef(entity);
  const governance = (entity as MLModelEntityV1alpha1).spec?.governance;
  const api = useApi(mlCatalogGovernanceApiRef);
  const list = useAsyncRetry(
    () => api.getModelReviews(modelRef),
    [api, modelRef],
  );
  const [selected, setSelected] = useState<string>();
  // The review just opened here, which takes the focus from the form that opened it.
  const [opened, setOpened] = useState<string>();

  if (list.loading && !list.value) return <Progress />;
  if (list.error) return <ResponseErrorPanel error={list.error} />;
  const reviews = list.value?.items ?? [];
  const canCreate = list.value?.canCreate ?? false;
  const current = selected ?? reviews[0]?.id;
  const onOpened = (review: Review) => {
    setSelected(review.id);
    setOpened(review.id);
    list.retry();
  };

  const documentation = (
    <>
      <Grid item xs={12}>
        <InfoCard title="EU AI Act risk assessment">
          <Box mb={1}>
            <RiskTierChip tier={governance?.riskTier} />
          </Box>
          <RiskAssessmentSummary governance={governance} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <TechnicalDocumentationCard modelRef={modelRef} />
      </Grid>
    </>
  );

  if (!current) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <EmptyState
            missing="content"
            title="No governance review yet"
            description={
              canCreate
                ? 'A review records who signed this model off for production and what is still missing: the checklist for its risk tier, with evidence for every item. Open one for the version you want to promote.'
                : "A review records who signed this model off for production and what is still missing. The model's owners open it; the model risk board decides."
            }
            action={
              canCreate ? (
                <OpenReview
                  entity={entity}
                  modelRef={modelRef}
                  onOpened={onOpened}
                  label="Open a review"
                />
              ) : undefined
            }
          />
        </Grid>
        {documentation}
      </Grid>
    );
  }

  return (
    <Grid container spacing={3}>
      {canCreate && (
        <Grid item xs={12}>
          <InfoCard title="A new version to take to production?">
            <OpenReview
              entity={entity}
              modelRef={modelRef}
              onOpened={onOpened}
              label="Open a new review"
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <ReviewPanel
          key={current}
          id={current}
          history={reviews}
          onSelect={setSelected}
          onChanged={list.retry}
          focusOnLoad={current === opened}
        />
      </Grid>
      {documentation}
      <Grid item xs={12}>
        <AuditLogCard modelRef={modelRef} name={entity.metadata.name} />
      </Grid>
    </Grid>
  );
}
