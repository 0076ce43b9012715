package io.tandem.site;

/** A site origin to add, as the admin typed it: {@code scheme://host[:port]}. */
public record SiteOriginRequest(String origin) {}
