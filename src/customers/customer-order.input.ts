import { Field, InputType, registerEnumType } from 'type-graphql';
import { SortDirection } from '../common/enums';

export enum CustomerOrderField {
  ID = 'ID',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  LAST_INTERACTION_AT = 'LAST_INTERACTION_AT',
  REVENUE = 'REVENUE',
}
registerEnumType(CustomerOrderField, {
  name: 'CustomerOrderField',
  description: 'Ties are broken by id, so every ordering is total and pages are stable. Missing values (no name, no interaction) sort first ascending, last descending.',
});

@InputType({ description: 'Order by a customer field, or by a metric key ("rfm", "clv", "churn" or a free metric): give exactly one.' })
export class CustomerOrder {
  @Field(() => CustomerOrderField, { nullable: true }) field?: CustomerOrderField | null;
  @Field(() => String, { nullable: true, description: 'Metric key: core kinds sort by RFM score, CLV value, churn probability. Customers without a value sort first ascending, last descending.' })
  metric?: string | null;
  @Field(() => SortDirection, { nullable: true, description: 'Default ASC.' }) direction?: SortDirection | null;
}
