package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Greyed rows (containers that are not running) stay readable: their text has a contrast of at least 3:1 against
 * the page, in the light and the dark scheme, computed as WCAG 2 does from the colours the style sheets give.
 */
class GreyedRowsContrastTest {

    private static final double MINIMUM = 3.0;

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void greyedRowsHaveAtLeastThreeToOneInBothSchemes(int scheme) throws IOException {
        String gantry = Files.readString(Path.of("frontend/themes/gantry/styles.css"));
        assertThat(gantry).containsPattern(
                "vaadin-grid::part\\(inactive\\)\\s*\\{\\s*color:\\s*var\\(--gantry-inactive-text-color\\)");
        String text = lightDark(gantry, "--gantry-inactive-text-color")[scheme];
        String background = lightDark(lumo(), "--lumo-base-color")[scheme];

        assertThat(contrast(rgb(text), rgb(background))).as("%s on %s", text, background)
                .isGreaterThanOrEqualTo(MINIMUM);
    }

    private static String lumo() throws IOException {
        try (InputStream in = GreyedRowsContrastTest.class.getResourceAsStream("/META-INF/resources/lumo/lumo.css")) {
            assertThat(in).as("Lumo's style sheet on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The light and dark values of a custom property written as {@code light-dark(a, b)}. */
    private static String[] lightDark(String css, String property) {
        Matcher m = Pattern.compile(Pattern.quote(property) + "\\s*:\\s*light-dark\\(\\s*(#[0-9a-fA-F]{3,6}|rgb\\([^)]*\\))"
                + "\\s*,\\s*(#[0-9a-fA-F]{3,6}|rgb\\([^)]*\\))\\s*\\)").matcher(css);
        assertThat(m.find()).as(property).isTrue();
        return new String[] {m.group(1), m.group(2)};
    }

    private static double[] rgb(String colour) {
        if (colour.startsWith("#")) {
            String hex = colour.substring(1);
            if (hex.length() == 3) {
                hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
            }
            int value = Integer.parseInt(hex, 16);
            return new double[] {value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff};
        }
        String[] parts = colour.replaceAll("rgb\\(|\\)", "").split(",");
        return new double[] {Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()),
                Double.parseDouble(parts[2].strip())};
    }

    private static double contrast(double[] a, double[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(double[] rgb) {
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = rgb[i] / 255;
            linear[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }
}
