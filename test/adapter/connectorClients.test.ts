import type { Activity } from 'botbuilder';
import { ReusingBotFrameworkAuthentication } from '../../src/connectorClients.js';

const activity = (serviceUrl: string): Activity =>
  ({ type: 'message', id: 'a1', channelId: 'emulator', serviceUrl, from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } }) as Activity;

/** What CloudAdapter does at the start of every turn: authenticate, then ask the factory for a connector client. */
async function clientFor(auth: ReusingBotFrameworkAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

/** Where a client sends activities (a protected field of the generated client). */
const baseUriOf = (client: object): unknown => (client as { baseUri?: unknown }).baseUri;

describe('ReusingBotFrameworkAuthentication', () => {
  it('gives every turn to the same service URL the same connector client, and other URLs their own', async () => {
    const auth = new ReusingBotFrameworkAuthentication({}, 15_000);
    const first = await clientFor(auth, 'https://smba.trafficmanager.net/emea/');
    const second = await clientFor(auth, 'https://smba.trafficmanager.net/emea/');
    const other = await clientFor(auth, 'https://smba.trafficmanager.net/amer/');
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect(baseUriOf(first)).toBe('https://smba.trafficmanager.net/emea/');
    expect(baseUriOf(other)).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('keeps at most 64 clients, so forged service URLs cannot grow memory; the oldest is built again when needed', async () => {
    const auth = new ReusingBotFrameworkAuthentication({}, 15_000);
    const first = await clientFor(auth, 'http://127.0.0.1:1/0');
    for (let i = 1; i <= 64; i++) await clientFor(auth, `http://127.0.0.1:1/${i}`);
    const again = await clientFor(auth, 'http://127.0.0.1:1/0');
    expect(again).not.toBe(first);
    expect(baseUriOf(again)).toBe('http://127.0.0.1:1/0');
    // The most recently used stay.
    expect(await clientFor(auth, 'http://127.0.0.1:1/64')).toBe(await clientFor(auth, 'http://127.0.0.1:1/64'));
  });

  it('reuses the user token client per app', async () => {
    const auth = new ReusingBotFrameworkAuthentication({}, 15_000);
    const { claimsIdentity } = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(await auth.createUserTokenClient(claimsIdentity));
  });
});
