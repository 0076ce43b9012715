package io.tandem.document;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import java.util.UUID;

/**
 * What an upload says about itself (query parameters): title and product line for a new document, version label and
 * language for every version, and optionally the session a customer-specific document is for.
 */
public record DocumentMetadata(String title, String productLine, String versionLabel, String language,
        UUID sessionId) {

    /** Checks the fields a new document needs; 400 naming the first that is missing or too long. */
    public DocumentMetadata forNewDocument() {
        require("title", title, 200);
        require("productLine", productLine, 100);
        return forNewVersion();
    }

    public DocumentMetadata forNewVersion() {
        require("version", versionLabel, 50);
        require("language", language, 16);
        if (!language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "language: must be a language tag such as en or de-CH");
        }
        return this;
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + ": must not be blank");
        }
        if (value.length() > max) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + ": at most " + max + " characters");
        }
    }
}
