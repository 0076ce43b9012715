package io.tandem.site;

import io.tandem.signaling.WebSocketOrigins;

/** The origins allowed to open WebSockets changed (an admin added or removed a site, here or on another node). */
public record SiteOriginsChanged(WebSocketOrigins webSockets) {}
