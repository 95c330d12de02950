import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Top-level scalar traits copied out of `customer.traits` at upsert, so that trait filters are
 * indexed lookups on every engine instead of per-dialect JSON functions over a full scan.
 */
@Entity('customer_trait')
export class CustomerTrait {
  @PrimaryColumn({ type: 'integer' })
  customerId!: number;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  /** The value as text: strings as they are, numbers and booleans as JSON prints them. */
  @Column({ type: 'varchar', length: 191 })
  value!: string;

  /** The value as a number when its text is one (see traitNumber), for numeric rule comparisons. */
  @Column({ type: 'double', nullable: true })
  numberValue!: number | null;
}
