/**
 * Spec-only helpers of the plugin API, for `*.spec.ts` files and nothing else: the shared BTYD
 * spec suites (they call vitest's `describe` and `it`), simulated BG/NBD and Pareto/NBD
 * populations, the BTYD edge-case subjects and the CDNOW sample (read from `test/fixtures/`).
 *
 * Kept out of the entry module (`src/plugin-api`) so that loading a plugin in production never
 * loads vitest or test data; `test/plugin-boundary.test.ts` fails when a plugin's non-spec file
 * imports this module. The harness itself (`runPlugin`, subject builders) is in the entry module.
 *
 * @packageDocumentation
 */

export { describeBtydChurnPlugin } from '../plugin-kit/testing/btyd-churn-plugin.fixture';
export { describeBtydClvPlugin } from '../plugin-kit/testing/btyd-clv-plugin.fixture';
export {
  BTYD_AS_OF, type BtydPluginCase, oneOffSubjects, SPECIAL_T, specialSubjects,
} from '../plugin-kit/testing/btyd-plugin-subjects.fixture';
export { FIXTURE_BGNBD, type SimulatedPopulationOptions, simulatedSubjects } from '../plugin-kit/testing/bgnbd-subjects.fixture';
export { FIXTURE_PARETO_NBD, simulatedParetoNbdSubjects } from '../plugin-kit/testing/pareto-nbd-subjects.fixture';
export { btydOfInteractions } from '../plugin-kit/testing/btyd-summary.fixture';
export { CDNOW_AS_OF, cdnowPublishedSummary, cdnowPurchases, type CdnowSummaryRow } from '../plugin-kit/testing/cdnow.fixture';
