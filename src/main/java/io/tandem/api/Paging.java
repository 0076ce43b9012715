package io.tandem.api;

/**
 * Validated page coordinates from query parameters. They arrive as text: a value that is not a whole number (or one too
 * large for one) is a 400 naming the parameter, not JAX-RS' 404 for a query parameter it could not convert.
 */
public record Paging(int page, int size) {

    public static Paging of(String page, String size, int maxSize) {
        int p = page == null || page.isEmpty() ? 0 : number(page, "page: must be a whole number, 0 or more");
        int s = size == null || size.isEmpty()
                ? 20
                : number(size, "size: must be a whole number between 1 and " + maxSize);
        if (p < 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "page: must be 0 or more");
        }
        if (s < 1 || s > maxSize) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "size: must be between 1 and " + maxSize);
        }
        return new Paging(p, s);
    }

    private static int number(String value, String problem) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, problem);
        }
    }
}
