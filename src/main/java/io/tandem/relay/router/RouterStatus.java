package io.tandem.relay.router;

/**
 * How the relay routes, as the relay-bridge health check reports it.
 *
 * @param multiNode whether rooms are claimed in Redis (the bridge is on)
 * @param node this node's name in Redis; null on a single node
 * @param connected whether Redis is reachable (always true on a single node)
 * @param crossNodeSessions sessions with a participant here and their room elsewhere, or the other way round
 * @param lastFailure the last Redis failure, or null
 */
public record RouterStatus(boolean multiNode, String node, boolean connected, int crossNodeSessions,
        String lastFailure) {

    static final RouterStatus SINGLE_NODE = new RouterStatus(false, null, true, 0, null);
}
