package io.gantry.billing;

import java.util.Currency;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfiguration {

    /** The one currency of every price, order and ledger line (ISO 4217 code). */
    @Bean
    Currency billingCurrency(@Value("${gantry.currency}") String code) {
        return Currency.getInstance(code);
    }
}
