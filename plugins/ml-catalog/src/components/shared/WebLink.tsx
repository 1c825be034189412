import { Link } from '@backstage/core-components';
import { ReactNode } from 'react';

/** Whether a value from an entity or a report is a web address we may link to. */
export function isWebAddress(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A link to an address that came from data (an entity, a report, evidence): only
 * http(s) addresses become links; anything else (`javascript:`, `s3://`, a typo) is
 * shown as text, so it can neither run nor break the page.
 */
export function WebLink(props: { to: string; children?: ReactNode }) {
  const text = props.children ?? props.to;
  return isWebAddress(props.to) ? (
    <Link to={props.to}>{text}</Link>
  ) : (
    <span title="Not a web address: shown as text">{text}</span>
  );
}
