import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { isWebAddress, WebLink } from './WebLink';

// Script addresses are the point of these tests: a link must never run them.
/* eslint-disable no-script-url */
describe('WebLink', () => {
  it.each([
    ['https://example.com/datasheets/churn', true],
    ['http://mlflow.internal:5000/#/models/churn', true],
    ['javascript:alert(document.cookie)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['s3://lake/churn/features', false],
    ['not a link', false],
    ['', false],
  ])('%s is a web address: %s', (value, expected) => {
    expect(isWebAddress(value)).toBe(expected);
  });

  it('links web addresses and shows anything else as text', async () => {
    await renderInTestApp(
      <>
        <WebLink to="https://example.com/datasheet">datasheet</WebLink>
        <WebLink to="javascript:alert(1)">evil</WebLink>
      </>,
    );
    expect(screen.getByRole('link', { name: /^datasheet/ })).toHaveAttribute(
      'href',
      'https://example.com/datasheet',
    );
    expect(screen.queryByRole('link', { name: /evil/ })).toBeNull();
    expect(screen.getByText('evil')).toBeInTheDocument();
  });
});
