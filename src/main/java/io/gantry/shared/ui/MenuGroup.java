package io.gantry.shared.ui;

/**
 * The groups of the left menu, in order, as the manuals arrange them. Each belongs to one of the two systems of the
 * system menu: the platform, or the user management system (Apulis 3.3, 4).
 */
public enum MenuGroup {
    OVERVIEW(AppSystem.PLATFORM),
    PROJECTS(AppSystem.PLATFORM),
    DEVELOPMENT(AppSystem.PLATFORM),
    TASKS(AppSystem.PLATFORM),
    DATA(AppSystem.PLATFORM),
    MODELS(AppSystem.PLATFORM),
    INFERENCE(AppSystem.PLATFORM),
    NETWORK(AppSystem.PLATFORM),
    ACCOUNT(AppSystem.PLATFORM),
    MONITORING(AppSystem.PLATFORM),
    ADMINISTRATION(AppSystem.PLATFORM),
    USER_MANAGEMENT_DASHBOARD(AppSystem.USER_MANAGEMENT),
    USER_MANAGEMENT(AppSystem.USER_MANAGEMENT);

    public enum AppSystem { PLATFORM, USER_MANAGEMENT }

    private final AppSystem system;

    MenuGroup(AppSystem system) {
        this.system = system;
    }

    public AppSystem system() {
        return system;
    }

    public String titleKey() {
        return "menu.group." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
