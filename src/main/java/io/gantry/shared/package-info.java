/** Small types every feature shares: user-facing errors and the clock. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.gantry.shared;
