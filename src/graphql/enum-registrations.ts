import { registerEnumType } from 'type-graphql';
import {
  Channel, ChannelRole, ContactLevel, Gender, InteractionType, LinkType, Origin, Party, RelationshipKind, SegmentKind, SortDirection,
} from '../common/enums';

// The GraphQL names and descriptions of the plain enums of src/common/enums.ts. Imported by the
// schema builder (src/graphql/schema.ts) so that they are registered before the schema is built.

registerEnumType(Party, { name: 'Party', description: 'A person (B2C) or an organisation (B2B).' });
registerEnumType(RelationshipKind, {
  name: 'RelationshipKind',
  description: 'NON_CONTRACTUAL buys when it wants (churn is inferred); CONTRACTUAL has a contract that starts and ends (churn is observed).',
});
registerEnumType(ChannelRole, { name: 'ChannelRole', description: 'End consumers versus intermediaries (dealers, agents, resellers).' });
registerEnumType(Origin, { name: 'Origin', description: 'EXTERNAL customers versus INTERNAL ones (employees, departments, shareholders).' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(InteractionType, { name: 'InteractionType', description: 'What kind of touchpoint an interaction is.' });
registerEnumType(Channel, { name: 'Channel', description: 'Where a touchpoint happened.' });
registerEnumType(ContactLevel, {
  name: 'ContactLevel',
  description: 'Service-marketing contact level: HIGH (customer on site with staff), MEDIUM (limited, at home or a third party), LOW (remote, self-service).',
});
registerEnumType(LinkType, {
  name: 'LinkType',
  description: 'REFERRED: from referred to; MEMBER_OF: from (contact) is a member of to (organisation); HOUSEHOLD: same household (symmetric); BUYS_FOR: from buys for to (the user or beneficiary).',
});
registerEnumType(SegmentKind, { name: 'SegmentKind' });
registerEnumType(SortDirection, { name: 'SortDirection' });
