package io.gantry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock for service tests of time rules: an {@link AdjustableClock} that starts at the real time
 * (so that projects made for today are open) and stands still until a test moves it. Import it with {@code
 * @Import(TestClock.class)} beside {@link OnH2} or {@link OnPostgres}; every test class that imports only it shares
 * one Spring context per database. The clock only moves on, never back (the reconciler and the runtime of that
 * context keep readings taken at the clock's time); a test computes its times from the clock, not from the real time,
 * and catches the clock up with the real time when it ends ({@link AdjustableClock#reset()}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    AdjustableClock testClock() {
        return new AdjustableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Bean
    SchedulerFactoryBeanCustomizer noPeriodicJobsOnAMovedClock() {
        return periodicJobsOff();
    }

    /**
     * Keeps a context whose clock a test moves from running the periodic jobs: the contexts of a test JVM share one
     * database and one clustered job store, and a job fired here with a clock hours ahead would act on the other
     * contexts' work (their usage samples deleted as older than an hour, say). Its tests run those jobs by hand.
     */
    public static SchedulerFactoryBeanCustomizer periodicJobsOff() {
        return scheduler -> scheduler.setAutoStartup(false);
    }
}
