import { AsyncLocalStorage } from "node:async_hooks";

import type { HttpClient, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";

import { describeTarget, toErrorResponse, toTransportFailure } from "./wire-log.js";
import type { WireLog } from "./wire-log.js";

/** One token attempt: its deadline and the log its requests write to. */
export interface Attempt {
  deadline: AbortSignal;
  wire: WireLog;
}

const attempts = new AsyncLocalStorage<Attempt>();

/** Runs `work` so that every request it sends through an observed client joins `attempt`. */
export function withinAttempt<T>(attempt: Attempt, work: () => Promise<T>): Promise<T> {
  return attempts.run(attempt, work);
}

/**
 * Wraps the pipeline's HTTP client so that each request is cancelled when its attempt's
 * deadline fires and its failures land in the attempt's log. @azure/identity does not pass
 * the caller's abort signal down to msal-node's requests, so this is the one place a
 * deadline can reach the socket and keep a silent endpoint from holding the process open.
 *
 * The attempt is looked up per request rather than fixed when the client is made, because
 * msal-node keeps the network client of the first managed identity credential for the rest
 * of the process; a fixed one would report every later attempt into the first one's log.
 */
export function observedHttpClient(inner: HttpClient): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const attempt = attempts.getStore();
      if (attempt === undefined) {
        return inner.sendRequest(request);
      }

      const { deadline, wire } = attempt;
      const target = describeTarget(request.url);
      wire.lastTarget = target;
      request.abortSignal = joinSignals(deadline, request.abortSignal);

      let response: PipelineResponse;
      try {
        response = await inner.sendRequest(request);
      } catch (error) {
        if (!deadline.aborted) {
          wire.transportFailures.push(toTransportFailure(error, target));
        }
        throw error;
      }

      if (response.status >= 400) {
        wire.errorResponses.push(toErrorResponse(response, target));
      }
      return response;
    },
  };
}

type SignalLike = NonNullable<PipelineRequest["abortSignal"]>;

function joinSignals(deadline: AbortSignal, other: SignalLike | undefined): AbortSignal {
  if (other === undefined) {
    return deadline;
  }

  const joined = new AbortController();
  const abort = (): void => joined.abort();
  if (deadline.aborted || other.aborted) {
    abort();
  }
  deadline.addEventListener("abort", abort, { once: true });
  other.addEventListener("abort", abort);
  return joined.signal;
}
