import type { Handlers } from '../ipc-dispatch';
import type { Operators } from './operators';

/** Sign-in at a station, the operators of the workgroup and the audit trail (issue 18 item 5). */
export function operatorHandlers({ operators }: { operators: Operators }) {
  return {
    'operators:session': () => operators.session(),
    'operators:signIn': ({ name, pin }) => operators.signIn({ name, pin }),
    'operators:signOut': () => operators.signOut(),
    'operators:list': () => operators.list(),
    'operators:add': (input) => operators.add(input),
    'operators:update': (input) => operators.update(input),
    'audit:search': (query) => operators.search(query),
  } satisfies Partial<Handlers>;
}
