import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PcCustomer, PcEntitlement, PcSubscription } from '../../src/partnerCenter/wireModels.js';
import { DEFINITION, SwaggerBodies } from './swagger.js';
import { PartnerCenterTransferStore } from './partnerCenterTransfers.js';
import { TokenService } from './tokenService.js';

/** One request as the test Partner Center received it. */
export interface ReceivedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

/** A scripted answer for the next matching call(s): a status, headers and a body. */
export interface Fault {
  method?: string;
  path?: RegExp;
  /** 0: the request is never answered. */
  status: number;
  /** Only calls this is true of (e.g. the ones that carry a continuation token). */
  when?: (call: ReceivedCall) => boolean;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many calls it answers (default 1). */
  times?: number;
  /** The call is carried out first, then this is answered instead (a lost answer: a retry must not do it twice). */
  after?: boolean;
}

interface StoredUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
  licences: string[];
}

interface StoredSku {
  skuId: string;
  name: string;
  skuPartNumber: string;
  totalUnits: number;
  consumedUnits: number;
}

interface StoredCustomer extends PcCustomer {
  subscriptions: PcSubscription[];
  entitlements: PcEntitlement[];
  users?: StoredUser[];
  skus?: StoredSku[];
  /** The indirect resellers it buys through (`customers/{id}/relationships`). */
  resellers?: Array<Record<string, string>>;
}

const MAX_PAGE = 500;
const swagger = new SwaggerBodies();

/**
 * A local Partner Center for the tests (never shipped): the customer
 * endpoints the bot uses, with the documented shapes (paging by
 * `links.next` + `MS-ContinuationToken`, `totalCount` of the page only,
 * `starts_with` filters, etags, `MS-RequestId` replay, error bodies, 429 with
 * Retry-After), one partner per bearer token, and the Bot Framework token
 * service on `/api/`. Request and response bodies are checked against the
 * official Swagger's definitions; `violations` lists what did not fit.
 */
