import type { Review } from '@lab2live/plugin-ml-catalog-common';
import { statusLabel } from '../status';

/** What changed between the review someone edited and the one the server holds. */
export function differences(before: Review, after: Review): string[] {
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
