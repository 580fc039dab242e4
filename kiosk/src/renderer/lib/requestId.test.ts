import { describe, expect, it } from 'vitest';
import { issueTicketSchema } from '@hall/shared/contracts/schemas';
import { newRequestId } from './requestId';

describe('newRequestId', () => {
  it('gives 32 hex characters the server accepts, different every time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRequestId()));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(issueTicketSchema.safeParse({ requestId: id, serviceId: 1 }).success).toBe(true);
    }
  });
});
