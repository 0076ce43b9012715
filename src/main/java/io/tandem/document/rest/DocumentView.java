package io.tandem.document.rest;

import io.tandem.document.DocumentVersion;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** A document version as the API shows it; `sha256` in hex. */
public record DocumentView(UUID id, UUID documentId, String title, String productLine, UUID sessionId, int number,
        String version, String language, String contentType, int size, String sha256, Integer pages,
        Instant createdAt) {

    public static DocumentView of(DocumentVersion v) {
        return new DocumentView(v.id(), v.documentId(), v.title(), v.productLine(), v.sessionId(), v.number(),
                v.versionLabel(), v.language(), v.kind().mediaType(), v.sizeBytes(),
                HexFormat.of().formatHex(v.sha256()), v.pages(), v.createdAt());
    }
}
