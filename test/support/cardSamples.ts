import type { Activity } from 'botbuilder';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { ChannelFeed } from '../../src/bot/channelFeed.js';
import { ReplyDelivery } from '../../src/bot/replyDelivery.js';
import { ACCOUNT_EVENT_KINDS } from '../../src/feed/accountEvents.js';
import { createLogger } from '../../src/logger.js';
import { allActions, cardOf, inputValues } from './cards.js';
import { projectCardRenderer } from './flows.js';
import { localizer } from './requestContext.js';
import { jobCardSamples } from './jobCardSamples.js';
import { startRedis } from './redisServer.js';
import { startTestBot, type TestBot } from './runtime.js';

export interface CardSample {
  /** The template in cards/ that produced the card. */
  template: string;
  /** Which situation it shows, e.g. `address-errors`. */
  variant: string;
  language: Language;
  card: Record<string, unknown>;
}

/** The channel feed's card builder, with the project's cards and strings (it needs no store or adapter to build a card). */
const FEED = new ChannelFeed({
  store: undefined as never,
  notices: undefined as never,
  delivery: new ReplyDelivery({ cards: projectCardRenderer(), localizer, logger: createLogger('silent') }),
  localizer,
  logger: createLogger('silent'),
  turnOf: () => undefined,
});

const LOCALE: Record<Language, string> = { en: 'en-US', de: 'de-DE', zh: 'zh-CN', ru: 'ru-RU' };
const NOW = new Date('2026-11-21T10:00:00Z');

/**
 * Every card template in every language, as the bot really sends it: each
 * sample comes from a scripted conversation through the full runtime
 * (TestAdapter), so the data is what users see. Used by the card contract
 * tests and by `npm run cards:preview`.
 */
