/** A name Prometheus can carry as a label value without surprises. */
const LABEL_SAFE = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * Turns client-chosen GraphQL operation names into metric labels with bounded cardinality: each
 * distinct name is a new time series, and anyone can send any name, so after `limit` distinct
 * names (or for a name that is not a plain identifier) the label is `other`; no name is
 * `anonymous`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 200) {}

  label(operationName: string | null | undefined): string {
    if (!operationName) return 'anonymous';
    if (!LABEL_SAFE.test(operationName)) return 'other';
    if (this.seen.has(operationName)) return operationName;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(operationName);
    return operationName;
  }
}
