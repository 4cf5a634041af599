import type { Handlers } from '../ipc-dispatch';
import type { Workgroup } from './workgroup';

/** Settings → Workgroup's channels and the banner's status. */
export function workgroupHandlers({ workgroup }: { workgroup: Workgroup }) {
  return {
    'workgroup:get': () => workgroup.view(),
    'workgroup:test': ({ connection, password }) => workgroup.test({ connection, password }),
    'workgroup:save': ({ settings, password }) => workgroup.save({ settings, password }),
    'workgroup:leave': () => workgroup.leave(),
    'workgroup:chooseCaFile': () => workgroup.chooseCaFile(),
    'workgroup:status': async () => workgroup.status(),
  } satisfies Partial<Handlers>;
}
