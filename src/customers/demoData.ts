import { createHash } from 'node:crypto';
import type { Customer, CustomerUser, EndReason, SubscribedSku, Subscription, SubscriptionKind, SubscriptionStatus } from './customer.js';
import type { CustomerSeeding } from './customerStore.js';
import { personName } from '../text/personName.js';

/**
 * Deterministic demo customers for the sandbox tenant: fixed ids, dates
 * relative to `now`, several countries and scripts (Latin with umlauts,
 * Han, Cyrillic), every subscription kind and a few ended relationships.
 * Companies, people, addresses and phone numbers are fictitious.
 */

const DAY_MS = 86_400_000;

/** Partner Center-style offer ids (legacy: GUID offer ids; new commerce and Azure: product:sku ids). */
const PRODUCTS = {
  m365BusinessPremium: { offerId: 'CFQ7TTC0LCHC:0002', offerName: 'Microsoft 365 Business Premium', kind: 'newCommerceLicense' },
  m365BusinessStandard: { offerId: 'CFQ7TTC0LDPB:0001', offerName: 'Microsoft 365 Business Standard', kind: 'newCommerceLicense' },
  m365E3: { offerId: 'CFQ7TTC0LFLX:0001', offerName: 'Microsoft 365 E3', kind: 'newCommerceLicense' },
  exchangeOnlinePlan1: { offerId: 'CFQ7TTC0LH16:0001', offerName: 'Exchange Online (Plan 1)', kind: 'newCommerceLicense' },
  teamsEssentials: { offerId: 'CFQ7TTC0RM8K:0001', offerName: 'Microsoft Teams Essentials', kind: 'newCommerceLicense' },
  businessCentralEssentials: { offerId: 'CFQ7TTC0LH3F:0001', offerName: 'Dynamics 365 Business Central Essentials', kind: 'newCommerceLicense' },
  office365E1Legacy: { offerId: '91FD106F-4B2C-4938-95AC-F54F74E9A239', offerName: 'Office 365 E1', kind: 'legacyLicense' },
  office365E3Legacy: { offerId: '796B6B5F-613C-4E24-A17C-EBA730D49C02', offerName: 'Office 365 E3', kind: 'legacyLicense' },
  exchangeOnlinePlan1Legacy: { offerId: '195416C1-3447-423A-B37B-EE59A99A19C4', offerName: 'Exchange Online (Plan 1)', kind: 'legacyLicense' },
  azurePlan: { offerId: 'DZH318Z0BPS6:0001', offerName: 'Azure plan', kind: 'azurePlan' },
  reservedVm: { offerId: 'DZH318Z0BQ3Q:00H4', offerName: 'Azure Reserved VM Instance', kind: 'azureReservation' },
  windowsServer2022Standard: { offerId: 'DG7GMGF0D65N:0003', offerName: 'Windows Server 2022 Standard', kind: 'software' },
} as const satisfies Record<string, { offerId: string; offerName: string; kind: SubscriptionKind }>;

type ProductKey = keyof typeof PRODUCTS;

interface SubscriptionSeed {
  id: string;
  product: ProductKey;
  quantity: number;
  status: SubscriptionStatus;
  daysAgo: number;
}

interface CustomerSeed {
  id: string;
  commerceId: string;
  companyName: string;
  domainPrefix: string;
  registrationNumber?: string;
  country: string;
  state?: string;
  city: string;
  addressLine1: string;
  addressLine2?: string;
  postalCode: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string;
  culture: string;
  language: string;
  daysAgo: number;
  ended?: { daysAgo: number; by: string; reason: EndReason; note?: string };
  subscriptions: SubscriptionSeed[];
}

