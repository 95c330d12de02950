/**
 * What the host knows about a core metric kind besides its value type: the headline number that
 * sorts, filters and averages it, the label that files customers into the plugin's segments, the
 * fields a stored headline gives back, and the defaults of the optional fields a plugin may leave
 * out. One spec per kind, in its folder (src/metrics/kinds/<kind>/) with its value and GraphQL types.
 */
export interface CoreKindSpec<V extends object> {
  headline(v: V): number | null;
  label(v: V): string | null;
  /** The fields a stored headline gives back without scoring again (value, label, the base currency). */
  fromHeadline(value: number | null, label: string | null, currency: string): Partial<V>;
  /** The other fields: scored on read only when a client asks for one of them. */
  details: readonly string[];
  /** Served for optional fields the plugin left out (null, or an empty list). */
  defaults: Record<string, unknown>;
}
