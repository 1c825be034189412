import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ReviewDecisions } from './ReviewDecisions';

describe('ReviewDecisions', () => {
  it('lists each decision with who took it and the note', async () => {
    await renderInTestApp(
      <ReviewDecisions
        decisions={[
          {
            by: 'user:default/board',
            decision: 'request_changes',
            at: '2026-11-01T10:00:00.000Z',
            note: 'Link the drill run',
          },
          {
            by: 'user:default/chair',
            decision: 'approve',
            at: '2026-11-02T10:00:00.000Z',
          },
        ]}
      />,
    );
    const items = within(
      screen.getByRole('list', { name: 'Decisions' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      /^request changes by user:default\/board, .+: Link the drill run$/,
    );
    expect(items[1]).toHaveTextContent(
      /^approve by user:default\/chair, [^:]+:\d\d:\d\d[^:]*$/,
    );
  });
});
