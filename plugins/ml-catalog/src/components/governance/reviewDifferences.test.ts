import { churnReview } from '../../__testUtils__/governanceApi';
import { differences } from './reviewDifferences';

describe('differences', () => {
  const before = churnReview({ state: 'draft' });

  it('is empty when nothing changed', () => {
    expect(differences(before, before)).toEqual([]);
  });

  it('names the new state, changed items with who set them, and a new decision', () => {
    const after = churnReview({
      state: 'changes_requested',
      items: before.items.map(item => {
        if (item.id === 'rollback-tested') {
          return { ...item, status: 'pass', setBy: 'user:default/ana' };
        }
        if (item.status === 'pass' && item.evidence.length > 0) {
          return { ...item, evidence: ['https://ci.example.com/other'] };
        }
        return item;
      }),
      decisions: [
        {
          by: 'user:default/board',
          decision: 'request_changes',
          at: '2026-11-01T10:00:00.000Z',
        },
      ],
    });
    expect(differences(before, after)).toEqual([
      'The review is now changes requested (was draft)',
      'A simpler baseline was compared and beaten: evidence changed',
      'Quick, safe rollback tested: waived → pass (by user:default/ana)',
      'user:default/board decided: request changes',
    ]);
  });
});
