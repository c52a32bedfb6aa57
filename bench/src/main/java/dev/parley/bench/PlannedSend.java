package dev.parley.bench;

/** One sendMessage a workload makes: who sends, and into which conversation. */
record PlannedSend(ChatRoom room, Device sender) {
}
