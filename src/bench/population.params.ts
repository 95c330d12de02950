/**
 * The generative model of the bench population, in days. Non-contractual customers follow the
 * Pareto/NBD story the BTYD plugins assume: a first purchase at acquisition, then purchases at a
 * personal rate (exponential across customers, i.e. Gamma with shape 1) while alive, and a
 * personal dropout time (exponential with a personal rate that is itself exponential across
 * customers). Contractual customers pay a monthly fee until their contract ends, with a personal
 * monthly churn probability drawn from Beta(1, contractChurnBeta) (the sBG story).
 */
export const POPULATION = {
  /** Acquisition dates spread uniformly over this many days before the end of the data. */
  windowDays: 1095,
  /** Share of customers with a contract (relationship CONTRACTUAL). */
  contractualShare: 0.1,
  /** Share of non-contractual customers who never buy (browsers: only non-purchase interactions). */
  neverBuyShare: 0.06,
  /** Mean purchase rate across customers, per day (about one purchase every 69 days). */
  meanPurchaseRatePerDay: 0.0145,
  /** Median lifetime in days: the dropout rate's mean is 1 / this. */
  medianLifetimeDays: 365,
  /** Most repeat purchases one customer makes. */
  maxRepeatPurchases: 150,
  /** Median of the personal mean spend per purchase, and its log-normal spread across customers. */
  medianSpend: 45,
  spendSigma: 0.6,
  /** Log-normal spread of one purchase around the customer's own mean. */
  purchaseSigma: 0.35,
  /** Margin ratio per customer: uniform in [marginLow, marginLow + marginSpread]. */
  marginLow: 0.22,
  marginSpread: 0.16,
  /** A contract's monthly fee is the customer's spend level times this. */
  feeFactor: 1.3,
  /** Beta(1, b) monthly churn probability of contracts (mean 1 / (1 + b)). */
  contractChurnBeta: 8,
  monthDays: 30.436875,
  /** Non-purchase interactions per customer: geometric with this ratio (mean ratio / (1 - ratio), about 4.6). */
  otherRatio: 0.82,
  maxOtherInteractions: 60,
  /** Share of customers referred by an earlier customer. */
  referredShare: 0.03,
  /** Share of customers with a walletEstimate trait (read by share-of-wallet). */
  walletShare: 0.3,
} as const;

/** Most interaction slots one customer can need (purchases or others), for the slot join. */
export const MAX_SLOTS = 1 + POPULATION.maxRepeatPurchases;

/**
 * Random streams of the population: one number per draw, so that no two draws of a customer or
 * of one of its interactions share a stream.
 */
export const STREAM = {
  acquisition: 1, contractual: 2, buyer: 3, repeats: 4, dropoutRate: 5, dropoutTime: 6, churnProbability: 7,
  churnPeriod: 8, spend: 9 /* and 10 */, margin: 11, others: 12, party: 13, channelRole: 14, origin: 15, gender: 16,
  country: 17, source: 18, acquisitionCost: 19, churnReason: 20, consentEmail: 21, consentSms: 22, consentPhone: 23,
  consentProfiling: 24, wallet: 25, referred: 26, referrer: 27,
  // Per interaction slot.
  purchaseTime: 31, purchaseAmount: 32 /* and 33 */, purchaseMargin: 34, purchaseChannel: 35,
  otherTime: 41, otherType: 42, otherChannel: 43, expectation: 44, perception: 45,
} as const;