const SEEDS: readonly CustomerSeed[] = [
  {
    id: '9970ef0f-54ea-4397-a203-a6f1586668e7',
    commerceId: 'd23bc527-a735-4000-8a79-3218108b3373',
    companyName: 'Müller Maschinenbau GmbH',
    domainPrefix: 'muellermaschinenbau',
    country: 'DE',
    city: 'Stuttgart',
    addressLine1: 'Königstraße 28',
    postalCode: '70173',
    firstName: 'Jürgen',
    lastName: 'Weiß',
    email: 'j.weiss@mueller-maschinenbau.de',
    phoneNumber: '+497112265430',
    culture: 'de-DE',
    language: 'de',
    daysAgo: 1050,
    subscriptions: [
      { id: 'b19aac45-a6e6-48fb-81ce-3234a7536561', product: 'm365BusinessPremium', quantity: 45, status: 'active', daysAgo: 1040 },
      { id: 'cebb73e0-e305-4659-9eab-5ef207010a3b', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 700 },
      { id: '19074be2-97ad-4930-a4f6-761f7e946f09', product: 'reservedVm', quantity: 2, status: 'active', daysAgo: 420 },
      { id: 'c18a0dda-60c9-40da-b19e-939049596807', product: 'windowsServer2022Standard', quantity: 4, status: 'active', daysAgo: 690 },
    ],
  },
  {
    id: 'aa177525-257d-4e20-ac5f-e0892a4f4e00',
    commerceId: 'fd0af9af-18c3-47d0-be36-2f0ef0dcf37c',
    companyName: 'Öko-Energie Schwarzwald GmbH',
    domainPrefix: 'oekoenergieschwarzwald',
    country: 'DE',
    city: 'Freiburg im Breisgau',
    addressLine1: 'Bertoldstraße 45',
    postalCode: '79098',
    firstName: 'Sabine',
    lastName: 'Köhler',
    email: 's.koehler@oeko-energie-schwarzwald.de',
    phoneNumber: '+497612024180',
    culture: 'de-DE',
    language: 'de',
    daysAgo: 720,
    subscriptions: [
      { id: '45569f36-8fd5-44ea-930d-d7b9e87c55a8', product: 'exchangeOnlinePlan1Legacy', quantity: 12, status: 'active', daysAgo: 718 },
      { id: '12afcf02-272c-4f33-910f-676b6e324bb0', product: 'teamsEssentials', quantity: 12, status: 'active', daysAgo: 300 },
    ],
  },
  {
    id: '411c358e-f728-43a7-9537-9e1bd614877a',
    commerceId: '9f3b4f3d-71cd-4e1e-82a7-924c4786d12d',
    companyName: 'Schäfer & Söhne Logistik KG',
    domainPrefix: 'schaeferlogistik',
    country: 'DE',
    city: 'Hamburg',
    addressLine1: 'Am Sandtorkai 50',
    postalCode: '20457',
    firstName: 'Björn',
    lastName: 'Schäfer',
    email: 'b.schaefer@schaefer-logistik.de',
    phoneNumber: '+49403097560',
    culture: 'de-DE',
    language: 'de',
    daysAgo: 980,
    ended: {
      daysAgo: 120,
      by: 'lena.fischer@northwind-it.de',
      reason: 'movedToAnotherPartner',
      note: 'Wechsel zu einem anderen CSP-Partner zum Quartalsende.',
    },
    subscriptions: [
      { id: '42cdb98f-809d-449b-b10d-85e4f4a718fd', product: 'office365E1Legacy', quantity: 30, status: 'suspended', daysAgo: 975 },
      { id: '11a32c47-6d90-4c76-a66b-a299e39fcca3', product: 'm365BusinessPremium', quantity: 8, status: 'deleted', daysAgo: 400 },
    ],
  },
  {
    id: 'c4e07f59-bf16-4294-9527-17749d1a5154',
    commerceId: '9af66a4b-8131-44fd-82ba-107616598724',
    companyName: 'Übersee Handelskontor GmbH',
    domainPrefix: 'ueberseehandelskontor',
    country: 'DE',
    city: 'Bremen',
    addressLine1: 'Langenstraße 12',
    postalCode: '28195',
    firstName: 'Maren',
    lastName: 'Lührs',
    email: 'maren.luehrs@uebersee-handelskontor.de',
    phoneNumber: '+494213365120',
    culture: 'de-DE',
    language: 'de',
    daysAgo: 200,
    subscriptions: [
      { id: 'acfce839-d33c-430b-8208-35c8ff50df2a', product: 'm365E3', quantity: 80, status: 'active', daysAgo: 198 },
      { id: 'ece27505-3024-4868-9f35-b471eeefb41f', product: 'businessCentralEssentials', quantity: 5, status: 'pending', daysAgo: 1 },
    ],
  },
  {
    id: '19cf08fb-9c7d-40b3-952f-ff86e5619a96',
    commerceId: '7c2a6ac5-89df-47c4-9ea6-b1aa0da558ef',
    companyName: 'Grünwald Holzbau GmbH',
    domainPrefix: 'gruenwaldholzbau',
    country: 'AT',
    city: 'Graz',
    addressLine1: 'Herrengasse 16',
    postalCode: '8010',
    firstName: 'Lukas',
    lastName: 'Pichler',
    email: 'l.pichler@gruenwald-holzbau.at',
    phoneNumber: '+43316824190',
    culture: 'de-AT',
    language: 'de',
    daysAgo: 540,
    subscriptions: [
      { id: '1570ee20-81c8-4efe-a175-ef0830f58e3b', product: 'm365BusinessStandard', quantity: 18, status: 'active', daysAgo: 535 },
      { id: '4904d959-87d8-4787-a4e9-76d10c926bd3', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 260 },
    ],
  },
  {
    id: '9c5d1fea-b7fe-4bee-9444-a2885bf59d49',
    commerceId: 'd753c160-6827-4eab-82f9-415877ee50a6',
    companyName: 'Zürcher Präzisionsoptik AG',
    domainPrefix: 'zuercheroptik',
    country: 'CH',
    city: 'Zürich',
    addressLine1: 'Bahnhofstrasse 52',
    postalCode: '8001',
    firstName: 'Reto',
    lastName: 'Brunner',
    email: 'reto.brunner@zuercher-optik.ch',
    phoneNumber: '+41442157730',
    culture: 'de-CH',
    language: 'de',
    daysAgo: 860,
    subscriptions: [
      { id: 'ecf1296a-70cf-42a1-8f80-078d33be96c5', product: 'office365E3Legacy', quantity: 25, status: 'active', daysAgo: 855 },
      { id: '433e1e36-f98a-45c8-846c-e755165a3805', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 800 },
      { id: '4a90044c-49c8-4527-bc50-78884a381397', product: 'reservedVm', quantity: 1, status: 'expired', daysAgo: 790 },
    ],
  },
  {
    id: '5a70c5fd-9c92-407b-ac21-64c091fae1fa',
    commerceId: '24829f2e-6a58-4cc8-9457-55ff726d38fa',
    companyName: 'Atelier Lumière SARL',
    domainPrefix: 'atelierlumiere',
    country: 'FR',
    city: 'Lyon',
    addressLine1: '14 rue de la République',
    postalCode: '69002',
    firstName: 'Camille',
    lastName: 'Lefèvre',
    email: 'camille.lefevre@atelier-lumiere.fr',
    phoneNumber: '+33478371250',
    culture: 'fr-FR',
    language: 'fr',
    daysAgo: 430,
    subscriptions: [{ id: '52ab2e06-328b-41a2-ab9d-4364f5e8b8e8', product: 'm365BusinessPremium', quantity: 9, status: 'active', daysAgo: 428 }],
  },
  {
    id: '382c2913-c95a-430f-8254-164576863323',
    commerceId: 'f5b89a7a-3432-4ca2-89b9-011ba8a09325',
    companyName: 'Thames Valley Analytics Ltd',
    domainPrefix: 'thamesvalleyanalytics',
    country: 'GB',
    city: 'London',
    addressLine1: '20 Worship Street',
    postalCode: 'EC2A 2DW',
    firstName: 'Oliver',
    lastName: 'Bennett',
    email: 'oliver.bennett@thamesvalleyanalytics.co.uk',
    phoneNumber: '+442071838750',
    culture: 'en-GB',
    language: 'en',
    daysAgo: 1000,
    subscriptions: [
      { id: '427d2520-92b5-4fe8-a106-9e85f859d191', product: 'm365E3', quantity: 60, status: 'active', daysAgo: 990 },
      { id: '8d4ed53c-49fc-4973-98bc-9d348e9f3d12', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 950 },
      { id: '57a41014-75ea-4a6c-8f7c-3ecab3725d27', product: 'reservedVm', quantity: 3, status: 'active', daysAgo: 500 },
      { id: 'a74f52ce-3dc9-4a44-8ac2-1d949463c0f9', product: 'windowsServer2022Standard', quantity: 2, status: 'deleted', daysAgo: 610 },
    ],
  },
  {
    id: 'd6dbea4e-e68f-47f3-8d18-09b94433df07',
    commerceId: 'e2021e35-201b-4078-8ed0-8535d9bd9584',
    companyName: 'Pennine Outdoor Gear Ltd',
    domainPrefix: 'pennineoutdoorgear',
    country: 'GB',
    city: 'Manchester',
    addressLine1: '45 Oldham Street',
    postalCode: 'M1 1JG',
    firstName: 'Emily',
    lastName: 'Clarke',
    email: 'emily.clarke@pennineoutdoor.co.uk',
    phoneNumber: '+441618327450',
    culture: 'en-GB',
    language: 'en',
    daysAgo: 760,
    ended: { daysAgo: 60, by: 'Tom Baker', reason: 'customerRequest', note: 'Customer now buys directly from Microsoft.' },
    subscriptions: [{ id: 'd6195e39-d55d-4e32-9bc9-a07e34bc1d0f', product: 'exchangeOnlinePlan1Legacy', quantity: 15, status: 'suspended', daysAgo: 755 }],
  },
  {
    id: 'c22299f3-c0d8-41a8-808f-439b12fcc172',
    commerceId: 'beb306e0-2d3f-4d0a-83e5-d2adb1d6181f',
    companyName: 'Cascade Timberworks LLC',
    domainPrefix: 'cascadetimberworks',
    country: 'US',
    state: 'WA',
    city: 'Seattle',
    addressLine1: '1420 Fifth Avenue',
    addressLine2: 'Suite 2200',
    postalCode: '98101',
    firstName: 'Michael',
    lastName: 'Johnson',
    email: 'mjohnson@cascadetimberworks.com',
    phoneNumber: '+12064674400',
    culture: 'en-US',
    language: 'en',
    daysAgo: 1090,
    subscriptions: [
      { id: 'db737889-4ef8-441e-8b7b-400434e6ed29', product: 'm365BusinessPremium', quantity: 120, status: 'active', daysAgo: 1085 },
      { id: '41b10002-56cd-4f06-9fc1-fae242d1638d', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 900 },
      { id: '777f0c20-1be6-4d24-bab8-12ac82eb1ef6', product: 'reservedVm', quantity: 4, status: 'active', daysAgo: 365 },
    ],
  },
  {
    id: 'f9bc0b0e-03a2-468a-ad72-726069635522',
    commerceId: 'ea64dcc0-5bfb-47c1-9133-c4110494de7f',
    companyName: 'Lone Star Dental Group PLLC',
    domainPrefix: 'lonestardental',
    country: 'US',
    state: 'TX',
    city: 'Austin',
    addressLine1: '600 Congress Avenue',
    addressLine2: 'Floor 14',
    postalCode: '78701-3234',
    firstName: 'Sarah',
    lastName: 'Martinez',
    email: 'sarah.martinez@lonestardental.com',
    phoneNumber: '+15124768000',
    culture: 'en-US',
    language: 'en',
    daysAgo: 300,
    subscriptions: [
      { id: 'f7342579-9613-4987-a97d-f21a2aef5a74', product: 'office365E1Legacy', quantity: 22, status: 'active', daysAgo: 298 },
      { id: '8ee91461-5c0e-4299-8d24-0c677a39e741', product: 'teamsEssentials', quantity: 22, status: 'suspended', daysAgo: 150 },
    ],
  },
  {
    id: '4c35118b-b6cf-478d-88df-66b0cb3c5f6f',
    commerceId: '98ea0c1c-8ab9-4059-a31a-b5170c085dc2',
    companyName: 'Great Lakes Freight Inc',
    domainPrefix: 'greatlakesfreighttest',
    country: 'US',
    state: 'IL',
    city: 'Chicago',
    addressLine1: '233 South Wacker Drive',
    postalCode: '60606',
    firstName: 'David',
    lastName: 'Kowalski',
    email: 'dkowalski@greatlakesfreight.com',
    phoneNumber: '+13125581900',
    culture: 'en-US',
    language: 'en',
    daysAgo: 420,
    ended: {
      daysAgo: 400,
      by: 'lena.fischer@northwind-it.de',
      reason: 'duplicateOrTest',
      note: 'Test tenant created during onboarding.',
    },
    subscriptions: [],
  },
  {
    id: 'ee2a3bd1-d008-4479-a2a6-71613ad6db27',
    commerceId: '2d3e6021-3b62-407a-9b92-c6ff197d6ba1',
    companyName: 'Maple Leaf Robotics Inc.',
    domainPrefix: 'mapleleafrobotics',
    country: 'CA',
    state: 'ON',
    city: 'Toronto',
    addressLine1: '151 Front Street West',
    postalCode: 'M5J 2N1',
    firstName: 'Liam',
    lastName: 'Tremblay',
    email: 'liam.tremblay@mapleleafrobotics.ca',
    phoneNumber: '+14165973200',
    culture: 'en-CA',
    language: 'en',
    daysAgo: 610,
    subscriptions: [
      { id: 'a7a37c9c-aaca-4488-ad41-7660b7ed8a3f', product: 'm365BusinessStandard', quantity: 35, status: 'active', daysAgo: 605 },
      { id: '1c913f06-d92d-44dd-b222-8c3df2c36a35', product: 'azurePlan', quantity: 1, status: 'suspended', daysAgo: 580 },
    ],
  },
  {
    id: 'd20d58c0-cfcf-4437-8ae3-d8661e6691e2',
    commerceId: '4a53f57a-9e55-4e65-a8b6-4424db8b044c',
    companyName: '北京星辰科技有限公司',
    domainPrefix: 'xingchentech',
    country: 'CN',
    state: 'Beijing',
    city: '北京市',
    addressLine1: '海淀区中关村大街27号',
    postalCode: '100080',
    firstName: '伟',
    lastName: '王',
    email: 'wang.wei@xingchen-tech.cn',
    phoneNumber: '+861062785500',
    culture: 'zh-CN',
    language: 'zh',
    daysAgo: 800,
    subscriptions: [
      { id: 'c5ffe704-a0d9-4861-9ca2-ec261b9f74cd', product: 'office365E3Legacy', quantity: 150, status: 'active', daysAgo: 795 },
      { id: '04797713-7ace-49d9-8c24-28495b731406', product: 'exchangeOnlinePlan1', quantity: 40, status: 'active', daysAgo: 330 },
    ],
  },
  {
    id: 'd0a036bd-53eb-434f-9769-986f4e4f4d69',
    commerceId: '0716b9c0-7d70-45f0-a9a7-92e97c268339',
    companyName: '上海海韵贸易有限公司',
    domainPrefix: 'haiyuntrade',
    country: 'CN',
    state: 'Shanghai',
    city: '上海市',
    addressLine1: '浦东新区世纪大道100号',
    addressLine2: '25楼',
    postalCode: '200120',
    firstName: '娜',
    lastName: '李',
    email: 'li.na@haiyun-trade.com.cn',
    phoneNumber: '+862150461288',
    culture: 'zh-CN',
    language: 'zh',
    daysAgo: 350,
    subscriptions: [
      { id: 'c03fd87c-7082-4d7e-865c-ca314a2d9180', product: 'm365BusinessPremium', quantity: 28, status: 'active', daysAgo: 348 },
      { id: 'b4d30008-070d-4a90-bb77-04289b63ee23', product: 'windowsServer2022Standard', quantity: 2, status: 'active', daysAgo: 120 },
    ],
  },
  {
    id: '8f9a837a-e679-4ce3-b8e6-a7d5c38b647d',
    commerceId: 'fc9a5d4f-026c-42c9-9f0a-e930092b3fc4',
    companyName: '深圳云帆智能科技有限公司',
    domainPrefix: 'yunfanai',
    country: 'CN',
    state: 'Guangdong',
    city: '深圳市',
    addressLine1: '南山区科技园南区高新南一道6号',
    postalCode: '518057',
    firstName: '敏',
    lastName: '张',
    email: 'zhang.min@yunfan-ai.cn',
    phoneNumber: '+8675586701234',
    culture: 'zh-CN',
    language: 'zh',
    daysAgo: 150,
    subscriptions: [
      { id: '9e7772ab-eff7-45fe-abbb-d343b2573bbb', product: 'office365E1Legacy', quantity: 10, status: 'suspended', daysAgo: 148 },
      { id: 'a1a99b46-ca10-4568-9065-403e991971cf', product: 'exchangeOnlinePlan1', quantity: 4, status: 'deleted', daysAgo: 140 },
    ],
  },
  {
    id: 'd1f2aa68-1b9c-4ed6-9595-4bfd2a6cc8a3',
    commerceId: 'e807a991-0c07-4855-98d5-998a260693e1',
    companyName: 'ООО «Северный ветер»',
    domainPrefix: 'severnyveter',
    registrationNumber: '7707413527',
    country: 'RU',
    city: 'Москва',
    addressLine1: 'ул. Тверская, д. 7',
    postalCode: '125009',
    firstName: 'Ирина',
    lastName: 'Соколова',
    email: 'i.sokolova@severny-veter.ru',
    phoneNumber: '+74956293150',
    culture: 'ru-RU',
    language: 'ru',
    daysAgo: 900,
    subscriptions: [
      { id: '2c5d3172-d910-4a73-a43b-915312502ddb', product: 'office365E3Legacy', quantity: 40, status: 'active', daysAgo: 895 },
      { id: 'c7b270fe-8beb-41b3-aaf7-389de83f5364', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 600 },
    ],
  },
  {
    id: '678b95e3-70aa-4b2d-8494-4b25bfeb6d39',
    commerceId: 'b78d39f3-4619-4254-b6da-01c0b299c1a8',
    companyName: 'АО «Балтийская логистика»',
    domainPrefix: 'baltlogistika',
    registrationNumber: '7816039277',
    country: 'RU',
    city: 'Санкт-Петербург',
    addressLine1: 'Невский проспект, д. 28',
    postalCode: '191186',
    firstName: 'Алексей',
    lastName: 'Кузнецов',
    email: 'a.kuznetsov@baltlogistika.ru',
    phoneNumber: '+78123241570',
    culture: 'ru-RU',
    language: 'ru',
    daysAgo: 1020,
    ended: { daysAgo: 240, by: 'Tom Baker', reason: 'noLongerTransacting' },
    subscriptions: [
      { id: '2a0a220e-3954-4064-a3f5-fdc5e4da5f36', product: 'office365E1Legacy', quantity: 25, status: 'suspended', daysAgo: 1015 },
      { id: 'c073f474-afaf-4259-b0fe-7ef9b291ac7e', product: 'azurePlan', quantity: 1, status: 'suspended', daysAgo: 800 },
      { id: '57479fcc-6a5f-409b-945c-5801291cf004', product: 'reservedVm', quantity: 2, status: 'expired', daysAgo: 790 },
    ],
  },
  {
    id: '953b2437-33a8-42f3-87fe-37c3ac8705ae',
    commerceId: 'f8dde189-0374-4117-bc36-c021c5a43534',
    companyName: 'ООО «Уральские системы»',
    domainPrefix: 'uralsystems',
    registrationNumber: '6658041180',
    country: 'RU',
    city: 'Екатеринбург',
    addressLine1: 'ул. Малышева, д. 51',
    addressLine2: 'офис 1204',
    postalCode: '620014',
    firstName: 'Дмитрий',
    lastName: 'Волков',
    email: 'd.volkov@uralsystems.ru',
    phoneNumber: '+73432283400',
    culture: 'ru-RU',
    language: 'ru',
    daysAgo: 250,
    subscriptions: [
      { id: 'd870f755-ea6b-43de-9ccb-d5e28b4d0ffc', product: 'm365BusinessStandard', quantity: 20, status: 'active', daysAgo: 248 },
      { id: 'cca4c799-df9d-4981-ae8d-c9105227df51', product: 'businessCentralEssentials', quantity: 3, status: 'active', daysAgo: 90 },
    ],
  },
  {
    id: 'e8a9ea71-50e1-4ce5-9964-66b4b3d19485',
    commerceId: 'dd31d166-600e-4887-860a-d661813b9565',
    companyName: 'ТОО «Алатау Сервис»',
    domainPrefix: 'alatauservice',
    registrationNumber: '180840027617',
    country: 'KZ',
    city: 'Алматы',
    addressLine1: 'проспект Достык, 104',
    postalCode: '050051',
    firstName: 'Айгерим',
    lastName: 'Жумабаева',
    email: 'a.zhumabayeva@alatau-service.kz',
    phoneNumber: '+77272585140',
    culture: 'kk-KZ',
    language: 'kk',
    daysAgo: 400,
    subscriptions: [
      { id: '41fe8df7-3044-4d84-808f-36560a43faa1', product: 'm365BusinessPremium', quantity: 15, status: 'active', daysAgo: 395 },
      { id: '85744c1d-dd31-41de-8ef4-1d214ef718f3', product: 'azurePlan', quantity: 1, status: 'pending', daysAgo: 2 },
    ],
  },
  {
    id: '7df31754-fb4a-4e3f-b3b1-efdff8fad3bf',
    commerceId: 'c44a10c9-b13c-4f1f-80c6-6a97e2e5b9ae',
    companyName: '株式会社桜ソリューションズ',
    domainPrefix: 'sakurasolutions',
    country: 'JP',
    city: '千代田区',
    addressLine1: '丸の内1-9-1',
    postalCode: '100-0005',
    firstName: '健太',
    lastName: '佐藤',
    email: 'kenta.sato@sakura-solutions.co.jp',
    phoneNumber: '+81352181230',
    culture: 'ja-JP',
    language: 'ja',
    daysAgo: 700,
    subscriptions: [
      { id: '95e970a5-3156-4f23-bc48-7b3e5476644b', product: 'm365E3', quantity: 200, status: 'active', daysAgo: 695 },
      { id: '3148b2fc-2cc8-498b-b52d-72bd0613f836', product: 'azurePlan', quantity: 1, status: 'active', daysAgo: 650 },
      { id: 'c0a1882c-bf07-49aa-9f64-bbf337903c62', product: 'reservedVm', quantity: 6, status: 'active', daysAgo: 300 },
    ],
  },
  {
    id: 'c54b111d-ae6a-4b85-90b3-546be79448f2',
    commerceId: 'd548b4fa-e21e-4531-8390-debe5fb3dc0e',
    companyName: 'Soluções Digitais Ipiranga Ltda.',
    domainPrefix: 'solucoesipiranga',
    country: 'BR',
    state: 'SP',
    city: 'São Paulo',
    addressLine1: 'Avenida Paulista, 1578',
    addressLine2: 'Conjunto 81',
    postalCode: '01310-200',
    firstName: 'João',
    lastName: 'Pereira',
    email: 'joao.pereira@solucoesipiranga.com.br',
    phoneNumber: '+551132851200',
    culture: 'pt-BR',
    language: 'pt',
    daysAgo: 180,
    subscriptions: [{ id: 'cf506d05-2db4-4014-89bc-d87a7257b2f8', product: 'm365BusinessStandard', quantity: 25, status: 'active', daysAgo: 178 }],
  },
  {
    id: '55dbfcb1-1ab0-4083-8725-837d2ecfdc4b',
    commerceId: '5685c243-5716-4b2f-be7d-057e0de3fb2f',
    companyName: 'Van der Berg Installatietechniek B.V.',
    domainPrefix: 'vanderberginstallatie',
    country: 'NL',
    city: 'Utrecht',
    addressLine1: 'Oudegracht 120',
    postalCode: '3511 AX',
    firstName: 'Sanne',
    lastName: 'de Vries',
    email: 's.devries@vanderberg-installatie.nl',
    phoneNumber: '+31302311450',
    culture: 'nl-NL',
    language: 'nl',
    daysAgo: 620,
    subscriptions: [
      { id: 'a6c0791d-1f9c-4d02-a979-b4a8fdb9837c', product: 'office365E1Legacy', quantity: 12, status: 'suspended', daysAgo: 615 },
      { id: '44aa36a8-8f2a-4083-8efb-97f870d0cd6c', product: 'm365BusinessPremium', quantity: 12, status: 'deleted', daysAgo: 200 },
    ],
  },
  {
    id: '27280a89-8421-4035-9e06-779892000c14',
    commerceId: '21e85ada-3a53-4c0e-adc7-9654d4e43c39',
    companyName: 'Łódzka Drukarnia Cyfrowa Sp. z o.o.',
    domainPrefix: 'lodzkadrukarnia',
    country: 'PL',
    city: 'Łódź',
    addressLine1: 'ul. Piotrkowska 120',
    postalCode: '90-006',
    firstName: 'Katarzyna',
    lastName: 'Wójcik',
    email: 'k.wojcik@drukarnia-lodz.pl',
    phoneNumber: '+48426301450',
    culture: 'pl-PL',
    language: 'pl',
    daysAgo: 90,
    subscriptions: [
      { id: 'b7067d25-be7d-41f8-a940-920b43dd9eb3', product: 'm365BusinessPremium', quantity: 10, status: 'active', daysAgo: 88 },
      { id: 'de233fe8-e439-4a60-85fd-91d3562bc6c2', product: 'teamsEssentials', quantity: 4, status: 'pending', daysAgo: 0 },
    ],
  },
  {
    id: '6abf2d84-7219-4467-b313-0ab5dd608027',
    commerceId: '60401393-c4a0-4105-80fd-d4f2a4c5b058',
    companyName: 'Cerámica Levante S.L.',
    domainPrefix: 'ceramicalevante',
    country: 'ES',
    city: 'Valencia',
    addressLine1: 'Calle de Colón, 32',
    postalCode: '46004',
    firstName: 'Lucía',
    lastName: 'Fernández',
    email: 'lucia.fernandez@ceramicalevante.es',
    phoneNumber: '+34963512470',
    culture: 'es-ES',
    language: 'es',
    daysAgo: 7,
    subscriptions: [],
  },
];

