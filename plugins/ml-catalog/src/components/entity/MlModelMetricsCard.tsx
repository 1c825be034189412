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
import Typography from '@material-ui/core/Typography';
import { Fragment, ReactNode } from 'react';
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

/**
 * A metric value as people read it: four significant digits, so an imported
 * 0.9128440366972477 reads 0.9128, but never fewer digits than the whole part has, and
 * never rounded to a whole number it is not (0.99996 stays 0.99996, not 1).
 */
export function formatMetricValue(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) {
    return String(value);
  }
  const abs = Math.abs(value);
  const whole = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 0;
  for (let digits = Math.max(4, whole + 1); digits < 17; digits++) {
    const rounded = Number(value.toPrecision(digits));
    if (!Number.isInteger(rounded)) {
      return String(rounded);
    }
  }
  return String(value);
}

/**
 * A metric's name that may wrap after `_`, `-`, `/` and `.`: names like
 * precision_at_top_decile are one long word that would widen the card past its edge.
 */
function BreakableName(props: { name: string }) {
  const parts = props.name.split(/(?<=[_\-/.])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** The value, rounded for reading, with the exact figure on hover. */
function MetricValue(props: { value: number }) {
  const text = formatMetricValue(props.value);
  return (
    <span
      title={text === String(props.value) ? undefined : String(props.value)}
    >
      {text}
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

/**
 * Words wrap at spaces, never mid-word: the theme lets table cells break anywhere, which
 * in the card's narrow width split "no threshold" and stacked slice names letter by letter.
 */
const CELL_STYLE = {
  padding: '6px 8px',
  wordBreak: 'normal',
  overflowWrap: 'normal',
} as const;
const SLICE_CELL = { ...CELL_STYLE, padding: '2px 4px' } as const;
const SLICE_FIGURE = { ...SLICE_CELL, whiteSpace: 'nowrap' } as const;

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
          <TableCell style={SLICE_CELL}>Slice</TableCell>
          <TableCell style={SLICE_CELL} align="right">
            Value
          </TableCell>
          <TableCell style={SLICE_CELL}>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {evaluation.slices.map(slice => (
          <TableRow key={slice.name}>
            <TableCell style={SLICE_CELL} component="th" scope="row">
              <BreakableName name={slice.name} />
            </TableCell>
            <TableCell style={SLICE_FIGURE} align="right">
              <MetricValue value={slice.value} />
            </TableCell>
            <TableCell style={SLICE_FIGURE}>
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

/**
 * The metric's name and, under it, the dataset it was measured on: a column of its own
 * pushed the slices or the datasets past the card's edge.
 */
function MetricName(props: { row: Row; model: Entity }) {
  const { row, model } = props;
  const dataset = fullRef(row.dataset, 'dataset', model);
  let measuredOn: ReactNode = 'dataset not stated';
  if (dataset) {
    measuredOn = (
      <>
        on <EntityRefLink entityRef={dataset} defaultKind="dataset" />
      </>
    );
  } else if (row.dataset) {
    measuredOn = `on ${row.dataset}`;
  }
  return (
    <>
      <BreakableName name={row.name} />
      <Typography variant="body2" color="textSecondary" component="div">
        {measuredOn}
      </Typography>
    </>
  );
}

function columns(model: Entity, withSlices: boolean): TableColumn<Row>[] {
  const all: TableColumn<Row>[] = [
    {
      title: 'Metric',
      field: 'name',
      highlight: true,
      render: row => <MetricName row={row} model={model} />,
    },
    {
      title: 'Value',
      field: 'value',
      type: 'numeric',
      render: row => <MetricValue value={row.value} />,
    },
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
    // A column of "none" when no metric has slices, as imported results rarely do.
    ...(withSlices
      ? [{ title: 'Slices', render: (row: Row) => <SliceTable row={row} /> }]
      : []),
  ];
  // Copies: the table writes into a highlighted column's styles.
  return all.map(column => ({
    ...column,
    cellStyle: { ...CELL_STYLE },
    headerStyle: { ...CELL_STYLE },
  }));
}

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
  const judged = rows.some(r => r.evaluation.result !== 'none');
  let subtitle = 'All metrics with a threshold meet it, on every slice';
  if (failing > 0) {
    subtitle = `${failing} of ${metrics.length} miss their threshold`;
  } else if (!judged) {
    subtitle = 'As reported: no metric has a threshold to judge it by';
  }
  return (
    <Table<Row>
      title="Metrics"
      subtitle={subtitle}
      columns={columns(
        entity,
        rows.some(r => (r.slices ?? []).length > 0),
      )}
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
