import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  AuditEntry,
  AuditLogPage,
  MLModelEntityV1alpha1,
  Review,
  ReviewDecisionKind,
  ReviewItem,
  ReviewSummary,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogGovernanceApiRef } from '../../api';
import { ReviewStateChip, statusLabel, useGovernanceChanges } from '../status';
import { ReviewChecklist } from './ReviewChecklist';
import { DecisionDialog, ItemDialog, WaiverDialog } from './ReviewDialogs';
import { TechnicalDocumentationCard } from './TechnicalDocumentationCard';
import { RiskAssessmentSummary } from './RiskAssessmentSummary';
import { saveDownload } from '../shared/saveDownload';
import { formatDay, formatTime, RiskTierChip } from '../shared';

/** What changed between the review someone edited and the one the server holds. */
function differences(before: Review, after: Review): string[] {
  const lines: string[] = [];
  if (before.state !== after.state) {
    lines.push(
      `The review is now ${statusLabel(after.state)} (was ${statusLabel(
        before.state,
      )})`,
    );
  }
  const previous = new Map(before.items.map(i => [i.id, i]));
  for (const item of after.items) {
    const old = previous.get(item.id);
    if (!old) continue;
    if (old.status !== item.status) {
      lines.push(
        `${item.title}: ${statusLabel(old.status)} → ${statusLabel(
          item.status,
        )}${item.setBy ? ` (by ${item.setBy})` : ''}`,
      );
    } else if (old.evidence.join() !== item.evidence.join()) {
      lines.push(`${item.title}: evidence changed`);
    }
  }
  if (after.decisions.length > before.decisions.length) {
    const latest = after.decisions[after.decisions.length - 1];
    lines.push(`${latest.by} decided: ${statusLabel(latest.decision)}`);
  }
  return lines;
}

type Dialog =
  | { kind: 'item'; item: ReviewItem }
  | { kind: 'waive'; item: ReviewItem }
  | { kind: 'decide'; decision: ReviewDecisionKind };