/** A stable id for demo data: the same on every start, different per seed and purpose. */
function demoId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('/')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The customer's users: the admin account the customer was created with, its primary contact, and a helpdesk account. */
function demoUsers(seed: CustomerSeed, domain: string): CustomerUser[] {
  const contact = personName(seed.firstName, seed.lastName);
  return [
    { id: demoId(seed.id, 'admin'), userPrincipalName: `admin@${domain}`, displayName: contact, usageLocation: seed.country, licences: [] },
    { id: demoId(seed.id, 'contact'), userPrincipalName: `contact@${domain}`, displayName: contact, firstName: seed.firstName, lastName: seed.lastName, usageLocation: seed.country, licences: [] },
    { id: demoId(seed.id, 'helpdesk'), userPrincipalName: `helpdesk@${domain}`, displayName: 'Helpdesk', usageLocation: seed.country, licences: [] },
  ];
}

/** One subscribed SKU per active licence subscription, with about a third of its units still free. */
function demoSkus(seedId: string, subscriptions: readonly Subscription[]): SubscribedSku[] {
  return subscriptions
    .filter((s) => s.status === 'active' && (s.kind === 'legacyLicense' || s.kind === 'newCommerceLicense'))
    .map((s) => ({ skuId: demoId(seedId, 'sku', s.offerId), name: s.offerName, skuPartNumber: s.offerId.split(':')[0]!, totalUnits: s.quantity, consumedUnits: Math.floor((s.quantity * 2) / 3) }));
}

