/**
 * The operation log. Other modules write it through {@link io.gantry.audit.OperationLog#record} inside their own
 * transaction and describe lines with {@link io.gantry.audit.Phrase} (named interface {@code api}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"db", "shared"})
package io.gantry.audit;
