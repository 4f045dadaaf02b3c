package io.gantry.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JupyterOriginCheckTest {

    private static final URI GANTRY = URI.create("https://gantry.example.com:443");

    @Nested
    class BrowsersWithFetchMetadata {

        @Test
        void allowRequestsFromGantrysOwnPages() {
            assertThat(JupyterOriginCheck.allows("POST", GANTRY, "https://gantry.example.com", "same-origin", "cors"))
                    .isTrue();
        }

        @Test
        void allowAddressesTypedOrBookmarked() {
            assertThat(JupyterOriginCheck.allows("GET", GANTRY, null, "none", "navigate")).isTrue();
        }

        @Test
        void allowFollowingALinkFromAnotherSite() {
            assertThat(JupyterOriginCheck.allows("GET", GANTRY, null, "cross-site", "navigate")).isTrue();
        }

        @Test
        void refuseWhatAnotherSiteLoadsOrSends() {
            assertThat(JupyterOriginCheck.allows("GET", GANTRY, null, "cross-site", "no-cors")).isFalse();
            assertThat(JupyterOriginCheck.allows("POST", GANTRY, "https://evil.example", "cross-site", "navigate"))
                    .isFalse();
            assertThat(JupyterOriginCheck.allows("PUT", GANTRY, "https://evil.example", "cross-site", "cors"))
                    .isFalse();
        }

        @Test
        void refuseOtherOriginsOfTheSameSite() {
            assertThat(JupyterOriginCheck.allows("GET", GANTRY, "https://other.example.com", "same-site", "cors"))
                    .isFalse();
        }
    }

    @Nested
    class BrowsersWithoutFetchMetadata {

        @Test
        void refuseChangesFromAnotherOrigin() {
            assertThat(JupyterOriginCheck.allows("POST", GANTRY, "https://evil.example", null, null)).isFalse();
            assertThat(JupyterOriginCheck.allows("DELETE", GANTRY, "http://gantry.example.com", null, null))
                    .as("another scheme is another origin").isFalse();
            assertThat(JupyterOriginCheck.allows("PATCH", GANTRY, "https://gantry.example.com:8443", null, null))
                    .as("another port is another origin").isFalse();
        }

        @Test
        void refuseChangesFromAnOpaqueOrigin() {
            assertThat(JupyterOriginCheck.allows("POST", GANTRY, "null", null, null)).isFalse();
        }

        @Test
        void allowChangesFromGantryItselfWithOrWithoutTheDefaultPort() {
            assertThat(JupyterOriginCheck.allows("POST", GANTRY, "https://gantry.example.com", null, null)).isTrue();
            assertThat(JupyterOriginCheck.allows("post", GANTRY, "https://GANTRY.example.com:443", null, null))
                    .isTrue();
        }

        @Test
        void allowReadsWhateverTheOrigin() {
            assertThat(JupyterOriginCheck.allows("GET", GANTRY, "https://evil.example", null, null)).isTrue();
        }
    }

    @Test
    void allowsScriptsThatSendNoBrowserHeaders() {
        assertThat(JupyterOriginCheck.allows("POST", GANTRY, null, null, null)).isTrue();
    }
}
