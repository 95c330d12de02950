import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { MetricStorage1763900100000 } from './1763900100000-metric-storage';
import { CustomerSummary1764800000000 } from './1764800000000-customer-summary';
import { MetricValueLean1764800100000 } from './1764800100000-metric-value-lean';
import { AccessControl1765000000000 } from './1765000000000-access-control';
import { MoneySumWidth1765200000000 } from './1765200000000-money-sum-width';
import { ExactTraitText1765200100000 } from './1765200100000-exact-trait-text';
import { SegmentMemberRun1765400000000 } from './1765400000000-segment-member-run';
import { RuleSegments1765600000000 } from './1765600000000-rule-segments';
import { MetricDistribution1765600100000 } from './1765600100000-metric-distribution';
import { SummaryFiguresOnCustomer1765800000000 } from './1765800000000-summary-figures-on-customer';
import { RefreshCoordination1766000000000 } from './1766000000000-refresh-coordination';

/** Every migration in order. Listed explicitly so they load the same under tsx, tsc output and tests. */
export const migrations = [InitialSchema1763900000000, MetricStorage1763900100000, CustomerSummary1764800000000, MetricValueLean1764800100000, AccessControl1765000000000, MoneySumWidth1765200000000, ExactTraitText1765200100000, SegmentMemberRun1765400000000, RuleSegments1765600000000, MetricDistribution1765600100000, SummaryFiguresOnCustomer1765800000000, RefreshCoordination1766000000000];
