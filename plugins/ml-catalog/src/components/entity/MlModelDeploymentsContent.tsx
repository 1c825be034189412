import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type {
  DeploymentEvent,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogStatusApiRef } from '../../api';
import { DeploymentChips, statusLabel } from '../status';
import { toTimeline } from './deploymentTimeline';
import { ChartLegend, formatDay, formatTime, WebLink } from '../shared';
import { tableOptions } from '../shared/tableOptions';

const LANE_HEIGHT = 28;
const LABEL_WIDTH = 110;
const CHART_WIDTH = 900;

function useStatusColors(): Record<DeploymentStatus, string> {
  const theme = useTheme();
  return {
    pending: theme.palette.info.light,
    deploying: theme.palette.info.main,
    healthy: theme.palette.success.main,
    degraded: theme.palette.warning.main,
    failed: theme.palette.error.main,
    rolled_back: theme.palette.error.dark,
    retired: theme.palette.grey[400],
  };
}

/** Status over time: one lane per environment, coloured by status, labelled by version. */
function StatusOverTime(props: {
  events: DeploymentEvent[];
  environments: string[];
}) {
  const colors = useStatusColors();
  const theme = useTheme();
  const now = Date.now();
  const { lanes, start } = toTimeline(props.events, props.environments, now);
  const span = Math.max(now - start, 3_600_000);
  const x = (t: number) =>
    LABEL_WIDTH + ((t - start) / span) * (CHART_WIDTH - LABEL_WIDTH - 10);
  const height = lanes.length * LANE_HEIGHT + 24;
  const used = [...new Set(props.events.map(e => e.status))];
  return (
    <Box>
      <svg
        role="img"
        aria-label="Deployment status over time per environment"
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width="100%"
        style={{ maxHeight: height * 1.6 }}
      >
        {lanes.map((lane, i) => (
          <g key={lane.environment}>
            <text
              x={0}
              y={i * LANE_HEIGHT + 18}
              fontSize={13}
              fill={theme.palette.text.primary}
            >
              {lane.environment}
            </text>
            {lane.segments.map(segment => {
              const left = x(segment.start);
              const width = Math.max(x(segment.end) - left, 2);
              return (
                <g
                  key={`${segment.start}-${segment.version}-${segment.status}`}
                >
                  <rect
                    x={left}
                    y={i * LANE_HEIGHT + 4}
                    width={width}
                    height={LANE_HEIGHT - 8}
                    fill={colors[segment.status]}
                    stroke={theme.palette.background.paper}
                  >
                    <title>
                      {`${lane.environment} v${segment.version}: ${statusLabel(
                        segment.status,
                      )} from ${formatTime(segment.start)}`}
                    </title>
                  </rect>
                  {width > 28 && (
                    <text
                      x={left + 4}
                      y={i * LANE_HEIGHT + 19}
                      fontSize={11}
                      fill={theme.palette.common.white}
                    >
                      v{segment.version}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
        <text
          x={LABEL_WIDTH}
          y={height - 4}
          fontSize={11}
          fill={theme.palette.text.secondary}
        >
          {formatDay(start)}
        </text>
        <text
          x={CHART_WIDTH - 10}
          y={height - 4}
          fontSize={11}
          textAnchor="end"
          fill={theme.palette.text.secondary}
        >
          now
        </text>
      </svg>
      <ChartLegend
        entries={used.map(status => ({
          label: statusLabel(status),
          color: colors[status],
        }))}
      />
    </Box>
  );
}

const historyColumns: TableColumn<DeploymentEvent>[] = [
  {
    title: 'When',
    field: 'timestamp',
    render: row => formatTime(row.timestamp),
  },
  { title: 'Environment', field: 'environment' },
  { title: 'Version', field: 'version' },
  { title: 'Status', field: 'status', render: row => statusLabel(row.status) },
  {
    title: 'Served by',
    render: row =>
      row.component ? (
        <EntityRefLink entityRef={row.component} defaultKind="component" />
      ) : (
        ''
      ),
  },
  {
    title: 'Endpoint',
    render: row => (row.endpointUrl ? <WebLink to={row.endpointUrl} /> : ''),
  },
  { title: 'Reported by', field: 'reportedBy' },
];

/**
 * The Deployments tab of a model: where each version runs now, status over time per
 * environment, and every reported event, newest first.
 */
export function MlModelDeploymentsContent() {
  const { entity } = useEntity();
  const api = useApi(mlCatalogStatusApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsyncRetry(async () => {
    const [status, history] = await Promise.all([
      api.getModelStatus(ref),
      api.getDeploymentHistory(ref),
    ]);
    return { status, history: history.items };
  }, [api, ref]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.history.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No deployment reported for this model yet"
        description="A pipeline reports each deployment of a version to an environment with POST /api/ml-catalog/deployments and a service token; the README of Lab2Live shows the curl call and a GitHub Actions step."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Now">
          <DeploymentChips
            deployments={value.status.deployments}
            environments={value.status.environments}
            showMissing
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Status over time">
          <StatusOverTime
            events={value.history}
            environments={value.status.environments}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<DeploymentEvent>
          title="History"
          subtitle="Every reported event, newest first"
          columns={historyColumns}
          data={value.history}
          options={{
            ...tableOptions,
            search: false,
            padding: 'dense',
            paging: value.history.length > 20,
            pageSize: 20,
          }}
        />
      </Grid>
    </Grid>
  );
}
