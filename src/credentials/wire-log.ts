import type { PipelineResponse } from "@azure/core-rest-pipeline";

import { aadstsFromErrorCodes, findAadstsCode } from "./aadsts.js";

/** A request that never got an HTTP answer: refused, reset, unresolvable, bad certificate. */
export interface TransportFailure {
  /** Node's or the pipeline's error code, such as `ECONNREFUSED`. */
  code: string;
  message: string;
  /** Origin and path of the request; the query is left out. */
  target: string;
}

/** An HTTP answer of 400 or more, reduced to the fields an error body of Entra or IMDS has. */
export interface ErrorResponse {
  status: number;
  target: string;
  error?: string;
  description?: string;
  aadsts?: string;
}

/**
 * What went over the wire while a token was requested. The libraries often fold a refused
 * connection or an Entra error body into a generic message; this keeps the evidence so the
 * failure can be named precisely. Bodies of successful answers are never kept: they hold
 * the token.
 */
export class WireLog {
  readonly transportFailures: TransportFailure[] = [];
  readonly errorResponses: ErrorResponse[] = [];
  /** The last request sent, answered or not: the one a deadline cut short. */
  lastTarget: string | undefined;
}

/** Origin and path of a URL; the query, which may carry ids, is left out. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}

/** Reduces a failed send to its error code and message; nothing else of the error is kept. */
export function toTransportFailure(error: unknown, target: string): TransportFailure {
  const fields = error as { code?: unknown; message?: unknown } | null;
  const code = typeof fields?.code === "string" ? fields.code : "UNKNOWN";
  const message = typeof fields?.message === "string" ? fields.message : String(error);
  return { code, message, target };
}

/** Reduces an error answer to the OAuth error, its description and the AADSTS code. */
export function toErrorResponse(response: PipelineResponse, target: string): ErrorResponse {
  const result: ErrorResponse = { status: response.status, target };
  const body = parseBody(response.bodyAsText);
  if (body === undefined) {
    return result;
  }

  // Entra and IMDS send OAuth errors; App Service sends `{ statusCode, message }`; some
  // sources nest them as `{ error: { code, message } }`.
  const nested = typeof body.error === "object" && body.error !== null ? body.error : undefined;
  const error = typeof body.error === "string" ? body.error : textField(nested, "code");
  const description =
    textField(body, "error_description") ??
    textField(body, "message") ??
    textField(nested, "message");

  if (error !== undefined) {
    result.error = error;
  }
  if (description !== undefined) {
    result.description = description.slice(0, 1000);
  }
  const aadsts = aadstsFromErrorCodes(body.error_codes) ?? findAadstsCode(description ?? "");
  if (aadsts !== undefined) {
    result.aadsts = aadsts;
  }
  return result;
}

function parseBody(text: string | null | undefined): Record<string, unknown> | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return { message: text };
  }
}

function textField(source: object | undefined, name: string): string | undefined {
  const value: unknown =
    source === undefined ? undefined : (source as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}
