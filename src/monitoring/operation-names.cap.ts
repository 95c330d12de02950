/**
 * Label values that no GraphQL operation name can take (names are `[_A-Za-z][_0-9A-Za-z]*`), so an
 * operation a client named "other" never merges with the overflow.
 */
export const OperationLabel = {
  /** The operation resolved but has no name: `{ customers { ... } }`. */
  ANONYMOUS: '(anonymous)',
  /** No operation was resolved: the document did not parse or validate, or named no operation it holds. */
  UNKNOWN: '(unknown)',
  /** A named operation that came after the cap was reached. */
  OTHER: '(other)',
} as const;

/** Distinct operation names labelled as themselves by default; later ones count as `(other)`. */
export const DEFAULT_OPERATION_NAMES_MAX = 100;
/** Longer names are cut to this many characters, ending in "...". */
export const OPERATION_NAME_LENGTH_MAX = 64;

/**
 * Turns client-chosen operation names into a bounded set of label values: names are truncated,
 * and the first `maxNames` distinct ones seen keep their own label until the process restarts
 * (a series, once exported, must stay); every later name shares `(other)`. Only names of operations
 * that resolved against the schema take a place, so requests that fail to parse cannot fill the set.
 */
export class OperationNameCap {
  private readonly admitted = new Set<string>();

  constructor(private readonly maxNames = DEFAULT_OPERATION_NAMES_MAX) {}

  /**
   * The label for an operation: `resolved` false when no operation was resolved (its name, if
   * any, is not trusted), `name` null for an anonymous operation.
   */
  label(resolved: boolean, name: string | null | undefined): string {
    if (!resolved) return OperationLabel.UNKNOWN;
    if (!name) return OperationLabel.ANONYMOUS;
    const cut = name.length > OPERATION_NAME_LENGTH_MAX ? `${name.slice(0, OPERATION_NAME_LENGTH_MAX - 3)}...` : name;
    if (this.admitted.has(cut)) return cut;
    if (this.admitted.size >= this.maxNames) return OperationLabel.OTHER;
    this.admitted.add(cut);
    return cut;
  }
}
