// A message's tick state as its sender sees it: pending (in the outbox), sent (stored, ✓),
// delivered (every other member's device got it, ✓✓), read (every other member read it, blue ✓✓).

import { RECEIPTS_MAX_MEMBERS } from '../protocol/limits.js';

/**
 * @param {{members?: string[], receipts: Record<string, {readSeq: number, deliveredSeq: number}>,
 *          summary: {memberCount: number}} | undefined} conversation
 * @param {{seq?: number}} message
 * @param {string} me
 * @returns {'pending' | 'sent' | 'delivered' | 'read'}
 */
export function messageStatus(conversation, message, me) {
  if (!message.seq) return 'pending';
  if (!conversation || conversation.summary.memberCount > RECEIPTS_MAX_MEMBERS) return 'sent'; // no receipts there
  const others = (conversation.members ?? []).filter((id) => id !== me);
  if (others.length === 0) return 'sent';
  const cursor = (id, key) => conversation.receipts?.[id]?.[key] ?? 0;
  if (others.every((id) => cursor(id, 'readSeq') >= message.seq)) return 'read';
  if (others.every((id) => Math.max(cursor(id, 'deliveredSeq'), cursor(id, 'readSeq')) >= message.seq)) return 'delivered';
  return 'sent';
}
