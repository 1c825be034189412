import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Review,
  ReviewDecisionKind,
  ReviewItem,
  ReviewSummary,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogGovernanceApiRef } from '../../api';
import { formatDay, formatTime } from '../shared';
import { ReviewStateChip, statusLabel } from '../status';
import { ReviewActions } from './ReviewActions';
import { ReviewChecklist } from './ReviewChecklist';
import { ReviewDecisions } from './ReviewDecisions';
import { DecisionDialog, ItemDialog, WaiverDialog } from './ReviewDialogs';
import { differences } from './reviewDifferences';

type Dialog =
  | { kind: 'item'; item: ReviewItem }
  | { kind: 'waive'; item: ReviewItem }
  | { kind: 'decide'; decision: ReviewDecisionKind };

/** Whether the keyboard focus went nowhere: the focused element was removed. */
function focusLost() {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/**
 * One review: its header, actions, checklist and decisions. The header takes the
 * keyboard focus when the review was just opened (`focusOnLoad`), and whenever a write
 * removed the focused button (Submit is gone once the review is submitted): a keyboard
 * user goes on from the review, not from the top of the page.
 */
export function ReviewPanel(props: {
  id: string;
  history: ReviewSummary[];
  onSelect: (id: string) => void;
  onChanged: () => void;
  focusOnLoad?: boolean;
}) {
  const api = useApi(mlCatalogGovernanceApiRef);
  const alertApi = useApi(alertApiRef);
  const [edited, setEdited] = useState<Review>();
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{
    message: string;
    changes: string[];
  }>();
  const [failure, setFailure] = useState<Error>();
  const loaded = useAsyncRetry(async () => {
    setEdited(undefined);
    return api.getReview(props.id);
  }, [api, props.id]);
  const review = edited ?? loaded.value;
  const header = useRef<HTMLElement>(null);
  const [focus, setFocus] = useState<'always' | 'if-lost' | undefined>(
    props.focusOnLoad ? 'always' : undefined,
  );
  const shown = !!review;
  useEffect(() => {
    // After the write's render: a dialog has given the focus back to its opener by now.
    if (!focus || !shown) return;
    if (focus === 'always' || focusLost()) header.current?.focus();
    setFocus(undefined);
  }, [focus, shown]);

  if (loaded.loading && !review) return <Progress />;
  if (loaded.error) return <ResponseErrorPanel error={loaded.error} />;
  if (!review) return null;

  const run = async (
    done: string,
    write: (revision: number) => Promise<Review>,
  ) => {
    setBusy(true);
    setFailure(undefined);
    setConflict(undefined);
    try {
      const next = await write(review.revision);
      setEdited(next);
      setDialog(undefined);
      setFocus('if-lost');
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      props.onChanged();
    } catch (error) {
      const current = (error as ResponseError).body as
        | { current?: Review; error?: { message: string } }
        | undefined;
      if ((error as ResponseError).response?.status === 409) {
        setDialog(undefined);
        setConflict({
          message: current?.error?.message ?? (error as Error).message,
          changes: current?.current ? differences(review, current.current) : [],
        });
        if (current?.current) setEdited(current.current);
        else loaded.retry();
      } else {
        setFailure(error as Error);
      }
    } finally {
      setBusy(false);
    }
  };

  const titleId = `review-${review.id}-title`;
  const approvals = review.decisions.filter(d => d.decision === 'approve');
  const decide = (decision: ReviewDecisionKind) =>
    setDialog({ kind: 'decide', decision });

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <section ref={header} tabIndex={-1} aria-labelledby={titleId}>
          <InfoCard
            title={
              <span id={titleId}>{`Review of version ${review.version}`}</span>
            }
            subheader={`${statusLabel(review.riskTier)} risk · ${
              review.items.length
            } checklist items`}
          >
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 12 }}
              mb={1}
            >
              <ReviewStateChip state={review.state} />
              {props.history.length > 1 && (
                <TextField
                  id="review-history"
                  select
                  size="small"
                  label="Review"
                  value={review.id}
                  onChange={event => props.onSelect(event.target.value)}
                  style={{ minWidth: 260 }}
                >
                  {props.history.map(r => (
                    <MenuItem key={r.id} value={r.id}>
                      {`Version ${r.version} · ${statusLabel(
                        r.state,
                      )} · ${formatDay(r.createdAt)}`}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            </Box>
            {review.reason && (
              <WarningPanel
                severity="warning"
                title="This approval no longer counts"
                message={review.reason}
                defaultExpanded
              />
            )}
            <StructuredMetadataTable
              dense
              metadata={{
                'Opened by': `${review.createdBy}, ${formatTime(
                  review.createdAt,
                )}`,
                Submitted: review.submittedAt
                  ? formatTime(review.submittedAt)
                  : 'not yet',
                Approvals: `${approvals.length} of ${review.approvalsRequired} needed`,
                ...(review.decidedAt
                  ? { Decided: formatTime(review.decidedAt) }
                  : {}),
                ...(review.expiresAt
                  ? { 'Approval ends': formatDay(review.expiresAt) }
                  : {}),
              }}
            />
            <ReviewActions
              review={review}
              busy={busy}
              onSubmit={() =>
                run('Submitted to the model risk board', revision =>
                  api.submit(review.id, revision),
                )
              }
              onWithdraw={() =>
                run('Review withdrawn', revision =>
                  api.withdraw(review.id, revision),
                )
              }
              onDecide={decide}
            />
            {conflict && (
              <Box mt={2}>
                <WarningPanel
                  severity="warning"
                  title="Someone changed this review while you were editing"
                  message={conflict.message}
                  defaultExpanded
                >
                  {conflict.changes.length > 0 && (
                    <ul aria-label="What changed" style={{ marginTop: 0 }}>
                      {conflict.changes.map(line => (
                        <li key={line}>
                          <Typography variant="body2">{line}</Typography>
                        </li>
                      ))}
                    </ul>
                  )}
                  <Typography variant="body2">
                    The review below is the current one; try again on it.
                  </Typography>
                </WarningPanel>
              </Box>
            )}
            {failure && (
              <Box mt={2}>
                <ResponseErrorPanel
                  error={failure}
                  title="The server refused"
                />
              </Box>
            )}
          </InfoCard>
        </section>
      </Grid>
      <Grid item xs={12}>
        <ReviewChecklist
          review={review}
          busy={busy}
          onEdit={item => setDialog({ kind: 'item', item })}
          onWaive={item => setDialog({ kind: 'waive', item })}
        />
      </Grid>
      {review.decisions.length > 0 && (
        <Grid item xs={12}>
          <ReviewDecisions decisions={review.decisions} />
        </Grid>
      )}
      {dialog?.kind === 'item' && (
        <ItemDialog
          item={dialog.item}
          busy={busy}
          onClose={() => setDialog(undefined)}
          onSave={value =>
            run(`Saved: ${dialog.item.title}`, revision =>
              api.setItem(review.id, dialog.item.id, { revision, ...value }),
            )
          }
        />
      )}
      {dialog?.kind === 'waive' && (
        <WaiverDialog
          item={dialog.item}
          busy={busy}
          onClose={() => setDialog(undefined)}
          onSave={value =>
            run(`Waived: ${dialog.item.title}`, revision =>
              api.waiveItem(review.id, dialog.item.id, { revision, ...value }),
            )
          }
        />
      )}
      {dialog?.kind === 'decide' && (
        <DecisionDialog
          decision={dialog.decision}
          busy={busy}
          onClose={() => setDialog(undefined)}
          onSave={note =>
            run(
              `Decision recorded: ${statusLabel(dialog.decision)}`,
              revision =>
                api.decide(review.id, {
                  revision,
                  decision: dialog.decision,
                  ...(note ? { note } : {}),
                }),
            )
          }
        />
      )}
    </Grid>
  );
}
