import { readFileSync } from 'node:fs';

export const read = () => readFileSync('/etc/passwd', 'utf8');
