package io.gantry.cluster;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.OnH2;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * The inventory is read by everyone signed in (to choose a spec, a flavor, an image) and changed only with
 * CLUSTER_MANAGE, whatever the screens show; the decrypted registry secret is never for an ordinary user.
 */
@OnH2
class ClusterAuthorizationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ClusterService cluster;

    TestAccounts accounts;

    interface Call {
        void run(ClusterService cluster);
    }

    static List<Arguments> protectedCalls() {
        return List.of(
                Arguments.of("createSpec", (Call) c -> c.createSpec(ClusterServiceContract.validSpec(uniqueName("s")))),
                Arguments.of("updateSpec", (Call) c -> c.updateSpec(1, ClusterServiceContract.validSpec("x"))),
                Arguments.of("deleteSpec", (Call) c -> c.deleteSpec(1)),
                Arguments.of("setSchedulable", (Call) c -> c.setSchedulable(1, false)),
                Arguments.of("createFlavor", (Call) c -> c.createFlavor(1, "f", 2, 1024)),
                Arguments.of("deleteFlavor", (Call) c -> c.deleteFlavor(1)),
                Arguments.of("createRegistry", (Call) c -> c.createRegistry("r", "https://r.example.com", null, null)),
                Arguments.of("deleteRegistry", (Call) c -> c.deleteRegistry(1)),
                Arguments.of("registrySecret", (Call) c -> c.registrySecret(1)),
                Arguments.of("saveImage", (Call) c -> c.saveImage(null, ClusterServiceContract.image("i", "1", null))),
                Arguments.of("deleteImage", (Call) c -> c.deleteImage(1)));
    }

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    private void signInAsOrdinaryUser() {
        String username = uniqueName("plain");
        accounts.create(username, PresetRole.USER);
        accounts.signInAs(username);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedCalls")
    void refusesChangesToAnOrdinaryUser(String name, Call call) {
        signInAsOrdinaryUser();
        assertThatThrownBy(() -> call.run(cluster)).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedCalls")
    void refusesChangesToNobody(String name, Call call) {
        accounts.signOut();
        assertThatThrownBy(() -> call.run(cluster)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void letsAnyoneSignedInReadTheInventory() {
        signInAsOrdinaryUser();
        assertThat(cluster.specs()).isNotEmpty();
        assertThat(cluster.nodes()).isNotEmpty();
        assertThat(cluster.images()).isNotNull();
        assertThat(cluster.registries()).isNotNull();
        assertThat(cluster.capacity()).isNotEmpty();
        long spec = cluster.specs().getFirst().id();
        assertThat(cluster.spec(spec).id()).isEqualTo(spec);
        assertThat(cluster.flavors(spec)).isNotNull();
    }

    @Test
    void refusesReadsToNobody() {
        accounts.signOut();
        assertThatThrownBy(() -> cluster.specs()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> cluster.nodes()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> cluster.images()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }
}
