import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Link,
  Page,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  defaultEntityPresentation,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  RISK_TIERS,
  type ComplianceStatus,
  type ModelCompliance,
  type ReviewSummary,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { ReactNode, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogGovernanceApiRef } from '../../api';
import { modelGovernanceTabRouteRef } from '../../routes';
import { AsyncCard } from '../entity/CardStates';
import { ChartLegend, formatDay, useLifecycleStages } from '../shared';
import { ComplianceChip, ReviewStateChip, statusLabel } from '../status';
import { compactTableOptions } from '../shared/tableOptions';
import { useEntitiesByRefs } from '../shared/useEntitiesByRefs';

/** A section of the dashboard that loads on its own. */
function Section<T>(props: {
  title: string;
  subheader?: string;
  state: { loading: boolean; error?: Error; value?: T };
  empty: (value: T) => boolean;
  emptyTitle: string;
  emptyDescription?: string;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value } = props.state;
  return (
    <AsyncCard
      title={props.title}
      subheader={props.subheader}
      loading={loading}
      error={error}
    >
      {value === undefined || props.empty(value) ? (
        <EmptyState
          missing="data"
          title={props.emptyTitle}
          description={props.emptyDescription}
        />
      ) : (
        props.children(value)
      )}
    </AsyncCard>
  );
}

/** A link to a model's Governance tab. */
function GovernanceLink(props: { model: string; text?: string }) {
  const governanceTab = useRouteRef(modelGovernanceTabRouteRef);
  const ref = parseEntityRef(props.model);
  return (
    <Link
      to={governanceTab({
        kind: ref.kind.toLocaleLowerCase('en-US'),
        namespace: ref.namespace,
        name: ref.name,
      })}
    >
      {props.text ?? humanizeEntityRef(ref, { defaultKind: 'mlmodel' })}
    </Link>
  );
}

/** Model titles by ref, from the compliance read the page makes anyway. */
type Titles = ReadonlyMap<string, string>;

