/** The Partner Center clouds (domain.md §1); each has its own domain suffix and capabilities. */
export const PARTNER_CLOUDS = ['public', 'usgov', 'germany', 'china'] as const;
export type PartnerCloud = (typeof PARTNER_CLOUDS)[number];

/** The suffix of a new customer's primary domain. */
export const DOMAIN_SUFFIX: Record<PartnerCloud, string> = {
  public: '.onmicrosoft.com',
  usgov: '.onmicrosoft.com',
  germany: '.onmicrosoft.de',
  china: '.partner.onmschina.cn',
};

/** Microsoft Cloud Germany has been closed to new customers since 2018. */
export const canAddCustomers = (cloud: PartnerCloud): boolean => cloud !== 'germany';

/** Bulk users and licences: Partner Center's public cloud only (domain.md §1). */
export const canBulkAddUsers = (cloud: PartnerCloud): boolean => cloud === 'public';
