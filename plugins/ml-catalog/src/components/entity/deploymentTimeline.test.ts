import { churnHistory } from '../../__testUtils__/statusApi';
import { toTimeline } from './deploymentTimeline';

describe('toTimeline', () => {
  it('holds each status until the next event of its environment, in configured order', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    const { lanes, start } = toTimeline(
      churnHistory,
      ['dev', 'staging', 'production'],
      now,
    );
    expect(lanes.map(l => l.environment)).toEqual(['staging', 'production']);
    expect(lanes[0].segments.map(s => [s.status, s.end])).toEqual([
      ['deploying', Date.parse('2026-11-24T10:00:00.000Z')],
      ['healthy', now],
    ]);
    expect(start).toBe(Date.parse('2026-11-20T10:00:00.000Z'));
  });
});
