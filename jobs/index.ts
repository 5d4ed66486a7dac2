import type { JobDefinition } from './define-job';
import { dailySummary } from './daily-summary';
import { overdue } from './overdue';
import { phaseMove } from './phase-move';
import { releaseDue } from './release-due';
import { reportDeadline } from './report-deadline';
import { resultTimeout } from './result-timeout';
import { retention } from './retention';
import { tempDue } from './temp-due';
import { testDue } from './test-due';
import { supervisionReportJob } from './supervision-report';
import { teamList } from './team-list';
import { rollcallDue, visitDue } from './team-work-due';

/** Every scheduled job; their times are in the policy file (`schedule:`). */
export const jobs: readonly JobDefinition[] = [phaseMove, testDue, tempDue, visitDue, rollcallDue, teamList, overdue, resultTimeout, reportDeadline, releaseDue, dailySummary, supervisionReportJob, retention];
