import { ApiKey } from '../auth/api-key.entity';
import { AuditEntry } from '../auth/audit-entry.entity';
import { Customer } from '../customers/customer.entity';
import { CustomerTrait } from '../customers/customer-trait.entity';
import { Interaction } from '../interactions/interaction.entity';
import { CustomerLink } from '../relationships/customer-link.entity';
import { Segment } from '../segments/segment.entity';
import { SegmentMember } from '../segments/segment-member.entity';
import { SegmentRuleVersion } from '../segments/rules/segment-rule.entity';
import { SegmentChange } from '../segments/history/segment-change.entity';
import { SegmentSize } from '../segments/history/segment-size.entity';
import { MetricCurrent } from '../metrics/store/metric-current.entity';
import { MetricValue } from '../metrics/store/metric-value.entity';
import { ModelRun } from '../metrics/store/model-run.entity';
import { RefreshRequest } from '../metrics/queue/refresh-request.entity';
import { MetricDistribution } from '../metrics/history/metric-distribution.entity';

export const entities = [Customer, CustomerTrait, Interaction, CustomerLink, Segment, SegmentMember, SegmentRuleVersion, SegmentSize, SegmentChange, ModelRun, RefreshRequest, MetricValue, MetricCurrent, MetricDistribution, ApiKey, AuditEntry];
