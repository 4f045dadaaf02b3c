/** The app shell: the layout of every signed-in page, its menu, home and error pages. Nobody depends on it. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "identity :: ui", "project",
        "project :: ui", "monitoring", "monitoring :: ui", "shared", "shell"})
package io.gantry.ui;
