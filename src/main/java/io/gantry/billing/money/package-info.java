/**
 * The arithmetic of money, plain Java: amounts in a currency, unit prices, hourly rates. Other modules show prices
 * and estimates with these types (named interface {@code money}).
 */
@org.springframework.modulith.NamedInterface("money")
package io.gantry.billing.money;
