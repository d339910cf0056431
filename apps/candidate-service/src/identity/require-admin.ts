import { DomainError } from '../errors/domain-error';
import type { Viewer } from './viewer';

/** Organization settings that only an admin (JWT `role: admin`) may change; an API key never is one. */
export function requireAdmin(viewer: Viewer): void {
  if (viewer.user.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin of the organization may do this');
}
