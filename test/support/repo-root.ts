import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const VENDORS = ['edesk', 'malomo', 'roserocket'] as const;
export type Vendor = (typeof VENDORS)[number];
