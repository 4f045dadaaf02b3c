package io.gantry.identity;

import io.gantry.billing.WorkspaceActivations;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** Test-data builder for accounts, and signing in as one of them, for tests of any feature. */
public final class TestAccounts {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "Admin-Initial-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ApplicationContext context;

    public TestAccounts(ApplicationContext context) {
        this.context = context;
    }

    /** A username no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + COUNTER.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Creates an account with the given preset roles (none: a registered user without access); returns its id. */
    public long create(String username, PresetRole... presets) {
        return createWithPassword(username, "Initial-Pass-9", presets);
    }

    public long createWithPassword(String username, String password, PresetRole... presets) {
        var users = context.getBean(UserRepository.class);
        var roles = context.getBean(RoleRepository.class);
        var encoder = context.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
        long id = users.insert(new NewUser(username, "Nick " + username, null, username + "@example.com", null, null),
                encoder.encode(password), false, false, context.getBean(java.time.Clock.class).instant());
        List<Long> roleIds = Arrays.stream(presets).map(p -> roles.preset(p).orElseThrow().id()).toList();
        users.setRoles(id, roleIds);
        return id;
    }

    /**
     * Activates the account's workspace (AI-Stack 八.1), as the account would on its platform page, so that its work
     * can be ordered; returns the id. Activating again is harmless.
     */
    public long activate(long userId) {
        context.getBean(WorkspaceActivations.class).activate(userId);
        return userId;
    }

    /** Activates the named account's workspace, e.g. the built-in administrator's. */
    public long activate(String username) {
        return activate(context.getBean(UserRepository.class).byUsername(username).orElseThrow().getId());
    }

    /** Signs the current thread in as the named account, with its permissions as stored now. */
    public SignedInUser signInAs(String username) {
        var record = context.getBean(UserRepository.class).byUsername(username).orElseThrow();
        SignedInUser user = context.getBean(SignedInUsers.class).of(record);
        signIn(UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
        return user;
    }

    /** Signs in as the built-in administrator, as if its initial password had been changed. */
    public SignedInUser signInAsAdmin() {
        SignedInUser admin = signInAs(ADMIN);
        SignedInUser active = new SignedInUser(admin.id(), admin.username(), admin.nickname(), admin.permissions(),
                false, admin.preferences());
        signIn(UsernamePasswordAuthenticationToken.authenticated(active, null, active.authorities()));
        return active;
    }

    /**
     * Each Spring context of the test JVM has its own security context strategy (Vaadin installs one per context), and
     * the static holder points at the newest; set both, so that method security and CurrentUser agree.
     */
    private void signIn(Authentication authentication) {
        for (SecurityContextHolderStrategy strategy : strategies()) {
            var securityContext = strategy.createEmptyContext();
            securityContext.setAuthentication(authentication);
            strategy.setContext(securityContext);
        }
    }

    private List<SecurityContextHolderStrategy> strategies() {
        var own = context.getBeanProvider(SecurityContextHolderStrategy.class).getIfAvailable();
        var global = SecurityContextHolder.getContextHolderStrategy();
        return own == null || own == global ? List.of(global) : List.of(own, global);
    }

    public void signOut() {
        strategies().forEach(SecurityContextHolderStrategy::clearContext);
    }

    public static Set<String> names(List<RoleInfo> roles) {
        return roles.stream().map(RoleInfo::name).collect(Collectors.toSet());
    }
}
