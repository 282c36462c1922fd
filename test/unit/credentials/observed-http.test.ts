import { createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import type { HttpClient, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";

import { observedHttpClient, withinAttempt } from "../../../src/credentials/observed-http.js";
import { WireLog } from "../../../src/credentials/wire-log.js";

const request = (url = "https://login.example/t/oauth2/v2.0/token?x=1"): PipelineRequest =>
  createPipelineRequest({ url, method: "POST" });

/** An inner client that answers with a fixed status and body. */
const answering = (status: number, body: string): HttpClient => ({
  sendRequest: async (sent) => ({
    request: sent,
    status,
    headers: createHttpHeaders(),
    bodyAsText: body,
  }),
});

/** An inner client that only settles when the request's signal aborts. */
const hanging: HttpClient = {
  sendRequest: (sent) =>
    new Promise<PipelineResponse>((_resolve, reject) => {
      sent.abortSignal?.addEventListener("abort", () => reject(new Error("aborted")));
    }),
};

function attempt(): { deadline: AbortController; wire: WireLog } {
  return { deadline: new AbortController(), wire: new WireLog() };
}

describe("observedHttpClient", () => {
  it("records an Entra error answer without the query, and nothing of a success", async () => {
    const { deadline, wire } = attempt();
    const body = JSON.stringify({
      error: "invalid_client",
      error_description: "AADSTS7000215: bad.",
      error_codes: [7000215],
    });

    await withinAttempt({ deadline: deadline.signal, wire }, async () => {
      await observedHttpClient(answering(200, '{"access_token":"t"}')).sendRequest(request());
      await observedHttpClient(answering(401, body)).sendRequest(request());
    });

    expect(wire.errorResponses).toEqual([
      {
        status: 401,
        target: "https://login.example/t/oauth2/v2.0/token",
        error: "invalid_client",
        description: "AADSTS7000215: bad.",
        aadsts: "AADSTS7000215",
      },
    ]);
  });

  it("reads App Service's `{ statusCode, message }` answer", async () => {
    const { deadline, wire } = attempt();
    const body = JSON.stringify({
      statusCode: 400,
      message: "Unable to load the proper Managed Identity.",
    });

    await withinAttempt({ deadline: deadline.signal, wire }, () =>
      observedHttpClient(answering(400, body)).sendRequest(request("http://127.0.0.1:1/msi/token")),
    );

    expect(wire.errorResponses[0]?.description).toBe("Unable to load the proper Managed Identity.");
  });

  it("records a failed connection with its code", async () => {
    const { deadline, wire } = attempt();
    const refusing: HttpClient = {
      sendRequest: async () => {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
          code: "ECONNREFUSED",
        });
      },
    };

    const sent = withinAttempt({ deadline: deadline.signal, wire }, () =>
      observedHttpClient(refusing).sendRequest(request("http://127.0.0.1:1/msi/token")),
    );

    await expect(sent).rejects.toThrow("ECONNREFUSED");
    expect(wire.transportFailures).toEqual([
      {
        code: "ECONNREFUSED",
        message: "connect ECONNREFUSED 127.0.0.1:1",
        target: "http://127.0.0.1:1/msi/token",
      },
    ]);
  });

  it("aborts the request in flight when the deadline fires, keeping the caller's signal working", async () => {
    const { deadline, wire } = attempt();
    const sent = request();
    sent.abortSignal = new AbortController().signal;

    const pending = withinAttempt({ deadline: deadline.signal, wire }, () =>
      observedHttpClient(hanging).sendRequest(sent),
    );
    deadline.abort();

    await expect(pending).rejects.toThrow("aborted");
    expect(wire.lastTarget).toBe("https://login.example/t/oauth2/v2.0/token");
    expect(wire.transportFailures).toEqual([]);
  });

  it("passes requests outside an attempt straight through", async () => {
    const response = await observedHttpClient(answering(503, "busy")).sendRequest(request());

    expect(response.status).toBe(503);
  });
});
