package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.gantry.OnH2;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kubernetes' liveness and readiness probes (k8s/gantry.yaml) reach Spring Boot's health groups without signing in,
 * and nothing else under /actuator is served: not to a stranger, and no endpoint but health to anyone.
 */
@OnH2
class HealthProbesTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    WebEndpointsSupplier endpoints;

    private MockMvc http;

    @BeforeEach
    void throughTheSecurityFilters() {
        http = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void livenessAndReadinessAnswerUpWithoutSignIn() throws Exception {
        for (String path : SecurityConfiguration.PROBE_PATHS) {
            MvcResult result = http.perform(get(path)).andReturn();
            assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
            assertThat(json(result)).as(path).isEqualTo(Map.of("status", "UP"));
        }
    }

    @Test
    void theRestOfTheActuatorNeedsSignIn() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/env", "/actuator/beans",
                "/actuator/health/db"}) {
            int status = http.perform(get(path))
                    .andReturn().getResponse().getStatus();
            // Sent to the login page (or refused), never answered.
            assertThat(status).as(path).isIn(302, 401, 403);
        }
    }

    @Test
    void healthIsTheOnlyEndpointExposed() {
        // What the actuator serves over HTTP at all, to anyone signed in or not.
        assertThat(endpoints.getEndpoints()).extracting(endpoint -> endpoint.getEndpointId().toString())
                .containsExactly("health");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(MvcResult result) throws Exception {
        return JsonMapper.builder().build().readValue(result.getResponse().getContentAsString(), Map.class);
    }
}
