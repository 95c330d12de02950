import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum HistogramScale {
  LINEAR = 'LINEAR',
  LOG = 'LOG',
}
registerEnumType(HistogramScale, {
  name: 'HistogramScale',
  description: 'LINEAR: bins of equal width. LOG: bins of equal width in log10, over the positive values only (for skewed values such as CLV).',
});

@ObjectType({ description: 'One bin of a histogram: values in [from, to) (the last bin includes `to`).' })
export class HistogramBin {
  @Field(() => Float) from!: number;
  @Field(() => Float) to!: number;
  @Field(() => Int, { description: 'Customers whose value is in the bin.' }) customers!: number;
  @Field(() => Float, { description: 'The sum of their values.' }) total!: number;
}

@ObjectType({ description: 'How the served values of one metric are spread over the customers of a filter.' })
export class MetricHistogram {
  @Field(() => String) key!: string;
  @Field(() => Int, { description: 'Customers in the filter.' }) customers!: number;
  @Field(() => Int, { description: 'Of them, those with a served value.' }) valued!: number;
  @Field(() => Float, { nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) max!: number | null;
  @Field(() => Float, { nullable: true }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'The sum of the values.' }) total!: number | null;
  @Field(() => Int, { description: 'LOG scale: values of 0 or less, left out of the bins (0 on LINEAR).' }) nonPositive!: number;
  @Field(() => Float, { nullable: true, description: 'The share of `total` held by the 10% of valued customers with the highest values (null when the total is not positive).' })
  topDecileShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'The same for the top 1%.' }) topPercentileShare!: number | null;
  @Field(() => [HistogramBin], { description: 'Every bin, empty ones included, lowest first; none without values.' }) bins!: HistogramBin[];
}
