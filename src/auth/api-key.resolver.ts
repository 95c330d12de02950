import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphContext } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { ApiKey } from './api-key.entity';
import { ApiKeyInputError, createApiKey, listApiKeys, revokeApiKey } from './api-key.service';
import { CreatedApiKey, NewApiKeyInput, Viewer } from './api-key.types';
import { permissionsOf, parseRoles, Role } from './roles';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @FieldResolver(() => [Role])
  roles(@Root() key: ApiKey): Role[] {
    return parseRoles(key.roles).roles;
  }

  @Query(() => [ApiKey], { description: 'API keys, oldest first; revoked ones only when asked for.' })
  apiKeys(@Arg('includeRevoked', () => Boolean, { defaultValue: false }) includeRevoked: boolean, @Ctx() ctx: GraphContext): Promise<ApiKey[]> {
    return listApiKeys(ctx.ds, includeRevoked);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key. The key is in the answer and nowhere else: only its hash is stored.' })
  async createApiKey(@Arg('input', () => NewApiKeyInput) input: NewApiKeyInput, @Ctx() ctx: GraphContext): Promise<CreatedApiKey> {
    try {
      const { key, record } = await createApiKey(ctx.ds, { roles: input.roles, label: input.label, createdBy: ctx.caller.id });
      return { key, apiKey: record };
    } catch (e) {
      if (e instanceof ApiKeyInputError) throw badInput(e.message, { field: e.field });
      throw e;
    }
  }

  @Mutation(() => ApiKey, { description: 'Revokes the key with this prefix. Every replica refuses it from its next request on. Idempotent.' })
  async revokeApiKey(@Arg('prefix', () => String) prefix: string, @Ctx() ctx: GraphContext): Promise<ApiKey> {
    const key = await revokeApiKey(ctx.ds, prefix);
    if (!key) throw notFound(`no API key has the prefix "${prefix.slice(0, 20)}"`, { field: 'prefix' }, 'args');
    return key;
  }

  @Query(() => Viewer, { description: 'Who this request is authenticated as, with its roles and permissions.' })
  viewer(@Ctx() ctx: GraphContext): Viewer {
    const { caller } = ctx;
    return { id: caller.id, label: caller.label, roles: [...caller.roles], permissions: [...permissionsOf(caller.roles)] };
  }
}

