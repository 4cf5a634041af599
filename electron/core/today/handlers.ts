import type { EnvironmentId } from '../../../shared/domain/environment';
import type { Handlers } from '../ipc-dispatch';
import type { TodaySummaryService } from './today-summary';

/** The Today screen: its numbers for the environment the station works in. */
export function todayHandlers({ today, activeEnvironment }: { today: TodaySummaryService; activeEnvironment: () => EnvironmentId }) {
  return {
    'today:summary': async () => today.summary(activeEnvironment()),
  } satisfies Partial<Handlers>;
}
