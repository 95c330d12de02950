// Enum values are stored as their names, so the database stays readable for BI tools.
// Plain enums, free of type-graphql so that plugins can import them; their GraphQL registrations
// (names and descriptions in the schema) are in src/graphql/enum-registrations.ts.

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
