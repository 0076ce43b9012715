package io.tandem.relay.room;

/** What a room holds in memory right now: for health, metrics, benchmarks and tests of the bounds. */
public record RoomStats(int connections, long keyframeBytes, long replayLogBytes, long largestOutboxBytes) {}
