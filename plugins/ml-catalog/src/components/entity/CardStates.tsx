import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/**
 * A card whose content loads: progress while loading, the server's error when it
 * fails, otherwise the children.
 */
export function AsyncCard(props: {
  title: string;
  subheader?: string;
  loading: boolean;
  error?: Error;
  children?: ReactNode;
}) {
  let body = props.children;
  if (props.loading) {
    body = <Progress />;
  } else if (props.error) {
    body = <ResponseErrorPanel error={props.error} />;
  }
  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      {body}
    </InfoCard>
  );
}

/** The empty state inside a card: what is missing and how to add it. */
export function CardEmptyState(props: { title: string; description: string }) {
  return (
    <EmptyState
      missing="field"
      title={props.title}
      description={props.description}
    />
  );
}
