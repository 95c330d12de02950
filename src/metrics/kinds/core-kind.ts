/**
 * What the host knows about a core metric kind besides its value type: the headline number that
 * sorts, filters and averages it, the label that files customers into the plugin's segments, and
 * the defaults of the optional fields a plugin may leave out. One spec per kind, in its folder.
 */
export interface CoreKindSpec<V> {
  kind: 'rfm' | 'clv' | 'churn';
  headline: (v: V) => number | null;
  label: (v: V) => string | null;
  /** Served for optional fields the plugin left out (null, or an empty list). */
  defaults: Partial<Record<keyof V, unknown>>;
}
