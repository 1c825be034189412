import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel } from '../../__testUtils__/entities';
import { fakeGovernanceApi } from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import { OpenReview } from './OpenReview';

const openReview = (onOpened: (review: Review) => void) => (
  <OpenReview
    entity={churnModel}
    modelRef="mlmodel:default/churn-predictor"
    onOpened={onOpened}
    label="Open a review"
  />
);

describe('OpenReview', () => {
  it("starts at the model's version and opens a review at the one typed", async () => {
    const api = fakeGovernanceApi({ reviews: [], canCreate: true });
    const onOpened = jest.fn();
    await renderCard(openReview(onOpened), churnModel, { governanceApi: api });
    const version = screen.getByLabelText(/Version to review/);
    expect(version).toHaveValue(String(churnModel.spec?.version));
    await userEvent.clear(version);
    expect(
      screen.getByRole('button', { name: 'Open a review' }),
    ).toBeDisabled();
    await userEvent.type(version, ' 9 ');
    await userEvent.click(
      screen.getByRole('button', { name: 'Open a review' }),
    );
    await waitFor(() => expect(onOpened).toHaveBeenCalledTimes(1));
    expect(onOpened.mock.calls[0][0]).toMatchObject({
      model: 'mlmodel:default/churn-predictor',
      version: '9',
      state: 'draft',
    });
    expect([...api.reviews.values()].map(r => r.version)).toEqual(['9']);
  });

  it('shows why the server refused and opens nothing', async () => {
    const api = fakeGovernanceApi({
      reviews: [],
      failWith: new Error('Only the owners open reviews'),
    });
    const onOpened = jest.fn();
    await renderCard(openReview(onOpened), churnModel, { governanceApi: api });
    await userEvent.click(
      screen.getByRole('button', { name: 'Open a review' }),
    );
    expect(
      await screen.findByText('Error: The review was not opened'),
    ).toBeInTheDocument();
    expect(api.reviews.size).toBe(0);
    expect(onOpened).not.toHaveBeenCalled();
  });
});
