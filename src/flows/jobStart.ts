import type { JobRunner, JobSpec } from '../jobs/jobRunner.js';
import { done, type Step } from './flow.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './requestContext.js';

/** Starts a bulk job from a flow's last card: its progress card takes that card's place, and the flow ends (the job goes on by itself). */
export async function startJob<S>(ctx: RequestContext, reply: Reply, jobs: JobRunner, spec: JobSpec): Promise<Step<S>> {
  const progress = await jobs.start(ctx, spec);
  if (progress) reply.card(progress.template, progress.data, { placement: 'replace' });
  else reply.notice(ctx.locale.t('jobs.noConversation'), { style: 'warning', showMenu: true });
  return done();
}
