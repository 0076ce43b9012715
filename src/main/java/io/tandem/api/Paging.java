package io.tandem.api;

/** Validated page coordinates from query parameters. */
public record Paging(int page, int size) {

    public static Paging of(Integer page, Integer size, int maxSize) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "page: must be 0 or more");
        }
        if (s < 1 || s > maxSize) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "size: must be between 1 and " + maxSize);
        }
        return new Paging(p, s);
    }
}
