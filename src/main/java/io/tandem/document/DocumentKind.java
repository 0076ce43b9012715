package io.tandem.document;

/** The two kinds of policy document, and the one content type each is always served with. */
public enum DocumentKind {
    PDF("application/pdf"),
    HTML("text/html");

    private final String mediaType;

    DocumentKind(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static DocumentKind of(String mediaType) {
        return mediaType.equals(PDF.mediaType) ? PDF : HTML;
    }
}
