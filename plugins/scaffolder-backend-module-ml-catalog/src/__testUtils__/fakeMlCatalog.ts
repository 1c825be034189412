import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the fake backend received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  authorization: string;
  body: any;
}

/** Backstage's error response body. */
export function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'POST', url: '/api/ml-catalog' },
    response: { statusCode },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A stand-in for the ml-catalog backend on a local port, answering with `answer`;
 * actions under test reach it through the discovery service.
 */
export async function startFakeMlCatalog(
  answer: (request: ReceivedRequest) => { status: number; body: object },
) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
    received.push(request);
    const { status, body } = answer(request);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/ml-catalog`,
    received,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}
