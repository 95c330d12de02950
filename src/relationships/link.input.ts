import { Field, InputType } from 'type-graphql';
import { LinkType } from '../common/enums';

/** An edge between two existing customers, both named by externalId. See LinkType for the direction. */
@InputType()
export class LinkInput {
  @Field(() => LinkType) type!: LinkType;
  @Field(() => String) fromExternalId!: string;
  @Field(() => String) toExternalId!: string;
}
