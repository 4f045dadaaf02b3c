package io.gantry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock for service tests of time rules: an {@link AdjustableClock} that starts at the real time
 * (so that projects made for today are open) and stands still until a test moves it. Import it with {@code
 * @Import(TestClock.class)} beside {@link OnH2} or {@link OnPostgres}; every test class that imports only it shares
 * one Spring context per database, so a test that moves the clock puts it back ({@link AdjustableClock#reset()}) when
 * it ends.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    AdjustableClock testClock() {
        return new AdjustableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
