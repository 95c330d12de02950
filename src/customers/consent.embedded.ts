import { Field, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';

/** Consent flags as recorded from the customer; all default to false (no consent assumed). */
@ObjectType({ description: 'What the customer has agreed to.' })
export class Consent {
  @Field(() => Boolean, { description: 'May be contacted by email.' })
  @Column({ type: 'boolean', default: false })
  email!: boolean;

  @Field(() => Boolean, { description: 'May be contacted by SMS or messaging apps.' })
  @Column({ type: 'boolean', default: false })
  sms!: boolean;

  @Field(() => Boolean, { description: 'May be called.' })
  @Column({ type: 'boolean', default: false })
  phone!: boolean;

  @Field(() => Boolean, { description: 'May be profiled for analytics and personalisation.' })
  @Column({ type: 'boolean', default: false })
  profiling!: boolean;
}
