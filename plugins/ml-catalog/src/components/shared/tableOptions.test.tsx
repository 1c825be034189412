import { Table } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { tableOptions } from './tableOptions';

describe('tableOptions', () => {
  it('makes each sortable column header one control, with nothing focusable inside', async () => {
    await renderInTestApp(
      <Table
        title="Models"
        columns={[
          { title: 'Name', field: 'name' },
          { title: 'Stage', field: 'stage' },
        ]}
        data={[{ name: 'churn-predictor', stage: 'production' }]}
        options={{ ...tableOptions, paging: false, search: false }}
      />,
    );
    for (const name of ['Name', 'Stage']) {
      const header = screen.getByRole('columnheader', { name });
      const sort = within(header).getByRole('button');
      expect(
        sort.querySelectorAll('[tabindex], a, button, input'),
      ).toHaveLength(0);
    }
  });
});
