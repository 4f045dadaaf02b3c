package io.gantry.identity;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.OnH2;
import io.gantry.shared.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** A session follows its account: deleting the account ends it, a new role applies on the next request. */
@OnH2
class SessionUserRefreshFilterTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    SignedInUsers signedInUsers;
    @Autowired
    UserRepository users;
    @Autowired
    RoleRepository roles;

    TestAccounts accounts;
    SessionUserRefreshFilter filter;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        filter = new SessionUserRefreshFilter(signedInUsers, new HttpSessionSecurityContextRepository());
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletRequest requestOf(MockHttpSession session) {
        var request = new MockHttpServletRequest();
        request.setSession(session);
        return request;
    }

    @Test
    void aDeletedUsersSessionEndsAtItsNextRequest() throws Exception {
        String name = uniqueName("deleted");
        long id = accounts.create(name, PresetRole.USER);
        SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        signedInUsers.byId(id).orElseThrow(), null, java.util.List.of()));
        users.delete(id);
        var session = new MockHttpSession();

        filter.doFilter(requestOf(session), new MockHttpServletResponse(), new MockFilterChain());

        assertThat(session.isInvalid()).isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void aNewRoleAppliesToTheNextRequestWithoutSigningInAgain() throws Exception {
        String name = uniqueName("promoted");
        long id = accounts.create(name, PresetRole.ANNOTATOR);
        SignedInUser before = signedInUsers.byId(id).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        before, null, before.authorities()));
        users.setRoles(id, java.util.List.of(roles.preset(PresetRole.USER).orElseThrow().id()));
        var session = new MockHttpSession();

        filter.doFilter(requestOf(session), new MockHttpServletResponse(), new MockFilterChain());

        var now = SecurityContextHolder.getContext().getAuthentication();
        assertThat(((SignedInUser) now.getPrincipal()).permissions()).contains(Permission.TASKS_USE);
        assertThat(now.getAuthorities()).extracting(a -> a.getAuthority()).contains(Permission.TASKS_USE.authority());
        assertThat(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).isNotNull();
    }
}
