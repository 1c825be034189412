import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * POSTs to the Lab2Live backend on behalf of the person running the template, so its
 * permission checks decide as they would for them. A refusal throws with the backend's
 * message after `failure`; the response (201 or 200) is returned otherwise.
 */
export async function postToMlCatalog(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  onBehalfOf: BackstageCredentials;
  path: string;
  body: object;
  failure: string;
}): Promise<Response> {
  const { token } = await options.auth.getPluginRequestToken({
    onBehalfOf: options.onBehalfOf,
    targetPluginId: 'ml-catalog',
  });
  const base = await options.discovery.getBaseUrl('ml-catalog');
  const response = await fetch(`${base}${options.path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(options.body),
  });
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    throw new Error(`${options.failure}: ${error.body.error.message}`);
  }
  return response;
}
