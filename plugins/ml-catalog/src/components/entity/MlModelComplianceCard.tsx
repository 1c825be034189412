import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteParams, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogGovernanceApiRef } from '../../api';
import { modelGovernanceTabRouteRef } from '../../routes';
import { ComplianceChip, statusLabel, useGovernanceChanges } from '../status';
import { AsyncCard } from './CardStates';
import { formatDay } from '../shared';

/**
 * Whether a model may run at its lifecycle stage: compliant, at risk or non-compliant,
 * every reason, and the review that counts, with a link to the Governance tab.
 */
export function MlModelComplianceCard() {
  const { entity } = useEntity();
  const api = useApi(mlCatalogGovernanceApiRef);
  const ref = stringifyEntityRef(entity);
  const governanceTab = useRouteRef(modelGovernanceTabRouteRef);
  const changes = useGovernanceChanges();
  const { value, loading, error } = useAsyncRetry(
    () => api.getModelCompliance(ref),
    [api, ref, changes],
  );
  if (loading || error || !value) {
    return <AsyncCard title="Compliance" loading={loading} error={error} />;
  }
  return (
    <AsyncCard
      title="Compliance"
      subheader={`Rules of the ${value.stage} stage`}
      loading={false}
    >
      <Box mb={1}>
        <ComplianceChip
          status={value.status}
          reasons={value.reasons}
          size="medium"
        />
      </Box>
      {value.reasons.length === 0 ? (
        <Typography variant="body2">
          Meets every rule of the {value.stage} stage.
        </Typography>
      ) : (
        <ul
          aria-label="Compliance reasons"
          style={{ margin: 0, paddingLeft: 20 }}
        >
          {value.reasons.map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </ul>
      )}
      <Box mt={1}>
        <Typography variant="body2" color="textSecondary">
          {value.review
            ? `Review of version ${value.review.version}: ${statusLabel(
                value.review.state,
              )}${
                value.review.expiresAt
                  ? `, until ${formatDay(value.review.expiresAt)}`
                  : ''
              }. `
            : 'No governance review yet. '}
          {/* Underlined: in grey text its colour alone does not tell it is a link. */}
          <Link
            to={governanceTab(entityRouteParams(entity))}
            underline="always"
          >
            Open the Governance tab
          </Link>
        </Typography>
      </Box>
    </AsyncCard>
  );
}
