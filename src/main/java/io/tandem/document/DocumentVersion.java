package io.tandem.document;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored version of a policy document with its document's metadata, as lists and views need it.
 *
 * @param sessionId the session a customer-specific document was uploaded for, or null for the library
 * @param pages the page count of a PDF, null for HTML
 */
public record DocumentVersion(UUID id, UUID documentId, String title, String productLine, UUID sessionId, int number,
        String versionLabel, String language, DocumentKind kind, int sizeBytes, byte[] sha256, Integer pages,
        UUID uploadedBy, Instant createdAt) {}
