package io.gantry.bench;

import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Adds a {@link StatementCounter} to the application: Spring Boot gives every {@link ExecuteListenerProvider} bean
 * to jOOQ's configuration and every {@link org.springframework.transaction.TransactionExecutionListener} bean to
 * the transaction manager it configures. Import it into a test ({@code @Import(CountingConfiguration.class)}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class CountingConfiguration {

    @Bean
    StatementCounter statementCounter() {
        return new StatementCounter();
    }

    @Bean
    ExecuteListenerProvider statementCounterListener(StatementCounter counter) {
        return new DefaultExecuteListenerProvider(counter);
    }
}
