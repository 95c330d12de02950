import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LinkType } from '../common/enums';
import { timestampColumn } from '../db/column-transformers';

/** A directed edge between two customers; HOUSEHOLD is stored once and read both ways. */
@Entity('customer_link')
export class CustomerLink {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  type!: LinkType;

  @Column({ type: 'integer' })
  fromCustomerId!: number;

  @Column({ type: 'integer' })
  toCustomerId!: number;

  @Column(timestampColumn)
  createdAt!: Date;
}
