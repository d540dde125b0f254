import { STATUS_CODES } from 'node:http';
import type { ValidationIssue } from './types.ts';

/** Everything a vendor's error body can be built from. */
export type SimError = {
  status: number;
  /** Short human sentence; for validation failures the issues carry the detail. */
  message: string;
  issues?: ValidationIssue[];
};

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
