package io.gantry.billing;

import java.time.Duration;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param warning how long before running work empties its project's wallet the managers and owners are told
 * @param demoCredit the balance the first-start demo project starts with, labelled as demo credit
 */
@ConfigurationProperties("gantry.billing")
public record BillingProperties(@DefaultValue("30m") Duration warning, @DefaultValue("1000") BigDecimal demoCredit) {
}
