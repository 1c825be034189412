import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import { churnReview } from '../../__testUtils__/governanceApi';
import { ReviewActions } from './ReviewActions';

function renderActions(review: Review, busy = false) {
  const handlers = {
    onSubmit: jest.fn(),
    onWithdraw: jest.fn(),
    onDecide: jest.fn(),
  };
  return renderInTestApp(
    <ReviewActions review={review} busy={busy} {...handlers} />,
  ).then(() => handlers);
}

const buttons = () =>
  within(screen.getByRole('group', { name: 'Review actions' }))
    .queryAllByRole('button')
    .map(b => b.textContent);

describe('ReviewActions', () => {
  it('offers the owners what the server allows on a draft, and calls each action', async () => {
    const handlers = await renderActions(
      churnReview({ state: 'draft', actions: ['submit', 'withdraw'] }),
    );
    expect(buttons()).toEqual(['Submit for review', 'Withdraw']);
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for review' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(handlers.onSubmit).toHaveBeenCalledTimes(1);
    expect(handlers.onWithdraw).toHaveBeenCalledTimes(1);
    expect(handlers.onDecide).not.toHaveBeenCalled();
  });

  it('lets a reviewer decide, naming the decision', async () => {
    const handlers = await renderActions(churnReview());
    expect(buttons()).toEqual(['Approve', 'Request changes', 'Reject']);
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(handlers.onDecide).toHaveBeenCalledWith('reject');
  });

  it('disables every action while a write runs', async () => {
    await renderActions(churnReview(), true);
    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
  });

  it('says why there is nothing to do', async () => {
    await renderActions(churnReview({ actions: [] }));
    expect(buttons()).toEqual([]);
    expect(
      screen.getByText(/Reviewers never decide on models their own team owns/),
    ).toBeInTheDocument();
  });

  it('says there is nothing to do on a decided review', async () => {
    await renderActions(churnReview({ state: 'approved', actions: [] }));
    expect(
      screen.getByText('Nothing to do on this review for you.'),
    ).toBeInTheDocument();
  });
});
