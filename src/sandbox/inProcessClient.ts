// HttpClient for sandbox mode and tests: hands the SDK's PipelineRequest to the router without a socket.
import { AbortError } from '@azure/abort-controller';
import {
  RestError,
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { invalidJson } from './arm-errors';
import { errorResponse, parseBody, type Router, type SandboxRequest } from './router';

export function createInProcessHttpClient(router: Router): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.abortSignal?.aborted) throw new AbortError('The operation was aborted.');
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      for (const [k, v] of request.headers) headers[k.toLowerCase()] = v;
      const text = await bodyText(request);
      const parsed = parseBody(text, headers['content-type']);
      const req: SandboxRequest = {
        method: request.method.toUpperCase(),
        url,
        path: url.pathname.replace(/\/+/g, '/'),
        headers,
        body: parsed.body,
        ...(parsed.form ? { form: parsed.form } : {}),
      };
      let outcome;
      try {
        outcome =
          parsed.error !== undefined
            ? errorResponse(invalidJson(parsed.error))
            : await router.handle(req, request.abortSignal);
      } catch (e) {
        if (e instanceof Error && e.name === 'AbortError') throw new AbortError('The operation was aborted.');
        throw e;
      }
      if ('drop' in outcome) {
        // Same shape as a Node socket reset, so the retry policy treats it as a transient network error.
        throw new RestError('read ECONNRESET', { code: 'ECONNRESET', request });
      }
      const responseHeaders = createHttpHeaders({ 'x-ms-request-id': crypto.randomUUID(), ...(outcome.headers ?? {}) });
      const response: PipelineResponse = { request, status: outcome.status, headers: responseHeaders };
      if (outcome.body !== undefined) {
        responseHeaders.set('content-type', 'application/json; charset=utf-8');
        response.bodyAsText = JSON.stringify(outcome.body);
      }
      return response;
    },
  };
}

async function bodyText(request: PipelineRequest): Promise<string | undefined> {
  const b = request.body;
  if (b === undefined || b === null) return undefined;
  if (typeof b === 'string') return b;
  if (b instanceof Uint8Array) return Buffer.from(b).toString('utf8');
  if (b instanceof ArrayBuffer) return Buffer.from(b).toString('utf8');
  if (typeof Blob !== 'undefined' && b instanceof Blob) return await b.text();
  // Streams and form data are not used by the management-plane SDKs.
  return undefined;
}
