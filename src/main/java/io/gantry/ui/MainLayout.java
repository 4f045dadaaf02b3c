package io.gantry.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.monitoring.NoticeService;
import io.gantry.monitoring.ui.NoticeBell;
import io.gantry.monitoring.ui.NoticeUpdates;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.ui.ProjectSwitcher;
import io.gantry.shared.ui.Initials;
import io.gantry.shared.ui.MenuBadge;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuGroup.AppSystem;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shell.PreferenceSwitches;
import io.gantry.ui.Menu.Entry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app shell around every signed-in screen: product name, collapsible left menu grouped like the manuals, the
 * system menu, the project switcher, the notices' bell, the user's menu, and the language and theme switches.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final Menu menu;
    private final AuthenticationContext authentication;
    private final AccountService accounts;
    private final CurrentProjectService projects;
    private final NoticeService notices;
    private final NoticeUpdates noticeUpdates;
    private final List<MenuBadge> badges;
    private final Div drawer = new Div();
    /** The badges of the entries shown, counted again on every navigation. */
    private final Map<MenuBadge, Span> shownBadges = new HashMap<>();
    private AppSystem shownSystem;

    public MainLayout(Menu menu, AuthenticationContext authentication, AccountService accounts,
                      CurrentProjectService projects, NoticeService notices, NoticeUpdates noticeUpdates,
                      List<MenuBadge> badges) {
        this.menu = menu;
        this.authentication = authentication;
        this.accounts = accounts;
        this.projects = projects;
        this.notices = notices;
        this.noticeUpdates = noticeUpdates;
        this.badges = badges;
        setPrimarySection(Section.DRAWER);
        addToNavbar(true, navbar());
        drawer.setId("main-menu");
        addToDrawer(brand(), new Scroller(drawer));
    }

    private Component brand() {
        Anchor brand = new Anchor("", getTranslation("app.name"));
        brand.addClassNames("gantry-brand");
        return brand;
    }

    private Component navbar() {
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("shell.menu.toggle"));
        HorizontalLayout bar = new HorizontalLayout(toggle);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.addClassName("gantry-navbar");
        SignedInUser user = CurrentUser.get().orElse(null);
        if (user != null && menu.systems(user).size() > 1) {
            bar.add(systemMenu(user));
        }
        Div spacer = new Div();
        bar.addAndExpand(spacer);
        if (user != null && !user.mustChangePassword()) {
            bar.add(new ProjectSwitcher(projects), new NoticeBell(notices, noticeUpdates));
        }
        bar.add(new PreferenceSwitches(accounts));
        if (user != null) {
            bar.add(userMenu(user));
        }
        return bar;
    }

    private Component systemMenu(SignedInUser user) {
        MenuBar systems = new MenuBar();
        systems.setId("system-menu");
        systems.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        SubMenu items = systems.addItem(getTranslation("shell.system")).getSubMenu();
        for (AppSystem system : menu.systems(user)) {
            items.addItem(getTranslation("shell.system." + system.name().toLowerCase(java.util.Locale.ROOT)),
                    e -> menu.firstEntry(user, system).ifPresent(entry -> getUI().ifPresent(ui -> ui.navigate(entry.view()))));
        }
        return systems;
    }

    private Component userMenu(SignedInUser user) {
        MenuBar bar = new MenuBar();
        bar.setId("user-menu");
        bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Avatar avatar = new Avatar(SeededTexts.shown(user.nickname()));
        // The browser's own initials split emoji in half; these are whole characters.
        avatar.setAbbreviation(Initials.of(SeededTexts.shown(user.nickname())));
        avatar.addThemeName("xsmall");
        HorizontalLayout label = new HorizontalLayout(avatar, new Span(SeededTexts.shown(user.nickname())));
        label.setAlignItems(FlexComponent.Alignment.CENTER);
        label.setSpacing(true);
        SubMenu items = bar.addItem(label).getSubMenu();
        for (Entry entry : menu.userMenu(user)) {
            items.addItem(getTranslation(entry.item().title()), e -> getUI().ifPresent(ui -> ui.navigate(entry.view())));
        }
        items.addItem(getTranslation("shell.logout"), e -> authentication.logout()).setId("logout");
        return bar;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        SignedInUser user = CurrentUser.get().orElse(null);
        if (user == null) {
            drawer.removeAll();
            return;
        }
        AppSystem system = RouteConfiguration.forSessionScope().getRoute(event.getLocation().getPath())
                .map(menu::systemOf).orElse(AppSystem.PLATFORM);
        if (system != shownSystem) {
            shownSystem = system;
            drawer.removeAll();
            shownBadges.clear();
            drawer.add(sideNav(user, system));
        }
        shownBadges.forEach(MainLayout::count);
    }

    private static void count(MenuBadge badge, Span shown) {
        int count = badge.count();
        shown.setText(Integer.toString(count));
        shown.getElement().setAttribute("title", shown.getTranslation(badge.labelKey(), count));
        shown.setVisible(count > 0);
    }

    private Component sideNav(SignedInUser user, AppSystem system) {
        Div navs = new Div();
        Map<MenuGroup, List<Entry>> groups = menu.groups(user, system);
        groups.forEach((group, entries) -> {
            SideNav nav = new SideNav();
            nav.setLabel(getTranslation(group.titleKey()));
            nav.setCollapsible(true);
            for (Entry entry : entries) {
                String path = RouteConfiguration.forSessionScope().getUrl(entry.view());
                SideNavItem item = new SideNavItem(getTranslation(entry.item().title()), path);
                if (!entry.item().icon().isBlank()) {
                    item.setPrefixComponent(new Icon(entry.item().icon()));
                }
                badges.stream().filter(b -> b.view() == entry.view()).findFirst().ifPresent(badge -> {
                    Span shown = new Span();
                    shown.setId(badge.id());
                    shown.getElement().getThemeList().add("badge primary small pill");
                    shown.setVisible(false);
                    item.setSuffixComponent(shown);
                    shownBadges.put(badge, shown);
                });
                nav.addItem(item);
            }
            navs.add(nav);
        });
        return navs;
    }
}