export async function collectCardSamples(languages: readonly Language[] = SUPPORTED_LANGUAGES): Promise<CardSample[]> {
  const samples: CardSample[] = [];
  for (const language of languages) {
    const bot = await startTestBot({ overrides: { now: () => NOW } });
    try {
      await collectFor(bot, language, samples);
    } finally {
      await bot.close(true);
    }
    samples.push({ template: 'notice', variant: 'answer-repeated', language, card: await repeatedAnswerNotice(language) });
    // An indirect provider's cards: its resellers, and an invitation on one's behalf.
    const provider = await startTestBot({ env: { PARTNER_MODEL: 'indirectProvider' }, overrides: { now: () => NOW } });
    try {
      const resellers = (await provider.send({ locale: LOCALE[language], text: 'indirect resellers' }))[0];
      samples.push({ template: 'indirectResellers', variant: 'provider', language, card: cardOf(resellers) });
      const invite = allActions(cardOf(resellers)).find((a) => a.data?.verb === 'inviteCustomer')!.data!;
      samples.push({ template: 'inviteCustomerOptions', variant: 'for-a-reseller', language, card: cardOf((await provider.send({ locale: LOCALE[language], value: invite }))[0]) });
      samples.push({ template: 'form', variant: 'company-for-a-reseller', language, card: cardOf((await provider.send({ locale: LOCALE[language], text: 'add customer' }))[0]) });
      const list = (await provider.send({ locale: LOCALE[language], value: { verb: 'customerList.search', resellerFilter: 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11' } }))[0];
      samples.push({ template: 'customerList', variant: 'filtered-by-reseller', language, card: cardOf(list) });
    } finally {
      await provider.close(true);
    }
  }
  samples.push(...(await storeUnavailableNotices(languages)));
  return samples;
}

/** The notice a card answer gets when it arrives again at a fresh instance after it ended its flow (the language picker's choice). */
/** The notice a message gets while Redis (STATE_STORE=redis) does not answer, in each language. */
async function storeUnavailableNotices(languages: readonly Language[]): Promise<CardSample[]> {
  const redis = await startRedis();
  const bot = await startTestBot({ env: { STATE_STORE: 'redis', REDIS_URL: redis.url }, overrides: { now: () => NOW } });
  try {
    await redis.stop();
    const samples: CardSample[] = [];
    for (const language of languages) samples.push({ template: 'notice', variant: 'store-unavailable', language, card: cardOf((await bot.send({ locale: LOCALE[language], text: 'help' }))[0]) });
    return samples;
  } finally {
    await bot.close(true);
  }
}

async function repeatedAnswerNotice(language: Language): Promise<Record<string, unknown>> {
  const first = await startTestBot({ overrides: { now: () => NOW } });
  const picker = (await first.send({ locale: LOCALE[language], text: 'language' }))[0];
  const choice = { id: 'answer-sent-twice', locale: LOCALE[language], value: allActions(cardOf(picker)).find((a) => a.data?.language === language)!.data! };
  await first.send(choice);
  await first.close();
  const second = await startTestBot({ dataDir: first.dataDir, overrides: { now: () => NOW } });
  try {
    return cardOf((await second.send(choice))[0]);
  } finally {
    await second.close(true);
  }
}

async function collectFor(bot: TestBot, language: Language, samples: CardSample[]): Promise<void> {
  const locale = LOCALE[language];
  const take = (template: string, variant: string, activity: Partial<Activity> | undefined) => {
    samples.push({ template, variant, language, card: cardOf(activity) });
    return activity;
  };
  const say = async (activity: Partial<Activity>) => bot.send({ locale, ...activity });
  /** Presses a card's button (its `data`, found with submitOf) with these inputs. */
  const press = async (_card: Partial<Activity> | undefined, data: Record<string, unknown>, inputs: Record<string, unknown> = {}) => say({ value: { ...inputs, ...data } });
  const submitOf = (card: Partial<Activity> | undefined, verb: string) => allActions(cardOf(card)).find((a) => a.data?.verb === verb)!.data!;

  take('welcome', 'default', (await say({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'U' }, { id: 'bot-1', name: 'B' }] }))[0]);
  take('welcome', 'unknown-input', (await say({ text: 'qwertyuiop' }))[0]);
  take('help', 'default', (await say({ text: 'help' }))[0]);
  take('notice', 'nothing-to-cancel', (await say({ text: 'cancel' }))[0]);
  take('notice', 'malformed-action', (await say({ value: { verb: 'nope' } }))[0]);
  const picker = take('language', 'default', (await say({ text: 'language' }))[0]);
  await press(picker, submitOf(picker, 'language.choose'), {});
  // Back to the user's own language for the rest.
  const again = (await say({ text: 'language' }))[0];
  const own = allActions(cardOf(again)).find((a) => a.data?.language === language)!.data!;
  await press(again, own);

  // Customer list: first page, a search without match, ended relationships, empty tenant, details, export.
  const list = take('customerList', 'first-page', (await say({ text: 'customer list' }))[0]);
  take('customerList', 'no-match', (await say({ text: 'customer list zzzz' }))[0]);
  take('customerList', 'ended', (await press(list, { verb: 'customerList.page', page: 1, search: '', relationship: 'ended' }))[0]);
  take('customerEmpty', 'default', (await say({ text: 'customer list', channelId: 'msteams', channelData: { tenant: { id: 'empty-partner' } } }))[0]);
  const mueller = (await say({ text: 'customer list müller' }))[0];
  take('customerDetails', 'with-subscriptions', (await press(mueller, submitOf(mueller, 'customerList.details')))[0]);
  const ended = (await press(list, { verb: 'customerList.page', page: 1, search: 'schäfer', relationship: 'ended' }))[0];
  take('customerDetails', 'ended', (await press(ended, submitOf(ended, 'customerList.details')))[0]);
  take('exportReady', 'default', (await press(list, { verb: 'customerList.export', relationship: 'active', search: '' }))[0]);
  // The compose box's search: the card it inserts (the invoke's answer).
  const searched = await say({ type: 'invoke', name: 'composeExtension/query', channelId: 'msteams', value: { commandId: 'searchCustomers', parameters: [{ name: 'query', value: 'müller' }], queryOptions: { skip: 0, count: 10 } } });
  const extension = (searched.find((a) => a.type === 'invokeResponse')?.value as { body: { composeExtension: { attachments: Array<{ content: Record<string, unknown> }> } } }).body.composeExtension;
  samples.push({ template: 'customerCompact', variant: 'default', language, card: extension.attachments[0]!.content });
  // A flow in a Teams group chat: everyone sees whose task it is; the owner's client asks for the live card.
  const group = { channelId: 'msteams', conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true } as Activity['conversation'], from: { id: '29:anna', name: 'Anna Schmidt' } };
  take('flowInProgress', 'shared-chat', (await say({ ...group, text: 'end relationship' }))[0]);
  // The channel feed's notices, as the feed builds them for a Teams channel.
  for (const kind of ACCOUNT_EVENT_KINDS) {
    // Transfer notices name the other partner, not the user, and have no domain (the other partner's feed gets them).
    const transfer = kind.startsWith('transfer') ? { partnerName: 'Litware Cloud Services', deadline: new Date(NOW.getTime() + 3 * 86_400_000).toISOString(), domain: '', actorName: '' } : {};
    const event = { kind, tenantId: 'local-sandbox', customerId: 'c-1', companyName: 'Cerámica Levante S.L.', domain: 'ceramicalevante.onmicrosoft.com', actorName: 'Anna Schmidt', at: NOW.toISOString(), ...transfer };
    samples.push({ template: 'feedEvent', variant: kind, language, card: FEED.noticeCard(event, { language, channelId: 'msteams' }).content as Record<string, unknown> });
  }

  // Add customer: every step, one with errors, the review and the result.
  const company = take('form', 'company', (await say({ text: 'add customer' }))[0]);
  const taken = take('form', 'company-domain-taken', (await press(company, submitOf(company, 'addCustomer.next'), { country: 'DE', companyName: 'Müller Maschinenbau GmbH', domainPrefix: 'muellermaschinenbau' }))[0]);
  const address = take('form', 'address', (await press(taken, submitOf(taken, 'addCustomer.next'), { country: 'RU', companyName: 'ООО «Ромашка»', domainPrefix: 'romashkasample' }))[0]);
  const addressErrors = take('form', 'address-errors', (await press(address, submitOf(address, 'addCustomer.next'), { addressLine1: '', postalCode: 'ABC', phoneNumber: '1', organizationRegistrationNumber: '1234567890' }))[0]);
  const contact = take('form', 'contact', (await press(addressErrors, submitOf(addressErrors, 'addCustomer.next'), { addressLine1: 'ул. Ленина, д. 1', city: 'Казань', postalCode: '420111', phoneNumber: '+7 843 123-45-67', organizationRegistrationNumber: '7707083893' }))[0]);
  const agreement = take('form', 'agreement', (await press(contact, submitOf(contact, 'addCustomer.next'), { firstName: 'Анна', lastName: 'Иванова', email: 'anna@romashka.example', culture: 'ru-RU' }))[0]);
  const review = take('addCustomerReview', 'default', (await press(agreement, submitOf(agreement, 'addCustomer.next'), { firstName: 'Анна', lastName: 'Иванова', email: 'anna@romashka.example', dateAgreed: '2026-11-20' }))[0]);
  take('addCustomerResult', 'default', (await press(review, submitOf(review, 'addCustomer.create')))[0]);

  // Remove reseller relationship: pick with several matches, blocked, check with an error, confirm, done.
  const pick = take('endRelationshipPick', 'prompt', (await say({ text: 'end relationship' }))[0]);
  take('endRelationshipPick', 'several', (await press(pick, submitOf(pick, 'endRelationship.search'), { searchTerm: 'gmbh' }))[0]);
  take('endRelationshipBlocked', 'default', (await say({ text: 'end the relationship with Müller' }))[0]);
  const check = take('endRelationshipCheck', 'default', (await say({ text: 'end the relationship with Cerámica' }))[0]);
  const checkError = take('endRelationshipCheck', 'note-required', (await press(check, submitOf(check, 'endRelationship.reason'), { reason: 'other', note: '' }))[0]);
  const confirm = take('endRelationshipConfirm', 'default', (await press(checkError, submitOf(checkError, 'endRelationship.reason'), { reason: 'customerRequest' }))[0]);
  const mismatch = take('endRelationshipConfirm', 'mismatch', (await press(confirm, submitOf(confirm, 'endRelationship.confirm'), { confirmDomain: 'wrong.example' }))[0]);
  take('endRelationshipDone', 'default', (await press(mismatch, submitOf(mismatch, 'endRelationship.confirm'), { confirmDomain: 'ceramicalevante.onmicrosoft.com' }))[0]);

  // Request a reseller relationship: the options, and the e-mail in another language than the user's.
  const invite = take('inviteCustomerOptions', 'default', (await say({ text: 'invite customer' }))[0]);
  take('inviteCustomerDraft', 'email-in-chinese', (await press(invite, submitOf(invite, 'inviteCustomer.draft'), { delegatedAdmin: 'true', emailLanguage: language === 'zh' ? 'de' : 'zh' }))[0]);
  await say({ text: 'cancel' });

  // Add users and licences: the file card, a pick among several, the licences card with an error; the job's cards, built as the runner builds them.
  take('addUsersFile', 'default', (await say({ text: 'add users Müller' }))[0]);
  take('customerPick', 'add-users-several', (await say({ text: 'add users gmbh' }))[0]);
  const licences = take('assignLicencesChoose', 'default', (await say({ text: 'assign licenses Müller' }))[0]);
  take('assignLicencesChoose', 'nothing-chosen', (await press(licences, submitOf(licences, 'assignLicences.assign'), { users: '', skus: '' }))[0]);
  for (const sample of jobCardSamples(language)) samples.push({ ...sample, language });

  // Update account info: pick among several, the prefilled form, one with an error, the review of the changes, done.
  const updatePick = take('customerPick', 'update-several', (await say({ text: 'update customer gmbh' }))[0]);
  const form = take('updateCustomerForm', 'prefilled', (await press(updatePick, allActions(cardOf(updatePick)).find((a) => a.data?.verb === 'updateCustomer.choose')!.data!))[0]);
  const values = inputValues(form);
  const formErrors = take('updateCustomerForm', 'errors', (await press(form, submitOf(form, 'updateCustomer.review'), { ...values, email: 'not-an-email' }))[0]);
  const changes = take('updateCustomerReview', 'changes', (await press(formErrors, submitOf(formErrors, 'updateCustomer.review'), { ...values, companyName: `${values.companyName} Holding`, city: 'Köln' }))[0]);
  take('updateCustomerDone', 'default', (await press(changes, submitOf(changes, 'updateCustomer.save')))[0]);

  // Transfer requests: the received tab, a received request to answer, a new request (search, form with errors, eligibility, the legacy checklist), the sent tab after sending.
  const received = take('transfersList', 'received', (await say({ text: 'transfer requests' }))[0]);
  const open = allActions(cardOf(received)).find((a) => a.data?.verb === 'transfers.open')!.data!;
  const answer = take('transferDetails', 'received-pending', (await press(received, open))[0]);
  const transferList = (await press(answer, submitOf(answer, 'transfers.back')))[0];
  const transferPick = take('transferPick', 'search', (await press(transferList, submitOf(transferList, 'transfers.new')))[0]);
  const transferForm = (await press(transferPick, submitOf(transferPick, 'transfers.choose'), { term: 'Thames' }))[0];
  const formErrors2 = take('transferForm', 'errors', (await press(transferForm, submitOf(transferForm, 'transfers.check'), { partner: 'not a partner', customerEmail: 'x', productTypes: '' }))[0]);
  const eligibility = take('transferEligibility', 'with-reasons', (await press(formErrors2, submitOf(formErrors2, 'transfers.check'), { partner: 'litwarecloud.onmicrosoft.com', customerEmail: 'it@thamesvalley.example', productTypes: 'AzureSubscription,OnlineServicesNCE' }))[0]);
  const legacy = take('transferLegacy', 'default', (await press(eligibility, submitOf(eligibility, 'transfers.legacy')))[0]);
  const back = (await press(legacy, submitOf(legacy, 'transfers.back')))[0];
  take('transfersList', 'sent-with-outcome', (await press(back, submitOf(back, 'transfers.send')))[0]);
  await say({ text: 'cancel' });
}
