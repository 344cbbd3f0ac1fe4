import { ConfigError, isAnonymous, loadConfig, partnerCenterApiUrl } from '../src/config.js';

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('loadConfig', () => {
  it('has working defaults for a local run with no credentials', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', LOG_LEVEL: 'info', SEED_DEMO_DATA: true });
    expect(config.DEFAULT_LOCALE).toBeUndefined();
    expect(isAnonymous(config)).toBe(true);
  });

  it('treats empty values (as in a copied .env.example) as not set', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '', MicrosoftAppPassword: '  ', DEFAULT_LOCALE: '' })).toMatchObject({ PORT: 3978 });
  });

  it('works on the embedded backend by default; Partner Center\'s address follows the cloud unless given', () => {
    expect(loadConfig({}).CUSTOMER_BACKEND).toBe('local');
    const pc = (env: Record<string, string>) => partnerCenterApiUrl(loadConfig({ CUSTOMER_BACKEND: 'partnercenter', PARTNER_CENTER_CONNECTION: 'PartnerCenter', ...env }));
    expect(pc({})).toBe('https://api.partnercenter.microsoft.com');
    expect(pc({ PARTNER_CLOUD: 'china' })).toBe('https://partner.partnercenterapi.microsoftonline.cn');
    expect(pc({ PARTNER_CENTER_API_URL: 'https://pc.example/v1/' })).toBe('https://pc.example');
  });

  it('reads a full Bot Framework registration', () => {
    const config = loadConfig({ MicrosoftAppId: GUID, MicrosoftAppPassword: 's3cret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: GUID, PORT: '8080', SEED_DEMO_DATA: 'false', DEFAULT_LOCALE: 'de' });
    expect(config).toMatchObject({ PORT: 8080, SEED_DEMO_DATA: false, DEFAULT_LOCALE: 'de', MicrosoftAppType: 'SingleTenant' });
    expect(isAnonymous(config)).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ SEED_DEMO_DATA: 'maybe' }, 'SEED_DEMO_DATA'],
    [{ MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'x' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: GUID }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppPassword: 'x' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: GUID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppType: 'Public' }, 'MicrosoftAppType'],
    [{ CUSTOMER_BACKEND: 'partnercenter' }, 'PARTNER_CENTER_CONNECTION'],
    [{ CUSTOMER_BACKEND: 'dynamics' }, 'CUSTOMER_BACKEND'],
    [{ PARTNER_CENTER_API_URL: 'ftp://pc.example' }, 'PARTNER_CENTER_API_URL'],
    [{ OAuthApiEndpoint: 'token service' }, 'OAuthApiEndpoint'],
  ])('rejects %p, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^\\s+- ${variable}: `, 'm'));
  });

  it('keeps bot state in files by default; Redis needs REDIS_URL, and with app credentials a shared EXPORT_LINK_SECRET', () => {
    expect(loadConfig({}).STATE_STORE).toBe('local');
    expect(loadConfig({ STATE_STORE: 'redis', REDIS_URL: 'redis://localhost:6379' })).toMatchObject({ STATE_STORE: 'redis', REDIS_URL: 'redis://localhost:6379' });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ STATE_STORE: 'redis' })).toEqual([expect.stringMatching(/^REDIS_URL: is required when STATE_STORE is redis/)]);
    expect(problems({ STATE_STORE: 'redis', REDIS_URL: 'http://localhost:6379' })).toEqual([expect.stringMatching(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/)]);
    const registered = { MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'x', STATE_STORE: 'redis', REDIS_URL: 'rediss://cache.example:6380' };
    expect(problems(registered)).toEqual([expect.stringMatching(/^EXPORT_LINK_SECRET: is required when STATE_STORE is redis and app credentials are set/)]);
    expect(problems({ ...registered, EXPORT_LINK_SECRET: 'a'.repeat(32) })).toEqual([]);
  });

  it('never echoes a secret in its message', () => {
    try {
      loadConfig({ MicrosoftAppId: 'bad', MicrosoftAppPassword: 'hunter2-very-secret' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
