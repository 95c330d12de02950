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

@InputType()
export class CustomerOrder {
  @Field(() => CustomerOrderField) field!: CustomerOrderField;
  @Field(() => SortDirection, { nullable: true, description: 'Default ASC.' }) direction?: SortDirection | null;
}