/** One review: its header, actions, checklist and decisions. */
function ReviewPanel(props: {
  id: string;
  history: ReviewSummary[];
  onSelect: (id: string) => void;
  onChanged: () => void;
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

  const approvals = review.decisions.filter(d => d.decision === 'approve');
  const can = (action: Review['actions'][number]) =>
    review.actions.includes(action);
  const decide = (decision: ReviewDecisionKind) =>
    setDialog({ kind: 'decide', decision });

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Review of version ${review.version}`}
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
          <Box
            display="flex"
            flexWrap="wrap"
            style={{ gap: 8 }}
            mt={2}
            aria-label="Review actions"
            role="group"
          >
            {can('submit') && (
              <Button
                variant="contained"
                color="primary"
                disabled={busy}
                onClick={() =>
                  run('Submitted to the model risk board', revision =>
                    api.submit(review.id, revision),
                  )
                }
              >
                Submit for review
              </Button>
            )}
            {can('approve') && (
              <Button
                variant="contained"
                color="primary"
                disabled={busy}
                onClick={() => decide('approve')}
              >
                Approve
              </Button>
            )}
            {can('request_changes') && (
              <Button
                variant="outlined"
                disabled={busy}
                onClick={() => decide('request_changes')}
              >
                Request changes
              </Button>
            )}
            {can('reject') && (
              <Button
                variant="outlined"
                disabled={busy}
                onClick={() => decide('reject')}
              >
                Reject
              </Button>
            )}
            {can('withdraw') && (
              <Button
                disabled={busy}
                onClick={() =>
                  run('Review withdrawn', revision =>
                    api.withdraw(review.id, revision),
                  )
                }
              >
                Withdraw
              </Button>
            )}
            {review.actions.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                {review.state === 'in_review'
                  ? 'Waiting for the model risk board. Reviewers never decide on models their own team owns.'
                  : 'Nothing to do on this review for you.'}
              </Typography>
            )}
          </Box>
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
              <ResponseErrorPanel error={failure} title="The server refused" />
            </Box>
          )}
        </InfoCard>
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
          <InfoCard title="Decisions">
            <ul aria-label="Decisions" style={{ margin: 0, paddingLeft: 20 }}>
              {review.decisions.map((d, i) => (
                <li key={i}>
                  <Typography variant="body2">
                    <strong>{statusLabel(d.decision)}</strong> by {d.by},{' '}
                    {formatTime(d.at)}
                    {d.note ? `: ${d.note}` : ''}
                  </Typography>
                </li>
              ))}
            </ul>
          </InfoCard>
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

/** Opens a review at a version: only offered to the model's owners. */
function OpenReview(props: {
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

/** An audit entry's "after" as people read it: `status: pass · evidence: https://…`. */
export function describeChange(after: unknown): string {
  if (after === undefined || after === null) return '';
  if (typeof after !== 'object') return String(after);
  return Object.entries(after as Record<string, unknown>)
    .filter(([key, value]) => key !== 'review' && value !== undefined)
    .map(([key, value]) => {
      let text: string;
      if (Array.isArray(value)) text = value.join(', ');
      else if (value && typeof value === 'object') text = describeChange(value);
      else text = String(value).replace(/_/g, ' ');
      return `${key}: ${text}`;
    })
    .join(' · ');
}

const auditColumns: TableColumn<AuditEntry>[] = [
  { title: '#', field: 'seq', width: '4em' },
  { title: 'When', field: 'occurredAt', render: e => formatTime(e.occurredAt) },
  { title: 'Who', field: 'actor' },
  { title: 'What', field: 'action' },
  {
    title: 'Change',
    render: e => (
      <Typography
        variant="body2"
        component="span"
        style={{ wordBreak: 'break-word' }}
      >
        {describeChange(e.after)}
      </Typography>
    ),
  },
  {
    title: 'Hash',
    render: e => (
      <Typography
        variant="caption"
        component="code"
        title={`hash ${e.hash}, previous ${e.prevHash ?? 'none'}`}
      >
        {e.hash.slice(0, 12)}
      </Typography>
    ),
  },
];

/** How many audit entries the card reads at a time. */
export const AUDIT_PAGE_SIZE = 50;

/** The model's audit log, newest first, a page at a time, and its export for auditors. */
function AuditLogCard(props: { modelRef: string; name: string }) {
  const api = useApi(mlCatalogGovernanceApiRef);
  const [pages, setPages] = useState<AuditLogPage[]>([]);
  // After every write the newest page is read again: the log shows what just happened.
  const changes = useGovernanceChanges();
  const first = useAsync(async () => {
    const page = await api.getAuditLog(props.modelRef, {
      order: 'desc',
      limit: AUDIT_PAGE_SIZE,
    });
    setPages([page]);
  }, [api, props.modelRef, changes]);
  const nextCursor = pages[pages.length - 1]?.nextCursor;
  const [older, loadOlder] = useAsyncFn(async () => {
    if (!nextCursor) return;
    const page = await api.getAuditLog(props.modelRef, {
      order: 'desc',
      limit: AUDIT_PAGE_SIZE,
      cursor: nextCursor,
    });
    setPages(current => [...current, page]);
  }, [api, props.modelRef, nextCursor]);
  const [failure, setFailure] = useState<Error>();

  const download = async (format: 'csv' | 'json') => {
    setFailure(undefined);
    try {
      const blob = await api.downloadAudit(props.modelRef, format);
      saveDownload(blob, `${props.name}-audit.${format}`);
    } catch (e) {
      setFailure(e as Error);
    }
  };

  const exports = (
    <Box display="flex" style={{ gap: 8 }}>
      <Button variant="outlined" size="small" onClick={() => download('csv')}>
        Export CSV
      </Button>
      <Button variant="outlined" size="small" onClick={() => download('json')}>
        Export JSON
      </Button>
    </Box>
  );
  // Re-reads after a write keep the shown entries until the new page arrives.
  if (first.loading && pages.length === 0) return <Progress />;
  if (first.error) return <ResponseErrorPanel error={first.error} />;
  const entries = pages.flatMap(page => page.items);
  return (
    <InfoCard
      title="Audit log"
      subheader="Every change to the model's reviews and deployments: who, what, when, before and after. Each entry carries the hash of the one before it; lab2live-validate audit checks an export."
    >
      {exports}
      {failure && (
        <Box mt={1}>
          <ResponseErrorPanel error={failure} title="Export failed" />
        </Box>
      )}
      <Box mt={2}>
        <Table<AuditEntry>
          columns={auditColumns}
          data={entries}
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
          }}
        />
      </Box>
      {older.error && (
        <Box mt={1}>
          <ResponseErrorPanel
            error={older.error}
            title="Older entries could not be read"
          />
        </Box>
      )}
      {nextCursor && (
        <Box mt={1}>
          <Button
            variant="text"
            size="small"
            disabled={older.loading}
            onClick={() => loadOlder()}
          >
            Load older entries
          </Button>
        </Box>
      )}
    </InfoCard>
  );
}

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

  if (list.loading && !list.value) return <Progress />;
  if (list.error) return <ResponseErrorPanel error={list.error} />;
  const reviews = list.value?.items ?? [];
  const canCreate = list.value?.canCreate ?? false;
  const current = selected ?? reviews[0]?.id;
  const onOpened = (review: Review) => {
    setSelected(review.id);
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
        />
      </Grid>
      {documentation}
      <Grid item xs={12}>
        <AuditLogCard modelRef={modelRef} name={entity.metadata.name} />
      </Grid>
    </Grid>
  );
}
