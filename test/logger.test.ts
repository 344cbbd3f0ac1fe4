import { createLogger } from '../src/logger.js';

/** A pino destination that keeps every written line. */
function collector() {
  const lines: string[] = [];
  return {
    lines,
    stream: {
      write(line: string) {
        lines.push(line);
      },
    },
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const REDACTED = '[redacted]';

describe('createLogger redaction', () => {
  const cases: Array<[name: string, fields: Record<string, unknown>, secret: string, at: string[]]> = [
    ['password', { password: 'hunter2-top-secret' }, 'hunter2-top-secret', ['password']],
    ['nested password', { config: { db: { password: 'pw-deep-7781' } } }, 'pw-deep-7781', ['config', 'db', 'password']],
    ['MicrosoftAppPassword', { MicrosoftAppPassword: 'app-pass-XYZ-123' }, 'app-pass-XYZ-123', ['MicrosoftAppPassword']],
    ['MicrosoftAppPassword in config', { config: { MicrosoftAppPassword: 'app-pass-in-config' } }, 'app-pass-in-config', ['config', 'MicrosoftAppPassword']],
    ['token', { token: 'tok-top-level-001' }, 'tok-top-level-001', ['token']],
    ['nested token', { auth: { token: 'tok-nested-002' } }, 'tok-nested-002', ['auth', 'token']],
    ['doubly nested token', { client: { credentials: { token: 'tok-deep-003' } } }, 'tok-deep-003', ['client', 'credentials', 'token']],
    ['headers.authorization', { headers: { authorization: 'Bearer eyJ-header-secret' } }, 'Bearer eyJ-header-secret', ['headers', 'authorization']],
    ['req.headers.authorization', { req: { headers: { authorization: 'Bearer eyJ-req-secret' } } }, 'Bearer eyJ-req-secret', ['req', 'headers', 'authorization']],
    ['email', { email: 'anna.schmidt@contoso.example' }, 'anna.schmidt@contoso.example', ['email']],
    ['nested email', { customer: { billingProfile: { email: 'billing@fabrikam.example' } } }, 'billing@fabrikam.example', ['customer', 'billingProfile', 'email']],
    ['phoneNumber', { phoneNumber: '+49 30 5550123' }, '+49 30 5550123', ['phoneNumber']],
    ['nested phoneNumber', { contact: { phoneNumber: '+7 495 5550199' } }, '+7 495 5550199', ['contact', 'phoneNumber']],
    ['firstName', { firstName: 'Annegret' }, 'Annegret', ['firstName']],
    ['nested lastName', { user: { lastName: 'Zhukovskaya' } }, 'Zhukovskaya', ['user', 'lastName']],
    ['text', { text: 'please delete customer Contoso' }, 'please delete customer Contoso', ['text']],
    ['activity text', { activity: { text: 'my private chat message' } }, 'my private chat message', ['activity', 'text']],
    ['a whole customer: contact name', { customer: { billingProfile: { firstName: 'Wei' } } }, 'Wei', ['customer', 'billingProfile', 'firstName']],
    [
      'a whole customer: address phone, four levels down',
      { customer: { billingProfile: { defaultAddress: { phoneNumber: '+86 10 5550 1234' } } } },
      '+86 10 5550 1234',
      ['customer', 'billingProfile', 'defaultAddress', 'phoneNumber'],
    ],
  ];

  test.each(cases)('%s is censored', (_name, fields, secret, at) => {
    const out = collector();
    const logger = createLogger('info', out.stream);
    logger.info({ conversationId: 'conv-visible-42', ...fields }, 'something happened');

    expect(out.lines).toHaveLength(1);
    const raw = out.lines[0]!;
    expect(raw).not.toContain(secret);
    expect(raw).toContain(REDACTED);

    let value: unknown = JSON.parse(raw);
    for (const segment of at) value = (value as Record<string, unknown>)[segment];
    expect(value).toBe(REDACTED);

    const record = out.records()[0]!;
    expect(record['conversationId']).toBe('conv-visible-42');
    expect(record['msg']).toBe('something happened');
  });

  test('one record with every kind of secret keeps only harmless fields readable', () => {
    const out = collector();
    const logger = createLogger('info', out.stream);
    const secrets = ['s3cr3t-pw', 'app-secret-9', 'tok-abc', 'Bearer xyz.789', 'ceo@contoso.example', '+1 425 555 0100', 'Satya', 'hello bot, my PIN is 1234'];
    logger.warn(
      {
        conversationId: '19:conv-harmless@thread.v2',
        activityType: 'message',
        password: secrets[0],
        MicrosoftAppPassword: secrets[1],
        session: { token: secrets[2] },
        headers: { authorization: secrets[3] },
        email: secrets[4],
        phoneNumber: secrets[5],
        firstName: secrets[6],
        text: secrets[7],
      },
      'turn failed',
    );

    const raw = out.lines.join('');
    for (const secret of secrets) expect(raw).not.toContain(secret as string);
    const record = out.records()[0]!;
    expect(record).toMatchObject({
      level: 40,
      app: 'customer-accounts-bot',
      conversationId: '19:conv-harmless@thread.v2',
      activityType: 'message',
      password: REDACTED,
      MicrosoftAppPassword: REDACTED,
      session: { token: REDACTED },
      headers: { authorization: REDACTED },
      email: REDACTED,
      phoneNumber: REDACTED,
      firstName: REDACTED,
      text: REDACTED,
      msg: 'turn failed',
    });
  });

  test('redaction also applies to child logger bindings', () => {
    const out = collector();
    const child = createLogger('info', out.stream).child({ token: 'child-binding-token' });
    child.info({ tenant: 'tenant-1' }, 'child says hi');
    expect(out.lines.join('')).not.toContain('child-binding-token');
    expect(out.records()[0]).toMatchObject({ tenant: 'tenant-1' });
  });
});

describe('createLogger levels', () => {
  test('at info, debug is not written but info and above are', () => {
    const out = collector();
    const logger = createLogger('info', out.stream);
    logger.debug({ step: 'debug-step' }, 'debug message');
    logger.trace('trace message');
    logger.info({ step: 'info-step' }, 'info message');
    logger.error('error message');

    expect(out.records().map((record) => record['msg'])).toEqual(['info message', 'error message']);
    expect(out.lines.join('')).not.toContain('debug-step');
  });

  test('at debug, debug is written', () => {
    const out = collector();
    const logger = createLogger('debug', out.stream);
    logger.debug('debug message');
    expect(out.records().map((record) => record['msg'])).toEqual(['debug message']);
  });

  test('silent writes nothing', () => {
    const out = collector();
    const logger = createLogger('silent', out.stream);
    logger.fatal('fatal message');
    logger.error('error message');
    expect(out.lines).toEqual([]);
  });
});
