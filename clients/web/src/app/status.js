// A message's tick state as its sender sees it: pending (in the outbox), sent (stored, ✓),
// delivered (every other member's device got it, ✓✓), read (every other member read it, blue ✓✓).

import { RECEIPTS_MAX_MEMBERS } from '../protocol/limits.js';

/**
 * @param {{members?: string[], receipts: Record<string, {readSeq: number, deliveredSeq: number}>,
 *          summary: {memberCount: number, tier?: string}} | undefined} conversation
 * @param {{seq?: number}} message
 * @param {string} me
 * @returns {'pending' | 'sent' | 'delivered' | 'read'}
 */
export function messageStatus(conversation, message, me) {
  if (!message.seq) return 'pending';
  if (!conversation || !hasReceipts(conversation.summary)) return 'sent';
  const others = (conversation.members ?? []).filter((id) => id !== me);
  if (others.length === 0) return 'sent';
  const cursor = (id, key) => conversation.receipts?.[id]?.[key] ?? 0;
  if (others.every((id) => cursor(id, 'readSeq') >= message.seq)) return 'read';
  if (others.every((id) => Math.max(cursor(id, 'deliveredSeq'), cursor(id, 'readSeq')) >= message.seq)) return 'delivered';
  return 'sent';
}

/**
 * Whether the server keeps per-member receipts for the conversation (docs/protocol.md "Tiers"): not in a
 * large one (it has aggregated counts instead: read-counts.js), nor in one of more than 16 members.
 * @param {{memberCount: number, tier?: string}} summary
 */
export function hasReceipts(summary) {
  return summary.tier !== 'large' && summary.memberCount <= RECEIPTS_MAX_MEMBERS;
}