const waitingColumns = (titles: Titles): TableColumn<ReviewSummary>[] => [
  {
    title: 'Model',
    render: r => <GovernanceLink model={r.model} text={titles.get(r.model)} />,
  },
  { title: 'Version', field: 'version' },
  { title: 'Risk tier', render: r => statusLabel(r.riskTier) },
  { title: 'Submitted', render: r => formatDay(r.submittedAt) },
  {
    title: 'Approvals',
    render: r =>
      `${r.decisions.filter(d => d.decision === 'approve').length} of ${
        r.approvalsRequired
      }`,
  },
  {
    title: 'Checklist',
    render: r =>
      Object.entries(r.counts)
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${statusLabel(status)}`)
        .join(' · '),
  },
];

interface Expiring {
  what: string;
  model: string;
  expiresAt: string;
  detail: string;
}

const expiringColumns = (titles: Titles): TableColumn<Expiring>[] => [
  { title: 'Ends', render: e => formatDay(e.expiresAt) },
  { title: 'What', field: 'what' },
  {
    title: 'Model',
    render: e => <GovernanceLink model={e.model} text={titles.get(e.model)} />,
  },
  { title: 'Detail', field: 'detail' },
];

// Names and reasons get room to read whole; the short columns take what is left.
const outOfComplianceColumns: TableColumn<ModelCompliance>[] = [
  {
    title: 'Model',
    cellStyle: { minWidth: 160 },
    render: c => <GovernanceLink model={c.model} text={c.title} />,
  },
  {
    title: 'Owner',
    cellStyle: { minWidth: 160 },
    render: c =>
      c.owner ? <EntityRefLink entityRef={c.owner} defaultKind="group" /> : '',
  },
  { title: 'Stage', field: 'stage' },
  { title: 'Risk tier', render: c => statusLabel(c.riskTier ?? 'not set') },
  {
    title: 'Compliance',
    render: c => <ComplianceChip status={c.status} reasons={c.reasons} />,
  },
  {
    title: 'Why',
    cellStyle: { minWidth: 260 },
    render: c => (
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {c.reasons.map(reason => (
          <li key={reason}>
            <Typography variant="body2">{reason}</Typography>
          </li>
        ))}
      </ul>
    ),
  },
  {
    title: 'Review',
    render: c =>
      c.review ? <ReviewStateChip state={c.review.state} /> : 'none',
  },
];

const ORDER: ComplianceStatus[] = ['compliant', 'at_risk', 'non_compliant'];

/** Stacked horizontal bars: how many models per group are compliant, at risk or not. */
function ComplianceBars(props: {
  label: string;
  groups: Array<{ name: string; counts: Record<ComplianceStatus, number> }>;
}) {
  const theme = useTheme();
  const colors: Record<ComplianceStatus, string> = {
    compliant: theme.palette.success.main,
    at_risk: theme.palette.warning.main,
    non_compliant: theme.palette.error.main,
  };
  const max = Math.max(
    1,
    ...props.groups.map(g => ORDER.reduce((sum, s) => sum + g.counts[s], 0)),
  );
  const row = 26;
  const labelWidth = 190;
  const width = 620;
  const barWidth = width - labelWidth - 40;
  const height = props.groups.length * row + 8;
  return (
    <Box>
      <svg
        role="img"
        aria-label={`${props.label}: ${props.groups
          .map(
            g =>
              `${g.name} ${ORDER.map(
                s => `${g.counts[s]} ${statusLabel(s)}`,
              ).join(', ')}`,
          )
          .join('; ')}`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxHeight: height * 1.5 }}
      >
        {props.groups.map((group, i) => {
          let x = labelWidth;
          const total = ORDER.reduce((sum, s) => sum + group.counts[s], 0);
          return (
            <g key={group.name}>
              <text
                x={0}
                y={i * row + 18}
                fontSize={12}
                fill={theme.palette.text.primary}
              >
                {group.name.length > 28
                  ? `${group.name.slice(0, 27)}…`
                  : group.name}
              </text>
              {ORDER.map(status => {
                const w = (group.counts[status] / max) * barWidth;
                const rect = (
                  <rect
                    key={status}
                    x={x}
                    y={i * row + 5}
                    width={w}
                    height={row - 10}
                    fill={colors[status]}
                  >
                    <title>{`${group.name}: ${
                      group.counts[status]
                    } ${statusLabel(status)}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text
                x={x + 6}
                y={i * row + 18}
                fontSize={12}
                fill={theme.palette.text.secondary}
              >
                {total}
              </text>
            </g>
          );
        })}
      </svg>
      <ChartLegend
        entries={ORDER.map(status => ({
          label: statusLabel(status),
          color: colors[status],
        }))}
      />
    </Box>
  );
}

function groupCounts(
  items: ModelCompliance[],
  key: (item: ModelCompliance) => string,
) {
  const groups = new Map<string, Record<ComplianceStatus, number>>();
  for (const item of items) {
    const name = key(item);
    const counts = groups.get(name) ?? {
      compliant: 0,
      at_risk: 0,
      non_compliant: 0,
    };
    counts[item.status] += 1;
    groups.set(name, counts);
  }
  return [...groups.entries()].map(([name, counts]) => ({ name, counts }));
}

/** What the team chart reads of each owner. */
const OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

/** Risk tiers from least to most severe, then models without one. */
const TIER_ORDER: readonly string[] = [...RISK_TIERS, 'not set'];

/**
 * The governance dashboard, for the model risk board: reviews waiting for the signed-in
 * reviewer, approvals and waivers ending within 30 days, models out of compliance in
 * every lifecycle stage (stages and their rules are configurable), and compliance by team and by risk tier.
 */
