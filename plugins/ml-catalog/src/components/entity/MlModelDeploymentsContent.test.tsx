import { screen } from '@testing-library/react';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import { fakeStatusApi } from '../../__testUtils__/statusApi';
import { MlModelDeploymentsContent } from './MlModelDeploymentsContent';

const backendDown = () =>
  fakeStatusApi({ failWith: new Error('ml-catalog backend is down') });

describe('MlModelDeploymentsContent', () => {
  it('shows the current state, the chart and the history newest first', async () => {
    await renderCard(<MlModelDeploymentsContent />, churnModel);
    expect(
      await screen.findByRole('img', {
        name: 'Deployment status over time per environment',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('staging: version 8, healthy'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('external:ci-pipeline')).toHaveLength(2);
    const rows = screen
      .getAllByRole('row')
      .map(row => row.textContent ?? '')
      .filter(text => /staging|production/.test(text));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/staging8healthy/);
    expect(rows[1]).toMatch(/staging8deploying/);
  });

  it('explains how pipelines report when there is no history', async () => {
    await renderCard(<MlModelDeploymentsContent />, fraudModel);
    expect(
      await screen.findByText('No deployment reported for this model yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard(<MlModelDeploymentsContent />, churnModel, {
      statusApi: backendDown(),
    });
    expect(
      await screen.findByText('Error: ml-catalog backend is down', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});