/** The instant `days` days before `now`, as demo records keep it (ISO 8601). */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

function toSubscription(seed: SubscriptionSeed, now: Date): Subscription {
  const product = PRODUCTS[seed.product];
  return {
    id: seed.id,
    offerId: product.offerId,
    offerName: product.offerName,
    kind: product.kind,
    quantity: seed.quantity,
    status: seed.status,
    createdAt: daysBefore(now, seed.daysAgo),
  };
}

/** Customers an indirect provider sells through its demo resellers (demoIndirect.ts): Fabrikam and Восток Софт. */
const DEMO_RESELLER_OF: Readonly<Record<string, string>> = {
  'Grünwald Holzbau GmbH': 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11',
  'Zürcher Präzisionsoptik AG': 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11',
  'Öko-Energie Schwarzwald GmbH': 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11',
  'ООО «Уральские системы»': 'b7d2f8a1-63c5-4d72-8e3f-7a2c1d0f5b22',
  'ТОО «Алатау Сервис»': 'b7d2f8a1-63c5-4d72-8e3f-7a2c1d0f5b22',
};

function toCustomer(seed: CustomerSeed, now: Date): Customer {
  const customer: Customer = {
    id: seed.id,
    commerceId: seed.commerceId,
    companyProfile: {
      tenantId: seed.id,
      domain: `${seed.domainPrefix}.onmicrosoft.com`,
      companyName: seed.companyName,
      ...(seed.registrationNumber === undefined ? {} : { organizationRegistrationNumber: seed.registrationNumber }),
    },
    billingProfile: {
      companyName: seed.companyName,
      firstName: seed.firstName,
      lastName: seed.lastName,
      email: seed.email,
      culture: seed.culture,
      language: seed.language,
      defaultAddress: {
        country: seed.country,
        ...(seed.state === undefined ? {} : { state: seed.state }),
        city: seed.city,
        addressLine1: seed.addressLine1,
        ...(seed.addressLine2 === undefined ? {} : { addressLine2: seed.addressLine2 }),
        postalCode: seed.postalCode,
        firstName: seed.firstName,
        lastName: seed.lastName,
        phoneNumber: seed.phoneNumber,
      },
    },
    relationshipToPartner: seed.ended === undefined ? 'reseller' : 'none',
    createdAt: daysBefore(now, seed.daysAgo),
    subscriptions: seed.subscriptions.map((subscription) => toSubscription(subscription, now)),
  };
  const reseller = DEMO_RESELLER_OF[seed.companyName];
  if (reseller) customer.associatedPartnerId = reseller;
  customer.users = demoUsers(seed, customer.companyProfile.domain);
  customer.subscribedSkus = demoSkus(seed.id, customer.subscriptions);
  if (seed.ended !== undefined) {
    customer.relationshipEnded = {
      at: daysBefore(now, seed.ended.daysAgo),
      by: seed.ended.by,
      reason: seed.ended.reason,
      ...(seed.ended.note === undefined ? {} : { note: seed.ended.note }),
    };
  }
  return customer;
}

/** About 25 fictitious customers; the same `now` always yields the same data. */
export function demoCustomers(now: Date): Customer[] {
  return SEEDS.map((seed) => toCustomer(seed, now));
}

/**
 * Seeds the demo customers once; returns whether it seeded.
 * Only ever called for the sandbox tenant: the caller guarantees that.
 */
export async function seedDemoData(directory: CustomerSeeding, sandboxTenantId: string, now: Date): Promise<boolean> {
  if (await directory.exists(sandboxTenantId)) return false;
  await directory.add(sandboxTenantId, demoCustomers(now));
  return true;
}
