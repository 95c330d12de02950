import { registerEnumType } from 'type-graphql';

// Enum values are stored as their names, so the database stays readable for BI tools.

export enum Party { PERSON = 'PERSON', ORGANIZATION = 'ORGANIZATION' }
export enum RelationshipKind { NON_CONTRACTUAL = 'NON_CONTRACTUAL', CONTRACTUAL = 'CONTRACTUAL' }
export enum ChannelRole { END_CONSUMER = 'END_CONSUMER', INTERMEDIARY = 'INTERMEDIARY' }
export enum Origin { EXTERNAL = 'EXTERNAL', INTERNAL = 'INTERNAL' }
export enum Gender { FEMALE = 'FEMALE', MALE = 'MALE', OTHER = 'OTHER', UNDISCLOSED = 'UNDISCLOSED' }

export enum InteractionType {
  PURCHASE = 'PURCHASE',
  REFUND = 'REFUND',
  VISIT = 'VISIT',
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  CHAT = 'CHAT',
  MESSAGE = 'MESSAGE',
  SUPPORT_CASE = 'SUPPORT_CASE',
  COMPLAINT = 'COMPLAINT',
  SURVEY = 'SURVEY',
  CAMPAIGN_RESPONSE = 'CAMPAIGN_RESPONSE',
  OTHER = 'OTHER',
}

export enum Channel {
  STORE = 'STORE',
  WEB = 'WEB',
  MOBILE_APP = 'MOBILE_APP',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  CHAT = 'CHAT',
  SOCIAL = 'SOCIAL',
  FIELD = 'FIELD',
  PARTNER = 'PARTNER',
  OTHER = 'OTHER',
}

export enum ContactLevel { HIGH = 'HIGH', MEDIUM = 'MEDIUM', LOW = 'LOW' }

export enum LinkType { REFERRED = 'REFERRED', MEMBER_OF = 'MEMBER_OF', HOUSEHOLD = 'HOUSEHOLD', BUYS_FOR = 'BUYS_FOR' }

export enum SegmentKind { STATIC = 'STATIC', RULE = 'RULE', PLUGIN = 'PLUGIN' }

export enum SortDirection { ASC = 'ASC', DESC = 'DESC' }

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
