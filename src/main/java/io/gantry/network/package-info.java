/**
 * SSH keys and IP whitelists. People use {@link io.gantry.network.SshKeyService} and {@link
 * io.gantry.network.WhitelistService}; the features that run workloads read a named owner's keys and any whitelist's
 * rules through {@link io.gantry.network.SshKeys} and {@link io.gantry.network.Whitelists} (named interface
 * {@code api}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "identity", "db", "shared"})
package io.gantry.network;
