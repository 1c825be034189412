import { screen, within } from '@testing-library/react';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import { fakeStatusApi } from '../../__testUtils__/statusApi';
import { MlModelDeploymentsCard } from './MlModelDeploymentsCard';

const backendDown = () =>
  fakeStatusApi({ failWith: new Error('ml-catalog backend is down') });

describe('MlModelDeploymentsCard', () => {
  it('shows each configured environment in order, stale marked, missing ones named', async () => {
    await renderCard(<MlModelDeploymentsCard />, churnModel);
    const list = await screen.findByRole('list', {
      name: 'Deployments by environment',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'dev: not deployed',
      'staging v8 · healthyServed by churn-scoring-api',
      'production v7 · stale',
    ]);
    expect(
      screen.getByLabelText('production: version 7, stale'),
    ).toBeInTheDocument();
  });

  it('tells how to report a deployment when there is none', async () => {
    await renderCard(<MlModelDeploymentsCard />, fraudModel);
    expect(
      await screen.findByText('No deployment reported yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard(<MlModelDeploymentsCard />, churnModel, {
      statusApi: backendDown(),
    });
    expect(
      await screen.findByText('Error: ml-catalog backend is down', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});
