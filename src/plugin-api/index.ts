/**
 * The plugin API: the one module of the host a metric plugin imports.
 *
 * Data teams write metric plugins (a folder under `plugins/`, or an npm package) against this
 * module only, from `plugins/<name>/` as `'../../src/plugin-api'`. It carries:
 *
 * - **the contract**: `definePlugin`, `HOST_API_VERSION`, `MetricPlugin`, `MetricProvider`, the
 *   subject handed to `fit` and `score` (`MetricSubject`, `CustomerSummary`, ...) and the value
 *   shapes of the core kinds (`RfmValue`, `ClvValue`, `ChurnValue`) and of free metrics;
 * - **helpers**: `scoreEach` (per-customer error isolation in one call per batch),
 *   `readStoredModel` (checks a stored model's shape and the options it was fitted with) and
 *   `runOffThread` (a CPU-bound fit on a worker thread, not on the one that answers requests);
 * - **the enums** a subject's fields use (`InteractionType`, `RelationshipKind`, `LinkType`, ...);
 * - **the plugin kit**, model code shared by the host's own plugins: the BTYD providers and models
 *   (BG/NBD, Pareto/NBD, Gamma-Gamma), the sBG contractual model, and history helpers (time units,
 *   observation windows, purchase days, window revenue, margin ratios);
 * - **the test harness**: `runPlugin` runs a plugin as a refresh does, without a database, on
 *   subjects built by `subject`, `subjectFromPurchases` and `subjectFromInteractions`.
 *
 * Importing it loads neither GraphQL (type-graphql, decorators) nor TypeORM nor any database code,
 * so a plugin and its tests stay plain TypeScript; `test/plugin-boundary.test.ts` checks both
 * this and that plugins import nothing else from `src/`. Shared spec suites that need vitest
 * (`describeBtydClvPlugin`, simulated and CDNOW subjects) are in `src/plugin-api/testing.ts`,
 * for `*.spec.ts` files only. The guide is `plugins/README.md`.
 *
 * @packageDocumentation
 */

// The contract and its helpers.
export {
  CORE_KINDS, definePlugin, HOST_API_VERSION, readStoredModel, scoreEach,
  type ChurnValue, type ClvInput, type ClvValue, type CoreKind, type FittedModel, type FreeMetricValue, type KindValues,
  type MetricContext, type MetricCustomer, type MetricInteraction, type MetricLink, type MetricPlugin, type MetricProvider,
  type MetricSubject, type Requirement, type RfmValue, type ScoreBins, type ScoreOutcome,
} from './plugin.contract';
export type { FittedWith } from './stored-model';

// Heavy fits off the request thread (rule 8 of plugins/README.md).
export { besideModule, offThreadTask, type OffThreadTask, runOffThread, type RunOffThreadOptions } from '../compute/off-thread';

// What a subject is made of.
export type { ChannelCount, ContactLevelCount, CustomerSummary, PurchaseDayTotals, TypeCount } from '../summaries/customer-summary';
export { Channel, ChannelRole, ContactLevel, InteractionType, LinkType, Origin, Party, RelationshipKind } from '../common/enums';

// The plugin kit: history helpers.
export { customerMarginRatio, hasMargins, netOrderValue } from '../plugin-kit/history/margin-ratio';
export { median } from '../plugin-kit/history/median';
export { inWindow, lastMonths, type ObservationWindow, windowLengthMs } from '../plugin-kit/history/observation-window';
export { dayGaps, lastPurchaseAt, purchaseDays } from '../plugin-kit/history/purchase-days';
export { DAY_MS, daysBetween, MONTH_DAYS, monthsBetween, utcDay, YEAR_DAYS } from '../plugin-kit/history/time-units';
export { netRevenueIn, roundMoney } from '../plugin-kit/history/window-revenue';

// The plugin kit: BTYD (non-contractual) providers, configurations and models.
export { btydChurnProvider, btydClvProvider } from '../plugin-kit/btyd/btyd-providers';
export { type BtydChurnConfig, btydChurnConfigSchema, type BtydClvConfig, btydClvConfigSchema } from '../plugin-kit/btyd/btyd-plugin.config';
export { type BtydClvModel, readBtydClvModel } from '../plugin-kit/btyd/btyd-clv';
export { type BtydFitDiagnostics, readStoredTransactionModel, type StoredTransactionModel } from '../plugin-kit/btyd/btyd-population';
export { type BtydSummary, btydSummary, daysPerUnit, type TimeUnit } from '../plugin-kit/btyd/btyd-summary';
export type { TransactionFit, TransactionModel } from '../plugin-kit/btyd/transaction-model';
export { BG_NBD } from '../plugin-kit/btyd/bgnbd.transactions';
export { PARETO_NBD } from '../plugin-kit/btyd/pareto-nbd.transactions';
export { type BgNbdParams, bgnbdExpectedTransactions, bgnbdPAlive, fitBgNbd } from '../plugin-kit/btyd/bgnbd.model';
export { fitParetoNbd, type ParetoNbdParams, paretoNbdExpectedTransactions, paretoNbdPAlive } from '../plugin-kit/btyd/pareto-nbd.model';
export { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from '../plugin-kit/btyd/gamma-gamma.model';
export { ModelFitError } from '../plugin-kit/btyd/model-fit-error';

// The plugin kit: the shifted-beta-geometric (sBG) model of contractual renewals.
export {
  assertSbgParams, sbgChurnAt, sbgConditionalSurvival, sbgExpectedRenewals, sbgExpectedRenewalsWithin, type SbgParams,
  sbgRenewalProbability, sbgRetentionCurve, sbgRetentionRate, sbgSurvival, sbgSurvivalCurve,
} from '../plugin-kit/sbg/sbg.model';
export {
  fitSbg, fitSbgFromSurvival, type SbgFit, type SbgFitOptions, type SbgObservation, type SbgSurvivalFitOptions,
} from '../plugin-kit/sbg/sbg-fit';
export { sbgDel, sbgDerl } from '../plugin-kit/sbg/sbg-derl';

// The test harness (no vitest inside: usable from any test runner).
export {
  DEFAULT_AS_OF, emptySummary, type FixtureInteraction, type FixturePurchase, type HarnessOutcome, type LoggedMessage,
  type PluginRun, resetSubjectIds, runPlugin, type RunPluginOptions, subject, subjectFromInteractions, subjectFromPurchases,
  type SubjectOverrides,
} from './testing/plugin-harness';
export { FIXTURE_CURRENCY, type FromInteractionsOptions } from './testing/summary-fixture';
