import { join } from 'node:path';

export const where = join('a', 'b');
