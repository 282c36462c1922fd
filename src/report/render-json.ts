import type { Report } from "./report.js";

/** One JSON object, for passing and failing runs alike, so pipelines can always parse it. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
