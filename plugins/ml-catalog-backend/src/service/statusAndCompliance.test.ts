import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { statusAndCompliance } from './statusAndCompliance';

const answer =
  <T>(value: T) =>
  () =>
    Promise.resolve(value);
const fail = (error: Error) => () => Promise.reject(error);

describe('statusAndCompliance', () => {
  it('answers both parts', async () => {
    expect(
      await statusAndCompliance({
        status: answer({ items: ['s'] }),
        compliance: answer({ items: ['c'] }),
      }),
    ).toEqual({ status: { items: ['s'] }, compliance: { items: ['c'] } });
  });

  it('leaves out a refused part with the error body its route answers', async () => {
    expect(
      await statusAndCompliance({
        status: answer({ items: [] }),
        compliance: fail(
          new NotAllowedError('Not allowed: lab2live.review.read'),
        ),
      }),
    ).toEqual({
      status: { items: [] },
      errors: {
        compliance: {
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: lab2live.review.read',
          },
          response: { statusCode: 403 },
        },
      },
    });
  });

  it('fails as the status route does when neither part is answered', async () => {
    await expect(
      statusAndCompliance({
        status: fail(new NotFoundError('No model mlmodel:default/nope')),
        compliance: fail(new NotFoundError('something else')),
      }),
    ).rejects.toThrow('No model mlmodel:default/nope');
  });

  it('fails on a fault of the server rather than hiding it in a part', async () => {
    await expect(
      statusAndCompliance({
        status: answer({ items: [] }),
        compliance: fail(new Error('connection reset')),
      }),
    ).rejects.toThrow('connection reset');
  });
});
