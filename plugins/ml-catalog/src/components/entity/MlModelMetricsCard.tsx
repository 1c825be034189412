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
  MLModelEntityV1alpha1,
  MLModelMetric,
} from '@lab2live/plugin-ml-catalog-common';
import { CardEmptyState } from './CardStates';
import { fullRef } from './relations';

/** A metric passes when it reaches its threshold: thresholds are quality floors. */
export function metricResult(metric: MLModelMetric): 'pass' | 'fail' | 'none' {
  if (typeof metric.threshold !== 'number') {
    return 'none';
  }
  return metric.value >= metric.threshold ? 'pass' : 'fail';
}

const columns = (model: Entity): TableColumn<MLModelMetric>[] => [
  { title: 'Metric', field: 'name', highlight: true },
  { title: 'Value', field: 'value', type: 'numeric' },
  {
    title: 'Threshold',
    render: metric =>
      typeof metric.threshold === 'number' ? `≥ ${metric.threshold}` : 'none',
  },
  {
    title: 'Result',
    render: metric => {
      const result = metricResult(metric);
      if (result === 'pass') return <StatusOK>meets threshold</StatusOK>;
      if (result === 'fail') return <StatusError>below threshold</StatusError>;
      return <StatusPending>no threshold</StatusPending>;
    },
  },
  {
    title: 'Measured on',
    render: metric =>
      fullRef(metric.dataset, 'dataset', model) ? (
        <EntityRefLink
          entityRef={fullRef(metric.dataset, 'dataset', model)!}
          defaultKind="dataset"
        />
      ) : (
        metric.dataset ?? 'not stated'
      ),
  },
];

/** An MLModel's headline metrics against their thresholds, each marked pass or fail. */
export function MlModelMetricsCard() {
  const { entity } = useEntity<MLModelEntityV1alpha1>();
  const metrics = entity.spec?.metrics ?? [];
  if (metrics.length === 0) {
    return (
      <InfoCard title="Metrics">
        <CardEmptyState
          title="No evaluation metrics"
          description="List the headline results in spec.metrics, each with the dataset it was measured on and the threshold it must reach."
        />
      </InfoCard>
    );
  }
  const failing = metrics.filter(m => metricResult(m) === 'fail').length;
  return (
    <Table<MLModelMetric>
      title="Metrics"
      subtitle={
        failing > 0
          ? `${failing} of ${metrics.length} below threshold`
          : 'All metrics with a threshold meet it'
      }
      columns={columns(entity)}
      data={metrics}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
