import { createHash } from 'node:crypto';
import {
  AuditChainFields,
  auditChainPayload,
} from '@lab2live/plugin-ml-catalog-common';

/** An audit entry's hash: SHA-256 (hex) of its canonical payload. */
export function auditEntryHash(fields: AuditChainFields): string {
  return createHash('sha256')
    .update(auditChainPayload(fields), 'utf8')
    .digest('hex');
}

/** The chain an entry joins: its model's, or `''` for entries about no single model. */
export function chainKey(model: string | null | undefined): string {
  return model ?? '';
}
