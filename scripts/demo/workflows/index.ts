import type { Workflow } from '../workflow-types.ts';
import { edeskTriage } from './edesk-triage.ts';
import { malomoLostPackage } from './malomo-lost-package.ts';
import { roseRocketAccessAudit } from './roserocket-access-audit.ts';
import { roseRocketDelay } from './roserocket-delay.ts';

/** In the order the demo runs them; workflows of one vendor share one simulator and one server. */
export const WORKFLOWS: readonly Workflow[] = [roseRocketDelay, roseRocketAccessAudit, malomoLostPackage, edeskTriage];
