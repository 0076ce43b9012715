package io.tandem.api;

/**
 * A kind of request whose body has a bound of its own (a document or logo upload), which the JSON body limit lets
 * through. Features declare theirs as beans, so the API edge depends on none of them.
 */
public interface BoundedUpload {

    /** Whether a request with this method and path is such an upload. */
    boolean matches(String method, String path);
}
