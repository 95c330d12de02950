import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { pageSize } from '../graphql/page-args';
import { AuditEntry } from './audit-entry.entity';
import { readAudit } from './audit-log.service';

@Resolver()
export class AuditLogResolver {
  @Query(() => [AuditEntry], { description: 'The audit log, newest first. Page back with `before`: the id of the last entry of the previous page.' })
  auditLog(
    @Arg('first', () => Int, { nullable: true, description: 'Page size; default and maximum as for pages.' }) first: number | null | undefined,
    @Arg('before', () => ID, { nullable: true }) before: string | null | undefined,
    @Arg('actor', () => String, { nullable: true, description: 'Only this caller (a key prefix or "jwt:<issuer>#<subject>").' }) actor: string | null | undefined,
    @Ctx() ctx: GraphContext,
  ): Promise<AuditEntry[]> {
    const beforeId = before === undefined || before === null ? null : Number(before);
    if (beforeId !== null && !Number.isSafeInteger(beforeId)) throw badInput('must be an audit entry id', { field: 'before' }, 'args');
    return readAudit(ctx.ds, pageSize(first, ctx.config), beforeId, actor ?? null);
  }
}
