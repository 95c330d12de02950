import { ArgsType, Field, Int } from 'type-graphql';
import type { AppConfig } from '../config/config';
import { badInput } from './errors';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size; default and maximum are configured (50 and 500 by default).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

export function pageSize(first: number | null | undefined, config: AppConfig): number {
  if (first === null || first === undefined) return config.pageSizeDefault;
  if (first < 0) throw badInput('must not be negative', { field: 'first' }, 'args');
  if (first > config.pageSizeMax) {
    throw badInput(`must be at most ${config.pageSizeMax} (PAGE_SIZE_MAX); walk the pages with \`after\``, { field: 'first' }, 'args');
  }
  return first;
}
