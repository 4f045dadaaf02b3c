package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CrossSiteLoginFilterTest {

    private final CrossSiteLoginFilter filter = new CrossSiteLoginFilter("/login");

    private MockHttpServletResponse post(String path, String fetchSite, String origin) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.addHeader("Host", "gantry.example.org");
        if (fetchSite != null) {
            request.addHeader("Sec-Fetch-Site", fetchSite);
        }
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() == null) {
            assertThat(response.getStatus()).isEqualTo(403);
        }
        return chain.getRequest() == null ? response : null;
    }

    @ParameterizedTest(name = "Sec-Fetch-Site {0}, Origin {1}")
    @CsvSource(nullValues = "-", value = {
            "cross-site, https://evil.example",
            "same-site, https://jupyter.gantry.example.org",
            "none, -",
            "-, https://evil.example",
            "-, null",
            "-, http://gantry.example.org:8443",
            "-, not a url"})
    void refusesASignInPostedFromAnotherSite(String fetchSite, String origin) throws Exception {
        assertThat(post("/login", fetchSite, origin)).as("refused").isNotNull();
    }

    @ParameterizedTest(name = "Sec-Fetch-Site {0}, Origin {1}")
    @CsvSource(nullValues = "-", value = {
            "same-origin, https://gantry.example.org",
            "-, https://gantry.example.org",
            "-, -"})
    void letsTheLoginPageAndNonBrowserClientsSignIn(String fetchSite, String origin) throws Exception {
        assertThat(post("/login", fetchSite, origin)).as("refused").isNull();
    }

    @Test
    void leavesOtherRequestsAlone() throws Exception {
        assertThat(post("/register", "cross-site", "https://evil.example")).isNull();
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/login");
        get.addHeader("Sec-Fetch-Site", "cross-site");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(get, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }
}
