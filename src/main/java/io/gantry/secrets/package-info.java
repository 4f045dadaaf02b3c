/**
 * Credentials at rest: {@link io.gantry.secrets.SecretBox} encrypts what a feature must store and read back (a
 * registry's password, a container's SSH password and Jupyter token). Named interface {@code api}; the key it uses is
 * configured by the cluster feature.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.gantry.secrets;
