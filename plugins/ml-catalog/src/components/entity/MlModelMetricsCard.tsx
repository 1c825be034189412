import { Entity } from '@backstage/catalog-model';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  describeThreshold,
  evaluateMetric,
  MetricDirection,
  MetricEvaluation,
  MLModelEntityV1alpha1,
  MLModelMetric,
} from '@lab2live/plugin-ml-catalog-common';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { CardEmptyState } from './CardStates';
import { fullRef } from './relations';
import { tableOptions } from '../shared/tableOptions';

type Row = MLModelMetric & { evaluation: MetricEvaluation };

/**
 * Which way a metric is better, as an arrow and in words, e.g. "↑ higher is
 * better". The arrow is decoration; the words are what a screen reader says.
 */
export function MetricDirectionLabel(props: { direction: MetricDirection }) {
  const higher = props.direction === 'higher';
  return (
    <span>
      <span aria-hidden="true">{higher ? '↑' : '↓'}</span>{' '}
      {higher ? 'higher is better' : 'lower is better'}
    </span>
  );
}

function MetricResult(props: { row: Row }) {
  const { evaluation } = props.row;
  if (evaluation.result === 'none') {
    return <StatusPending>no threshold</StatusPending>;
  }
  if (evaluation.result === 'pass') {
    return <StatusOK>meets threshold</StatusOK>;
  }
  const failing = evaluation.failingSlices;
  const parts: string[] = [];
  if (evaluation.overall === 'fail') {
    parts.push(
      evaluation.direction === 'lower' ? 'above threshold' : 'below threshold',
    );
  }
  if (failing.length > 0) {
    parts.push(
      `fails on ${failing.length} of ${
        evaluation.slices.length
      } slices: ${failing.join(', ')}`,
    );
  }
  return <StatusError>{parts.join('; ')}</StatusError>;
}

/** The per-slice results of one metric, each against the metric's threshold. */
function SliceTable(props: { row: Row }) {
  const { evaluation, name } = props.row;
  if (evaluation.slices.length === 0) {
    return <>none</>;
  }
  return (
    <MuiTable size="small" aria-label={`Slices of ${name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Slice</TableCell>
          <TableCell align="right">Value</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {evaluation.slices.map(slice => (
          <TableRow key={slice.name}>
            <TableCell component="th" scope="row">
              {slice.name}
            </TableCell>
            <TableCell align="right">{slice.value}</TableCell>
            <TableCell>
              {slice.result === 'pass' && <StatusOK>meets</StatusOK>}
              {slice.result === 'fail' && <StatusError>fails</StatusError>}
              {slice.result === 'none' && 'no threshold'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </MuiTable>
  );
}

const columns = (model: Entity): TableColumn<Row>[] => [
  { title: 'Metric', field: 'name', highlight: true },
  { title: 'Value', field: 'value', type: 'numeric' },
  {
    title: 'Better',
    render: row => (
      <MetricDirectionLabel direction={row.evaluation.direction} />
    ),
  },
  {
    title: 'Threshold',
    render: row =>
      typeof row.threshold === 'number'
        ? describeThreshold(row.threshold, row.evaluation.direction)
        : 'none',
  },
  { title: 'Result', render: row => <MetricResult row={row} /> },
  { title: 'Slices', render: row => <SliceTable row={row} /> },
  {
    title: 'Measured on',
    render: row =>
      fullRef(row.dataset, 'dataset', model) ? (
        <EntityRefLink
          entityRef={fullRef(row.dataset, 'dataset', model)!}
          defaultKind="dataset"
        />
      ) : (
        row.dataset ?? 'not stated'
      ),
  },
];

/**
 * An MLModel's headline metrics against their thresholds, each judged in its
 * direction (higher or lower is better), overall and on every slice.
 */
export function MlModelMetricsCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const metrics = entity.spec?.metrics ?? [];
  if (metrics.length === 0) {
    return (
      <InfoCard title="Metrics">
        <CardEmptyState
          title="No evaluation metrics"
          description="List the headline results in spec.metrics, each with the dataset it was measured on, the threshold it must meet, its direction (higher or lower is better) and its results per slice."
        />
      </InfoCard>
    );
  }
  const rows: Row[] = metrics.map(metric => ({
    ...metric,
    evaluation: evaluateMetric(metric),
  }));
  const failing = rows.filter(r => r.evaluation.result === 'fail').length;
  return (
    <Table<Row>
      title="Metrics"
      subtitle={
        failing > 0
          ? `${failing} of ${metrics.length} miss their threshold`
          : 'All metrics with a threshold meet it, on every slice'
      }
      columns={columns(entity)}
      data={rows}
      options={{
        ...tableOptions,
        paging: false,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
