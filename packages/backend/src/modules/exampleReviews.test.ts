import { mockServices } from '@backstage/backend-test-utils';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { seedExampleReviews } from './exampleReviews';

/** What the stand-in backend was asked, in order: "METHOD /plugin/path". */
type Calls = string[];

async function body(request: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/**
 * A stand-in for the auth, catalog and ml-catalog backends: every person signs in, the
 * store holds no review, and the catalog holds every entity except `missing`.
 */
async function standIn(missing: string[]): Promise<{
  server: Server;
  calls: Calls;
  baseUrl: string;
}> {
  const calls: Calls = [];
  const server = createServer(async (request, response) => {
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    calls.push(`${request.method} ${request.url}`);
    if (request.url === '/auth/guest/refresh') {
      json(200, { backstageIdentity: { token: 'a-token' } });
    } else if (request.url === '/catalog/entities/by-refs') {
      const { entityRefs } = await body(request);
      json(200, {
        items: entityRefs.map((ref: string) =>
          missing.includes(ref) ? null : { kind: ref.split(':')[0] },
        ),
      });
    } else if (
      request.url === '/ml-catalog/reviews' &&
      request.method === 'GET'
    ) {
      json(200, { items: [] });
    } else {
      json(500, { error: { name: 'Error', message: 'not expected here' } });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, calls, baseUrl: `http://127.0.0.1:${port}` };
}

describe('seedExampleReviews', () => {
  it('tells no story while the catalog lacks one of their models or people, and names them', async () => {
    const { server, calls, baseUrl } = await standIn([
      'mlmodel:default/churn-predictor',
      'user:default/hannah',
    ]);
    try {
      const discovery = mockServices.discovery.mock({
        getBaseUrl: async (pluginId: string) => `${baseUrl}/${pluginId}`,
      });
      await expect(
        seedExampleReviews({ discovery, logger: mockServices.logger.mock() }),
      ).rejects.toThrow(
        'the catalog does not hold mlmodel:default/churn-predictor, user:default/hannah yet',
      );
      // Nothing was written: no review opened, so the next run starts from the top.
      expect(calls.filter(call => !call.startsWith('GET '))).toEqual([
        'POST /catalog/entities/by-refs',
      ]);
    } finally {
      server.close();
    }
  });
});
