package io.tandem.settings;

/**
 * WCAG 2 contrast for the primary colour: the text put on it is white when that reaches AA (4.5:1 for normal text),
 * otherwise a dark ink, otherwise black (black reaches at least 4.58:1 on any colour where white does not).
 */
public final class BrandingColours {

    static final String WHITE = "#ffffff";
    static final String INK = "#111827";
    static final String BLACK = "#000000";
    /** WCAG AA for normal text. */
    static final double AA = 4.5;

    private BrandingColours() {}

    /** The text colour for a background colour #rrggbb. */
    public static String textOn(String colour) {
        double bg = luminance(colour);
        if (contrast(bg, luminance(WHITE)) >= AA) {
            return WHITE;
        }
        return contrast(bg, luminance(INK)) >= AA ? INK : BLACK;
    }

    /** The contrast ratio of two colours #rrggbb (1 to 21). */
    public static double contrast(String a, String b) {
        return contrast(luminance(a), luminance(b));
    }

    private static double contrast(double a, double b) {
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** Relative luminance (WCAG 2) of #rrggbb. */
    static double luminance(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
