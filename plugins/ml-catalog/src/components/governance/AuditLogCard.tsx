import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AuditEntry,
  AuditLogPage,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { mlCatalogGovernanceApiRef } from '../../api';
import { formatTime } from '../shared';
import { saveDownload } from '../shared/saveDownload';
import { useGovernanceChanges } from '../status';
import { compactTableOptions } from '../shared/tableOptions';

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

// The short columns keep to one line, so the change (evidence links, notes, waiver
// reasons) gets the rest of the row and an entry stays a line or two high.
const oneLine = { whiteSpace: 'nowrap' } as const;
const auditColumns: TableColumn<AuditEntry>[] = [
  { title: '#', field: 'seq', width: '3em', cellStyle: oneLine },
  {
    title: 'When',
    field: 'occurredAt',
    width: '13em',
    cellStyle: oneLine,
    render: e => formatTime(e.occurredAt),
  },
  { title: 'Who', field: 'actor', width: '12em', cellStyle: oneLine },
  { title: 'What', field: 'action', width: '12em', cellStyle: oneLine },
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
    width: '8em',
    cellStyle: oneLine,
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
export function AuditLogCard(props: { modelRef: string; name: string }) {
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
          options={compactTableOptions}
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
