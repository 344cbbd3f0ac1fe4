/**
 * The test Partner Center (and Bot Framework token service) in a process of
 * its own for the instances benchmark, so its work is not counted as the load
 * generator's: the demo customers plus filler for one partner, the benchmark's
 * users signed in. Tells its URL over IPC; exits when the parent goes.
 */
import { PartnerCenterServer } from '../../test/support/partnerCenterServer.js';
import { seedPartnerCenter } from '../../test/support/partnerCenterData.js';

const [partner = 'bench-partner', users = '0', filler = '0'] = process.argv.slice(2);
const server = await new PartnerCenterServer().start();
seedPartnerCenter(server, partner, Number(filler));
for (const user of Array.from({ length: Number(users) }, (_, i) => i).concat([1000, 1001, 1002, 1003])) server.tokens.signIn(`bench-user-${user}`, partner);
process.on('message', (message) => {
  // The parent asks how many calls were made (to report calls per turn); `calls` keeps every call, so only the count goes back.
  if (message === 'calls') process.send?.({ calls: server.calls.length });
});
process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
process.send?.({ url: server.url });
