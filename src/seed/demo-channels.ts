import { Channel, ContactLevel, InteractionType } from '../common/enums';
import type { SeededRandom } from './seeded-random';

type Weights<T> = readonly (readonly [T, number])[];

const CONSUMER_CHANNELS: Record<InteractionType, Weights<Channel>> = {
  [InteractionType.PURCHASE]: [
    [Channel.STORE, 36], [Channel.WEB, 30], [Channel.MOBILE_APP, 20], [Channel.PARTNER, 6], [Channel.PHONE, 4],
    [Channel.SOCIAL, 2], [Channel.FIELD, 2],
  ],
  // Refunds go back through the purchase's channel; this is only a fallback.
  [InteractionType.REFUND]: [[Channel.STORE, 40], [Channel.WEB, 40], [Channel.PHONE, 20]],
  [InteractionType.VISIT]: [[Channel.STORE, 40], [Channel.WEB, 35], [Channel.MOBILE_APP, 25]],
  [InteractionType.CALL]: [[Channel.PHONE, 1]],
  [InteractionType.EMAIL]: [[Channel.EMAIL, 1]],
  [InteractionType.CHAT]: [[Channel.CHAT, 70], [Channel.MOBILE_APP, 15], [Channel.WEB, 15]],
  [InteractionType.MESSAGE]: [[Channel.SOCIAL, 55], [Channel.MOBILE_APP, 30], [Channel.CHAT, 15]],
  [InteractionType.SUPPORT_CASE]: [[Channel.PHONE, 35], [Channel.CHAT, 25], [Channel.EMAIL, 20], [Channel.STORE, 12], [Channel.FIELD, 8]],
  [InteractionType.COMPLAINT]: [[Channel.PHONE, 30], [Channel.EMAIL, 30], [Channel.SOCIAL, 20], [Channel.STORE, 15], [Channel.WEB, 5]],
  [InteractionType.SURVEY]: [[Channel.EMAIL, 50], [Channel.WEB, 30], [Channel.MOBILE_APP, 15], [Channel.PHONE, 5]],
  [InteractionType.CAMPAIGN_RESPONSE]: [[Channel.EMAIL, 50], [Channel.SOCIAL, 30], [Channel.WEB, 10], [Channel.PARTNER, 10]],
  [InteractionType.OTHER]: [[Channel.OTHER, 70], [Channel.STORE, 15], [Channel.PARTNER, 15]],
};

// B2B buyers are served by field sales, phone and e-mail rather than at the counter.
const BUSINESS_CHANNELS: Partial<Record<InteractionType, Weights<Channel>>> = {
  [InteractionType.PURCHASE]: [[Channel.FIELD, 25], [Channel.WEB, 25], [Channel.PHONE, 20], [Channel.EMAIL, 15], [Channel.PARTNER, 15]],
  [InteractionType.VISIT]: [[Channel.FIELD, 60], [Channel.STORE, 20], [Channel.WEB, 20]],
};

// Service-marketing contact level: on site with staff is HIGH, at home or a third party is
// MEDIUM, remote or self-service is LOW.
const CONTACT_LEVELS: Record<Channel, Weights<ContactLevel>> = {
  [Channel.STORE]: [[ContactLevel.HIGH, 80], [ContactLevel.MEDIUM, 20]],
  [Channel.FIELD]: [[ContactLevel.MEDIUM, 75], [ContactLevel.HIGH, 25]],
  [Channel.PARTNER]: [[ContactLevel.MEDIUM, 60], [ContactLevel.LOW, 40]],
  [Channel.OTHER]: [[ContactLevel.LOW, 55], [ContactLevel.MEDIUM, 30], [ContactLevel.HIGH, 15]],
  [Channel.PHONE]: [[ContactLevel.LOW, 1]],
  [Channel.WEB]: [[ContactLevel.LOW, 1]],
  [Channel.MOBILE_APP]: [[ContactLevel.LOW, 1]],
  [Channel.EMAIL]: [[ContactLevel.LOW, 1]],
  [Channel.CHAT]: [[ContactLevel.LOW, 1]],
  [Channel.SOCIAL]: [[ContactLevel.LOW, 1]],
};

export function channelFor(rng: SeededRandom, type: InteractionType, business: boolean): Channel {
  return rng.weighted((business ? BUSINESS_CHANNELS[type] : undefined) ?? CONSUMER_CHANNELS[type]);
}

export function contactLevelFor(rng: SeededRandom, channel: Channel): ContactLevel {
  return rng.weighted(CONTACT_LEVELS[channel]);
}