export class PartnerCenterServer {
  readonly calls: ReceivedCall[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  /** The temporary passwords Partner Center made, in order (the bot must show these). */
  readonly passwords: string[] = [];
  readonly tokens = new TokenService();
  /** Partner tenant → its two-tier partners (PartnerRelationship), by relationship type. */
  readonly indirect = new Map<string, { resellers: Array<Record<string, string>>; providers: Array<Record<string, string>> }>();
  /** Transfers between partners and the eligibility answers (`customers/{id}/transfers…`). */
  readonly transfers = new PartnerCenterTransferStore();
  /** MPN ids whose Microsoft Partner Agreement is signed. */
  readonly signedAgreements = new Set<string>();
  /** How long each API call takes (a slow Partner Center: a job long enough to stop halfway). */
  latencyMs = 0;
  /** Partner tenant → its customers (in Partner Center's order: as created). */
  private readonly partners = new Map<string, StoredCustomer[]>();
  /** Answers already given, by MS-RequestId: a repeat gets the same answer and changes nothing. */
  private readonly answered = new Map<string, { status: number; body?: unknown }>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A partner's customers as Partner Center holds them. */
  customersOf(partner: string): StoredCustomer[] {
    let list = this.partners.get(partner);
    if (!list) this.partners.set(partner, (list = []));
    return list;
  }

  /** Calls to the customer API (not the token service), optionally one method. */
  apiCalls(method?: string): ReceivedCall[] {
    return this.calls.filter((c) => c.path.startsWith('/v1/') && (!method || c.method === method));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      req.on('end', () => resolve(data));
    });
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    const call: ReceivedCall = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers as Record<string, string | undefined>, body };
    this.calls.push(call);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(payload === undefined || call.method === 'HEAD' ? undefined : JSON.stringify(payload));
    };
    if (url.pathname.startsWith('/api/')) {
      const answer = this.tokens.handle(call);
      return send(answer.status, answer.body);
    }
    const fault = this.faults.find((f) => (!f.method || f.method === call.method) && (!f.path || f.path.test(url.pathname)) && (!f.when || f.when(call)));
    if (fault && !fault.after) {
      this.consume(fault);
      // Status 0: no answer at all (the client's timeout decides).
      return fault.status === 0 ? undefined : send(fault.status, fault.body, fault.headers);
    }
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const partner = this.tokens.partnerOf(call.headers.authorization);
    if (!partner) return send(401, { code: 800001, description: 'Partner token is missing or invalid.', source: 'PartnerFD' });
    const requestId = call.headers['ms-requestid'];
    if (!requestId || !call.headers['ms-correlationid'] || !call.headers['x-locale']) return send(400, { code: 3000, description: 'MS-RequestId, MS-CorrelationId and X-Locale are expected.', source: 'PartnerFD' });
    const writes = call.method !== 'GET' && call.method !== 'HEAD';
    const replay = writes ? this.answered.get(`${partner}\n${requestId}`) : undefined;
    if (replay) return send(replay.status, replay.body);
    const answer = this.route(partner, call, url);
    if (writes && answer.status < 500) this.answered.set(`${partner}\n${requestId}`, answer);
    if (fault?.after) {
      this.consume(fault);
      return send(fault.status, fault.body, fault.headers);
    }
    send(answer.status, answer.body, answer.headers);
  }

  /** A scripted fault answers `times` calls, then is gone. */
  private consume(fault: Fault): void {
    if ((fault.times ?? 1) <= 1) this.faults.splice(this.faults.indexOf(fault), 1);
    else fault.times = (fault.times ?? 1) - 1;
  }

  private route(partner: string, call: ReceivedCall, url: URL): { status: number; body?: unknown; headers?: Record<string, string> } {
    const parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
    const customers = this.customersOf(partner);
    const find = (id: string) => customers.find((c) => c.id === id);
    const notFound = { status: 404, body: { code: 1000, description: 'The customer was not found.', source: 'PartnerFD' } };
    if (parts[0] === 'domains' && call.method === 'HEAD') {
      const taken = [...this.partners.values()].some((list) => list.some((c) => c.companyProfile?.domain?.toLowerCase() === parts[1]!.toLowerCase()));
      return { status: taken ? 200 : 404 };
    }
    if (parts[0] === 'validations' && parts[1] === 'address' && call.method === 'POST') return this.validateAddress(call.body);
    if (parts[0] === 'relationships' && call.method === 'GET') {
      const type = url.searchParams.get('relationship_type');
      const mine = this.indirect.get(partner) ?? { resellers: [], providers: [] };
      const items = type === 'IsIndirectCloudSolutionProviderOf' ? mine.resellers : type === 'IsIndirectResellerOf' ? mine.providers : undefined;
      if (!items) return { status: 400, body: { code: 2000, description: 'relationship_type is not valid.', source: 'PartnerFD' } };
      const relationshipType = type === 'IsIndirectCloudSolutionProviderOf' ? 'is_indirect_cloud_solution_provider_of' : 'is_indirect_reseller_of';
      return { status: 200, body: { totalCount: items.length, items: items.map((r) => ({ ...r, relationshipType, attributes: { objectType: 'PartnerRelationship' } })), attributes: { objectType: 'Collection' } } };
    }
    if (parts[0] === 'compliance' && parts[1] === 'csp' && parts[2] === 'agreementstatus' && call.method === 'GET') {
      const mpnId = url.searchParams.get('mpnId') ?? url.searchParams.get('mpnid') ?? '';
      if (!/^\d+$/.test(mpnId)) return { status: 400, body: { code: 2000, description: 'MPN Id must be numeric.', data: [], source: 'PartnerApiServiceControllers' } };
      return { status: 200, body: { isAgreementSigned: this.signedAgreements.has(mpnId) } };
    }
    if (parts[0] !== 'customers') return notFound;
    if (parts.length === 1 && call.method === 'GET') return this.list(customers, call, url);
    if (parts.length === 1 && call.method === 'POST') return this.create(partner, call.body);
    // The partner's invitation link (reseller relationship request), as the reference page shows it.
    if (parts[1] === 'relationshiprequests' && call.method === 'GET') {
      const reseller = url.searchParams.get('indirectResellerId');
      const provider = url.searchParams.get('indirectCloudSolutionProviderId');
      const link = reseller || provider
        ? `https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=${reseller ?? partner}&msppId=0&indirectCSPId=${provider ?? partner}&DAP=false#/BillingAccounts/partner-invitation`
        : `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${partner}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`;
      return { status: 200, body: { url: link, attributes: { objectType: 'RelationshipRequest' } } };
    }
    const customer = find(parts[1]!);
    if (!customer) return notFound;
    if (parts.length === 2 && call.method === 'GET') {
      this.check(DEFINITION.customer, this.wire(customer), 'customer');
      return { status: 200, body: this.wire(customer) };
    }
    if (parts.length === 2 && call.method === 'PATCH') {
      this.check(DEFINITION.customer, call.body, 'PATCH body');
      if ((call.body as { relationshipToPartner?: string }).relationshipToPartner === 'none') customer.relationshipToPartner = 'none';
      customer.attributes = { objectType: 'Customer', etag: randomUUID() };
      return { status: 200, body: this.wire(customer) };
    }
    if (parts[2] === 'profiles' && parts[3] === 'billing') return this.billing(customer, call);
    if (parts[2] === 'transfers' || parts[2] === 'transferseligibility') return this.transfers.route(partner, customer.id, call, url, parts);
    if (parts[2] === 'users') return this.usersOf(customer, call, parts[3], parts[4]);
    if (parts[2] === 'relationships' && call.method === 'GET') {
      const items = (customer.resellers ?? []).map((r) => ({ ...r, relationshipType: 'is_indirect_reseller_of', attributes: { objectType: 'PartnerRelationship' } }));
      return { status: 200, body: { totalCount: items.length, items, attributes: { objectType: 'Collection' } } };
    }
    if (parts[2] === 'subscribedskus') {
      const items = (customer.skus ?? []).map((k) => ({ totalUnits: k.totalUnits, consumedUnits: k.consumedUnits, availableUnits: k.totalUnits - k.consumedUnits, productSku: { id: k.skuId, name: k.name, skuPartNumber: k.skuPartNumber, targetType: 'User' } }));
      return { status: 200, body: { totalCount: items.length, items, attributes: { objectType: 'Collection' } } };
    }
    if (parts[2] === 'subscriptions') return { status: 200, body: { totalCount: customer.subscriptions.length, items: customer.subscriptions, attributes: { objectType: 'Collection' } } };
    if (parts[2] === 'entitlements') return { status: 200, body: { totalCount: customer.entitlements.length, items: customer.entitlements, attributes: { objectType: 'Collection' } } };
    return notFound;
  }

  /** `customers/{id}/users` (list, create: a taken user name is 409) and `users/{uid}/licenseupdates` (not enough: 400 code 60012). */
  private usersOf(customer: StoredCustomer, call: ReceivedCall, userId?: string, sub?: string) {
    const list = (customer.users ??= []);
    if (!userId && call.method === 'GET') return { status: 200, body: { totalCount: list.length, items: list.map(({ licences: _l, ...u }) => u), attributes: { objectType: 'Collection' } } };
    if (!userId && call.method === 'POST') {
      const body = call.body as { userPrincipalName?: string; displayName?: string; firstName?: string; lastName?: string; usageLocation?: string; passwordProfile?: { password?: string; forceChangePassword?: boolean } };
      const upn = body.userPrincipalName ?? '';
      if (!body.passwordProfile?.password || body.passwordProfile.forceChangePassword !== true || !body.usageLocation) return { status: 400, body: { code: 3000, description: 'passwordProfile and usageLocation are required.', source: 'PartnerFD' } };
      if (list.some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) return { status: 409, body: { code: 1001, description: `The user ${upn} already exists.`, source: 'PartnerFD' } };
      const user: StoredUser = { id: randomUUID(), userPrincipalName: upn, displayName: body.displayName ?? '', ...(body.firstName ? { firstName: body.firstName } : {}), ...(body.lastName ? { lastName: body.lastName } : {}), usageLocation: body.usageLocation, licences: [] };
      list.push(user);
      const { licences: _l, ...wire } = user;
      return { status: 201, body: { ...wire, attributes: { objectType: 'CustomerUser' } } };
    }
    const user = list.find((u) => u.id === userId);
    if (!user || sub !== 'licenseupdates' || call.method !== 'POST') return { status: 404, body: { code: 1000, description: 'Not found.', source: 'PartnerFD' } };
    const wanted = ((call.body as { licensesToAssign?: Array<{ skuId: string }> }).licensesToAssign ?? []).map((l) => l.skuId).filter((id) => !user.licences.includes(id));
    for (const skuId of wanted) {
      const sku = customer.skus?.find((k) => k.skuId === skuId);
      if (!sku || sku.totalUnits - sku.consumedUnits < 1) return { status: 400, body: { code: 60012, description: 'Not enough licenses are available.', source: 'PartnerFD' } };
    }
    for (const skuId of wanted) customer.skus!.find((k) => k.skuId === skuId)!.consumedUnits++;
    user.licences.push(...wanted);
    return { status: 201, body: { licensesToAssign: wanted.map((skuId) => ({ skuId })), licenseWarnings: [], attributes: { objectType: 'LicenseUpdate' } } };
  }

  /** `GET`/`PUT customers/{id}/profiles/billing`: the etag in `If-Match` or the body must be the current one (else 400 code 2055). */
  private billing(customer: StoredCustomer, call: ReceivedCall) {
    const etag = () => customer.attributes?.etag ?? '';
    const wire = () => ({ ...structuredClone(customer.billingProfile ?? {}), attributes: { etag: etag(), objectType: 'CustomerBillingProfile' } });
    if (call.method === 'GET') {
      this.check(DEFINITION.billingProfile, wire(), 'billing profile');
      return { status: 200, body: wire() };
    }
    if (call.method !== 'PUT') return { status: 405 };
    this.check(DEFINITION.billingProfile, call.body, 'PUT billing profile');
    const sent = call.body as { attributes?: { etag?: string } };
    const given = call.headers['if-match']?.replace(/^"|"$/g, '') ?? sent.attributes?.etag;
    if (given !== etag()) return { status: 400, body: { code: 2055, description: 'Etag is no longer valid.', source: 'PartnerFD' } };
    const { attributes: _a, ...profile } = call.body as Record<string, unknown>;
    customer.billingProfile = profile as StoredCustomer['billingProfile'];
    customer.attributes = { objectType: 'Customer', etag: randomUUID() };
    return { status: 200, body: wire() };
  }

  /** `POST validations/address`: an address whose line holds "Strasse" is corrected to "Straße" (the test's stand-in for a real check). */
  private validateAddress(body: unknown) {
    this.check(DEFINITION.address, body, 'address validation');
    const address = body as Record<string, string>;
    if (!/strasse/i.test(address.addressLine1 ?? '')) return { status: 200, body: { originalAddress: address, suggestedAddresses: [], status: 'VerifiedShippable' } };
    const suggested = { ...address, addressLine1: address.addressLine1!.replace(/strasse/i, 'straße') };
    return { status: 200, body: { originalAddress: address, suggestedAddresses: [suggested], status: 'StreetPartial', validationMessage: 'The street was corrected.' } };
  }

  /** `GET customers?size&filter`, then `links.next` with `MS-ContinuationToken` (an opaque offset here). */
  private list(customers: StoredCustomer[], call: ReceivedCall, url: URL) {
    const token = call.headers['ms-continuationtoken'];
    const state = token ? (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: number; size: number; filter?: string }) : undefined;
    const size = Math.min(MAX_PAGE, Number(state?.size ?? url.searchParams.get('size') ?? 0) || 100);
    const filterText = state?.filter ?? url.searchParams.get('filter') ?? undefined;
    let matching = customers;
    if (filterText) {
      const filter = JSON.parse(filterText) as { Field: string; Value: string; Operator: string };
      if (filter.Operator !== 'starts_with') return { status: 400, body: { code: 3000, description: 'Only starts_with is supported.', source: 'PartnerFD' } };
      const value = filter.Value.toLowerCase();
      if (!['Domain', 'CompanyName', 'IndirectReseller'].includes(filter.Field)) return { status: 400, body: { code: 3000, description: 'Unknown filter field.', source: 'PartnerFD' } };
      const field = (c: (typeof customers)[number]) => (filter.Field === 'Domain' ? c.companyProfile?.domain : filter.Field === 'IndirectReseller' ? c.associatedPartnerId : c.companyProfile?.companyName);
      matching = customers.filter((c) => field(c)?.toLowerCase().startsWith(value));
    }
    const offset = state?.offset ?? 0;
    const items = matching.slice(offset, offset + size).map((c) => this.wire(c));
    const more = offset + size < matching.length;
    const nextToken = Buffer.from(JSON.stringify({ offset: offset + size, size, filter: filterText })).toString('base64url');
    const body = {
      totalCount: items.length,
      items,
      links: {
        self: { uri: `/customers?size=${size}`, method: 'GET', headers: [] },
        ...(more ? { next: { uri: `/customers?size=${size}&seekOperation=Next`, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: nextToken }] } } : {}),
      },
      attributes: { objectType: 'Collection' },
    };
    this.check(DEFINITION.customers, body, 'customer list');
    return { status: 200, body };
  }

  private create(partner: string, body: unknown) {
    this.check(DEFINITION.customer, body, 'POST body');
    const request = body as PcCustomer;
    const domain = request.companyProfile?.domain ?? '';
    const taken = [...this.partners.values()].some((list) => list.some((c) => c.companyProfile?.domain?.toLowerCase() === domain.toLowerCase()));
    if (taken) return { status: 409, body: { code: 1001, description: `The domain ${domain} is already in use.`, source: 'PartnerFD' } };
    const id = randomUUID();
    const customer: StoredCustomer = {
      id,
      commerceId: randomUUID(),
      companyProfile: { tenantId: id, domain, companyName: request.billingProfile?.companyName ?? '' },
      billingProfile: { ...request.billingProfile },
      relationshipToPartner: 'reseller',
      attributes: { objectType: 'Customer', etag: randomUUID() },
      subscriptions: [],
      entitlements: [],
    };
    this.customersOf(partner).push(customer);
    // Partner Center's own password for the first admin: the bot must show this one.
    const password = `Pc!${randomUUID().slice(0, 12)}`;
    this.passwords.push(password);
    return { status: 201, body: { ...this.wire(customer), userCredentials: { userName: `admin@${domain}`, password } } };
  }

  private wire(customer: StoredCustomer): PcCustomer {
    const { subscriptions: _s, entitlements: _e, users: _u, skus: _k, resellers: _r, ...wire } = customer;
    return structuredClone(wire);
  }

  private check(definition: string, body: unknown, what: string): void {
    for (const problem of swagger.problems(definition, body)) this.violations.push(`${what}: ${problem}`);
  }
}
