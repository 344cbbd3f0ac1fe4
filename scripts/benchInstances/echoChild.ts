/** One echo-floor instance in a process of its own on the given port (the instances benchmark's floor); exits when the parent goes. */
import { createEchoBot } from '../benchTurns/echoBot.js';

const server = createEchoBot();
const port = await server.listen(Number(process.argv[2] ?? 0), '127.0.0.1');
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
process.send?.({ port });