export function GovernanceDashboardContent() {
  const api = useApi(mlCatalogGovernanceApiRef);
  const waiting = useAsyncRetry(async () => {
    const { items } = await api.listReviews({ awaiting: 'me' });
    return items;
  }, [api]);
  const expiring = useAsyncRetry(async () => {
    const { approvals, waivers } = await api.getExpiring(30);
    const rows: Expiring[] = [
      ...approvals.map(r => ({
        what: 'Approval',
        model: r.model,
        expiresAt: r.expiresAt!,
        detail: `Version ${r.version}`,
      })),
      ...waivers.map(w => ({
        what: 'Waiver',
        model: w.model,
        expiresAt: w.expiresAt,
        detail: `${w.title}: ${w.reason}`,
      })),
    ];
    return rows.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  }, [api]);
  const compliance = useAsyncRetry(async () => {
    const { items } = await api.getCompliance();
    return items;
  }, [api]);
  const stages = useLifecycleStages();
  // Every table names a model as the compliance table does: by its title, once known.
  const titles: Titles = useMemo(
    () =>
      new Map(
        (compliance.value ?? []).flatMap(c =>
          c.title ? [[c.model, c.title] as const] : [],
        ),
      ),
    [compliance.value],
  );
  // Teams by their titles too, as the owner column shows them.
  const ownerRefs = useMemo(
    () => [
      ...new Set(
        (compliance.value ?? []).flatMap(c => (c.owner ? [c.owner] : [])),
      ),
    ],
    [compliance.value],
  );
  const owners = useEntitiesByRefs(ownerRefs, OWNER_FIELDS);
  const teamName = (owner?: string) =>
    owner
      ? defaultEntityPresentation(owners.value?.get(owner) ?? owner, {
          defaultKind: 'group',
        }).primaryTitle
      : 'no owner';
  const waitingTable = useMemo(() => waitingColumns(titles), [titles]);
  const expiringTable = useMemo(() => expiringColumns(titles), [titles]);
  const outOfCompliance = {
    ...compliance,
    value: compliance.value
      ?.filter(c => c.status !== 'compliant')
      .sort(
        (a, b) =>
          ORDER.indexOf(b.status) - ORDER.indexOf(a.status) ||
          stages.indexOf(b.stage) - stages.indexOf(a.stage),
      ),
  };

  return (
    <Content>
      <ContentHeader title="Governance">
        <SupportButton>
          Reviews waiting for your decision, what ends soon, and where models
          stand against the rules of their lifecycle stage.
        </SupportButton>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Section
            title="Reviews waiting for me"
            subheader="Submitted reviews you may decide on (never your own team's models)"
            state={waiting}
            empty={v => v.length === 0}
            emptyTitle="Nothing waits for you"
            emptyDescription="Submitted reviews of other teams' models show here when you sit on the review board."
          >
            {rows => (
              <Table<ReviewSummary>
                columns={waitingTable}
                data={rows}
                options={compactTableOptions}
              />
            )}
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section
            title="Ending in the next 30 days"
            subheader="Approvals and waivers"
            state={expiring}
            empty={v => v.length === 0}
            emptyTitle="Nothing ends this month"
          >
            {rows => (
              <Table<Expiring>
                columns={expiringTable}
                data={rows}
                options={compactTableOptions}
              />
            )}
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section
            title="Models out of compliance"
            subheader="Non-compliant and at-risk models of every lifecycle stage, later stages first, with the reasons"
            state={outOfCompliance}
            empty={v => v.length === 0}
            emptyTitle="Every model is compliant"
          >
            {rows => (
              <Table<ModelCompliance>
                columns={outOfComplianceColumns}
                data={rows}
                options={{
                  ...compactTableOptions,
                  paging: rows.length > 10,
                  pageSize: 10,
                }}
              />
            )}
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section
            title="Compliance by team"
            state={compliance}
            empty={v => v.length === 0}
            emptyTitle="No models yet"
          >
            {items => (
              <ComplianceBars
                label="Compliance by team"
                groups={groupCounts(items, c => teamName(c.owner)).sort(
                  (a, b) => a.name.localeCompare(b.name),
                )}
              />
            )}
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section
            title="Compliance by risk tier"
            state={compliance}
            empty={v => v.length === 0}
            emptyTitle="No models yet"
          >
            {items => (
              <ComplianceBars
                label="Compliance by risk tier"
                groups={groupCounts(items, c => c.riskTier ?? 'not set').sort(
                  (a, b) =>
                    TIER_ORDER.indexOf(a.name) - TIER_ORDER.indexOf(b.name),
                )}
              />
            )}
          </Section>
        </Grid>
      </Grid>
    </Content>
  );
}

/** The governance dashboard as a full page, for apps on the legacy frontend system. */
export function GovernanceDashboardPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Governance"
        subtitle="Reviews, approvals and compliance of machine-learning models"
      />
      <GovernanceDashboardContent />
    </Page>
  );
}
