import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ApiKey } from './api-key.entity';
import { Role } from './roles';

registerEnumType(Role, {
  name: 'Role',
  description: 'reader: client apps, personal data included. analyst: BI and data teams, personal data masked, backtests. writer: ingest services. monitor: Prometheus, GET /metrics only (no GraphQL field). admin: everything. See the README, Security.',
});

@InputType()
export class NewApiKeyInput {
  @Field(() => [Role], { description: 'One or more; the key gets the union of their permissions.' })
  roles!: Role[];

  @Field(() => String, { description: 'What the key is for, e.g. "Metabase" (1-200 characters).' })
  label!: string;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => String, { description: 'The key. Shown only here, once: store it in the client\'s secret store.' })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}

@ObjectType({ description: 'The caller of this request, as the server sees it.' })
export class Viewer {
  @Field(() => String, { description: 'The key prefix, "jwt:<issuer>#<subject>", or "auth-disabled".' })
  id!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => [String], { description: 'What the roles allow, e.g. "graph:read", "pii:read".' })
  permissions!: string[];
}
