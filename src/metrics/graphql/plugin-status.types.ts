import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum PluginStatus {
  SERVING = 'SERVING',
  STALE = 'STALE',
  FAILED = 'FAILED',
  PENDING = 'PENDING',
  NO_CUSTOMERS = 'NO_CUSTOMERS',
  NOT_RUN = 'NOT_RUN',
}
registerEnumType(PluginStatus, {
  name: 'PluginStatus',
  description: 'SERVING: its latest run succeeded (or is under way) and its values are served. STALE: its latest run FAILED, the values of an earlier one are still served. '
    + 'FAILED: its latest run FAILED and no run of it was ever served: its customers have no value. PENDING: its first run is queued or running. '
    + 'NO_CUSTOMERS: its latest run was SKIPPED, there was no customer to fit yet. NOT_RUN: never refreshed.',
});

export enum MissingMetricReason {
  NOT_SELECTED = 'NOT_SELECTED',
  NO_SERVED_RUN = 'NO_SERVED_RUN',
  NOT_SCORED = 'NOT_SCORED',
  SCORE_FAILED = 'SCORE_FAILED',
}
registerEnumType(MissingMetricReason, {
  name: 'MissingMetricReason',
  description: 'NOT_SELECTED: no plugin is selected for the kind for this customer\'s relationship. NO_SERVED_RUN: the plugin has no served run (it failed, or never ran: see plugins { status lastRun }). '
    + 'NOT_SCORED: the served run has no value for this customer (the plugin leaves such customers out, e.g. without a purchase, or the customer is newer than the run). SCORE_FAILED: the plugin failed for this customer.',
});

@ObjectType({ description: 'A core metric a customer has no value of, and why.' })
export class MissingMetric {
  @Field(() => String, { description: '"rfm", "clv" or "churn".' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The plugin selected for it (null: none).' }) plugin!: string | null;
  @Field(() => MissingMetricReason) reason!: MissingMetricReason;
  @Field(() => String, { description: 'In words, with the failed run\'s error where there is one.' }) message!: string;
}
