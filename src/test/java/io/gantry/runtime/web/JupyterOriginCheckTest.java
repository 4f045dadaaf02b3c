package io.gantry.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JupyterOriginCheckTest {

    private static final URI HOST = URI.create("https://container-7.jupyter.example.com:443");
    private static final String OWN = "https://container-7.jupyter.example.com";

    @Nested
    class BrowsersWithFetchMetadata {

        @Test
        void allowRequestsFromTheJupyterHostsOwnPages() {
            assertThat(JupyterOriginCheck.allows(HOST, OWN, OWN + "/jupyter/container-7/tree", "same-origin"))
                    .isTrue();
        }

        @Test
        void allowAddressesTypedOrBookmarked() {
            assertThat(JupyterOriginCheck.allows(HOST, null, null, "none")).isTrue();
        }

        @Test
        void refuseEvenAPlainNavigationFromAnotherSite() {
            // GET /terminals/new opens a terminal: a link on another site must not do that.
            assertThat(JupyterOriginCheck.allows(HOST, null, null, "cross-site")).isFalse();
        }

        @Test
        void refuseAnotherWorkloadsJupyterHostAndGantryItself() {
            assertThat(JupyterOriginCheck.allows(HOST, "https://container-8.jupyter.example.com", null, "same-site"))
                    .isFalse();
            assertThat(JupyterOriginCheck.allows(HOST, null, "https://gantry.example.com/", "same-site")).isFalse();
        }
    }

    @Nested
    class BrowsersWithoutFetchMetadata {

        @Test
        void refuseAnotherOriginOrReferer() {
            assertThat(JupyterOriginCheck.allows(HOST, "https://evil.example", null, null)).isFalse();
            assertThat(JupyterOriginCheck.allows(HOST, null, "https://evil.example/page", null)).isFalse();
            assertThat(JupyterOriginCheck.allows(HOST, "http://container-7.jupyter.example.com", null, null))
                    .as("another scheme is another origin").isFalse();
            assertThat(JupyterOriginCheck.allows(HOST, "https://container-7.jupyter.example.com:8443", null, null))
                    .as("another port is another origin").isFalse();
            assertThat(JupyterOriginCheck.allows(HOST, "null", null, null)).as("an opaque origin").isFalse();
        }

        @Test
        void allowTheOwnOriginAndRequestsThatNameNone() {
            assertThat(JupyterOriginCheck.allows(HOST, OWN, OWN + "/jupyter/container-7/notebooks/a.ipynb", null))
                    .isTrue();
            assertThat(JupyterOriginCheck.allows(HOST, null, null, null)).isTrue();
        }
    }
}
