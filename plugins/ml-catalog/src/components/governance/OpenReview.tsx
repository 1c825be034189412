import { Entity } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { mlCatalogGovernanceApiRef } from '../../api';

/** Opens a review at a version: only offered to the model's owners. */
export function OpenReview(props: {
  entity: Entity;
  modelRef: string;
  onOpened: (review: Review) => void;
  label: string;
}) {
  const api = useApi(mlCatalogGovernanceApiRef);
  const alertApi = useApi(alertApiRef);
  const [version, setVersion] = useState(
    String((props.entity.spec?.version as string | undefined) ?? ''),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error>();
  return (
    <form
      onSubmit={async event => {
        event.preventDefault();
        setBusy(true);
        setFailure(undefined);
        try {
          const review = await api.createReview(props.modelRef, version.trim());
          alertApi.post({
            message: `Review of version ${review.version} opened`,
            severity: 'success',
            display: 'transient',
          });
          props.onOpened(review);
        } catch (error) {
          setFailure(error as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Box
        display="flex"
        alignItems="flex-end"
        flexWrap="wrap"
        style={{ gap: 12 }}
      >
        <TextField
          id="review-version"
          label="Version to review"
          value={version}
          required
          onChange={event => setVersion(event.target.value)}
        />
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={busy || !version.trim()}
        >
          {props.label}
        </Button>
      </Box>
      {failure && (
        <Box mt={2}>
          <ResponseErrorPanel
            error={failure}
            title="The review was not opened"
          />
        </Box>
      )}
    </form>
  );
}
