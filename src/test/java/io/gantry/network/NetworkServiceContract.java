package io.gantry.network;

import static io.gantry.db.Tables.IP_WHITELIST;
import static io.gantry.db.Tables.IP_WHITELIST_RULE;
import static io.gantry.db.Tables.SSH_KEY;
import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.Phrase;
import io.gantry.audit.OperationLogQuery;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserService;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotFound;
import io.gantry.shared.SystemTask;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/**
 * SSH keys and IP whitelists: each user's own, validated as a whole, private keys never stored, every change in the
 * operation log. Run on H2 and PostgreSQL.
 */
abstract class NetworkServiceContract {

    static final String ED25519_LINE = SshPublicKeyTest.ED25519_LINE;
    static final String ED25519_FINGERPRINT = "SHA256:Tpzj9bz9sTOAfG4X9lELTJif4593MnQALMXjzmyD0Nk";
    static final String PRIVATE_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";

    @Autowired
    ApplicationContext context;
    @Autowired
    SshKeyService keys;
    @Autowired
    WhitelistService whitelists;
    @Autowired
    SshKeys ownersKeys;
    @Autowired
    Whitelists ownersWhitelists;
    @Autowired
    OperationLog operationLog;
    @Autowired
    SystemTask systemTask;
    @Autowired
    DSLContext db;

    TestAccounts accounts;
    String alice;
    long aliceId;
    String bob;

    @BeforeEach
    void signInAsAlice() {
        accounts = new TestAccounts(context);
        alice = uniqueName("alice");
        aliceId = accounts.create(alice, PresetRole.USER);
        bob = uniqueName("bob");
        accounts.create(bob, PresetRole.USER);
        accounts.signInAs(alice);
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    /** A whitelist rule as its operation-log line stores it, to be read in the reader's language. */
    private static Phrase rule(String cidr, String protocol, Object ports) {
        return Phrase.of("oplog.details.rule", cidr, Phrase.of("network.protocol." + protocol), ports);
    }

    List<OperationLogEntry> logOf(String target) {
        return operationLog.find(new OperationLogQuery(null, null, target), 0, 100).stream()
                .filter(e -> e.target().equals(target)).toList();
    }

    int keyRows() {
        return db.fetchCount(SSH_KEY, SSH_KEY.USER_ID.eq(aliceId));
    }

    static void assertProblem(Runnable call, String field, String key, Object... arguments) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                .extracting(FieldProblem::field, FieldProblem::messageKey, p -> List.of(p.arguments()))
                .contains(tuple(field, key, List.of(arguments))));
    }

    static WhitelistForm office(String name) {
        return new WhitelistForm(name, "Office and VPN", List.of(
                new RuleForm("10.0.0.0/8", Protocol.TCP, "22", ""),
                new RuleForm("2001:db8::/32", Protocol.ANY, "", "")));
    }

    // SSH keys

    @Test
    void generatesKeysWhosePrivatePartWorksWithSshAndIsStoredNowhere() throws IOException {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            String name = "laptop " + algorithm;
            GeneratedKey generated = keys.generate(name, algorithm);

            SshKey saved = keys.key(generated.key().id());
            assertThat(keys.mine()).contains(saved);
            assertThat(saved.bits()).isEqualTo(algorithm == KeyAlgorithm.ED25519 ? 256 : 4096);
            assertThat(generated.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
            assertThat(generated.toString()).doesNotContain(generated.privateKey());
            SshPublicKey derived = SshPublicKey.parse(SshKeygen.publicKeyOf(generated.privateKey()));
            assertThat(derived.openSshLine()).isEqualTo(saved.publicKey());
            assertThat(derived.fingerprint()).isEqualTo(saved.fingerprint());

            String secret = generated.privateKey().lines().skip(2).findFirst().orElseThrow();
            var row = db.selectFrom(SSH_KEY).where(SSH_KEY.ID.eq(saved.id())).fetchSingle();
            assertThat(row.intoList()).allSatisfy(value -> assertThat(String.valueOf(value))
                    .doesNotContain("PRIVATE").doesNotContain(secret));
            assertThat(logOf("ssh-key:" + name)).singleElement().satisfies(line -> {
                assertThat(line.action()).isEqualTo("ssh-key.generate");
                assertThat(line.username()).isEqualTo(alice);
                assertThat(line.arguments()).contains(saved.fingerprint());
                assertThat(line.arguments().toString()).doesNotContain(secret);
            });
        }
    }

    @Test
    void importsAPublicKeyWithTheFingerprintSshKeygenPrints() {
        SshKey key = keys.importKey(" work ", "  " + ED25519_LINE + "  \n");

        assertThat(key.name()).isEqualTo("work");
        assertThat(key.algorithm()).isEqualTo("ssh-ed25519");
        assertThat(key.bits()).isEqualTo(256);
        assertThat(key.fingerprint()).isEqualTo(ED25519_FINGERPRINT);
        assertThat(key.publicKey()).isEqualTo(ED25519_LINE);
        assertThat(logOf("ssh-key:work")).extracting(OperationLogEntry::action).containsExactly("ssh-key.import");
    }

    @Test
    void refusesAPastedPrivateKeyAndKeepsNothingOfIt() {
        String pasted = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PRIVATE_BODY + "\n-----END OPENSSH PRIVATE KEY-----";

        assertThatThrownBy(() -> keys.importKey("oops", pasted)).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::messageKey)
                    .containsExactly(tuple("publicKey", "network.key.private-key"));
            assertThat(e.getMessage()).doesNotContain(PRIVATE_BODY);
            assertThat(List.of(e.problems().getFirst().arguments())).isEmpty();
        });
        assertThat(keyRows()).isZero();
        assertThat(operationLog.find(new OperationLogQuery(null, null, PRIVATE_BODY), 0, 10)).isEmpty();
        assertThat(logOf("ssh-key:oops")).isEmpty();
    }

    @Test
    void refusesBadInputOnItsFieldAndSavesNothing() {
        keys.importKey("work", ED25519_LINE);
        int before = keyRows();

        assertProblem(() -> keys.importKey(" ", ED25519_LINE), "name", "field.required");
        assertProblem(() -> keys.importKey("n".repeat(65), ED25519_LINE), "name", "field.too-long", 64);
        assertProblem(() -> keys.importKey("WORK", SshPublicKeyTest.RSA_1024_LINE), "name", "error.name-taken",
                "WORK");
        assertProblem(() -> keys.importKey("old", SshPublicKeyTest.RSA_1024_LINE), "publicKey",
                "network.key.rsa-too-short", "1024", "2048");
        assertProblem(() -> keys.importKey("again", ED25519_LINE), "publicKey", "network.key.duplicate", "work");
        assertProblem(() -> keys.importKey("blank", ""), "publicKey", "field.required");
        assertProblem(() -> keys.generate("", KeyAlgorithm.ED25519), "name", "field.required");
        assertProblem(() -> keys.generate("new", null), "algorithm", "field.required");
        assertProblem(() -> keys.importKey("laptop\u202E", ED25519_LINE), "name", "field.control-characters");
        assertThat(keyRows()).isEqualTo(before);
    }

    @Test
    void keepsEachUsersKeysToThemselves() {
        SshKey mine = keys.importKey("work", ED25519_LINE);

        accounts.signInAs(bob);
        assertThat(keys.mine()).isEmpty();
        assertThatThrownBy(() -> keys.key(mine.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> keys.delete(mine.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> keys.runningWorkloadsUsing(mine.id())).isInstanceOf(NotFound.class);
        SshKey bobs = keys.importKey("work", ED25519_LINE);
        assertThat(bobs.fingerprint()).isEqualTo(mine.fingerprint());

        accounts.signInAs(alice);
        assertThat(keys.mine()).containsExactly(mine);
    }

    @Test
    void theKeyAndWhitelistListsSortInTheDatabaseByAllowedColumnsOnly() {
        keys.generate("k-b", KeyAlgorithm.ED25519);
        keys.generate("k-a", KeyAlgorithm.ED25519);
        whitelists.create(new WhitelistForm("w-b", "zeta", List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null,
                null))));
        whitelists.create(new WhitelistForm("w-a", null, List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null,
                null))));
        whitelists.create(new WhitelistForm("w-c", "alpha", List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null,
                null))));

        assertThat(keys.mine(List.of(ListSort.descending("name")), 0, 10)).extracting(SshKey::name)
                .containsExactly("k-b", "k-a");
        assertThat(keys.mine(List.of(), 1, 10)).extracting(SshKey::name).containsExactly("k-b");
        assertThat(keys.countMine()).isEqualTo(2);
        assertThat(whitelists.mine(List.of(ListSort.descending("name")), 0, 10)).extracting(WhitelistDetails::name)
                .containsExactly("w-c", "w-b", "w-a");
        // No description sorts last, on H2 as on PostgreSQL.
        assertThat(whitelists.mine(List.of(ListSort.ascending("description")), 0, 10))
                .extracting(WhitelistDetails::name).containsExactly("w-c", "w-b", "w-a");
        assertThat(whitelists.mine(List.of(ListSort.ascending("description")), 1, 1))
                .extracting(WhitelistDetails::name).containsExactly("w-b");
        assertThat(whitelists.countMine()).isEqualTo(3);
        assertThatThrownBy(() -> keys.mine(List.of(ListSort.ascending("user_id")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> whitelists.mine(List.of(ListSort.ascending("userId")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        accounts.signInAs(bob);
        assertThat(keys.countMine()).isZero();
        assertThat(whitelists.mine(List.of(ListSort.ascending("name")), 0, 10)).isEmpty();
    }

    @Test
    void deletesAKeyEvenWhileRunningContainersStillUseIt() {
        SshKey key = keys.importKey("work", ED25519_LINE);
        assertThat(keys.runningWorkloadsUsing(key.id())).isEmpty();
        TestKeyUsage.runWith(key.id(), "train-2", "notebook-1");
        try {
            assertThat(keys.runningWorkloadsUsing(key.id())).containsExactly("notebook-1", "train-2");
            keys.delete(key.id());
        } finally {
            TestKeyUsage.stopAll(key.id());
        }

        assertThat(keys.mine()).isEmpty();
        assertThatThrownBy(() -> keys.key(key.id())).isInstanceOf(NotFound.class);
        assertThat(logOf("ssh-key:work")).extracting(OperationLogEntry::action)
                .containsExactly("ssh-key.delete", "ssh-key.import");
    }

    @Test
    void givesTheRuntimeTheOwnersKeysOnly() {
        SshKey work = keys.importKey("work", ED25519_LINE);
        SshKey ci = keys.generate("ci", KeyAlgorithm.ED25519).key();

        accounts.signInAs(bob);
        long bobsId = keys.importKey("bob", ED25519_LINE).id();
        // The platform reads them for the owner it names, with nobody signed in and on the caller's thread.
        accounts.signOut();
        var authorized = ownersKeys.authorizedKeys(aliceId, List.of(work.id(), ci.id()));
        assertThat(authorized).extracting(k -> SshPublicKey.of(k, "").fingerprint())
                .containsExactlyInAnyOrder(work.fingerprint(), ci.fingerprint());
        assertThatThrownBy(() -> ownersKeys.authorizedKeys(aliceId, Set.of(work.id(), bobsId)))
                .isInstanceOf(NotFound.class);
        assertThat(ownersKeys.ofOwner(aliceId, Set.of(work.id(), bobsId))).extracting(SshKey::id)
                .containsExactly(work.id());
        assertThat(ownersKeys.ofOwner(aliceId)).extracting(SshKey::name).containsExactly("ci", "work");
    }

    @Test
    void givesTheRuntimeAnyWhitelistAndTellsWhoseItIs() throws Exception {
        long id = whitelists.create(office("office"));
        accounts.signOut();

        assertThat(ownersWhitelists.ofOwner(aliceId, id)).map(WhitelistDetails::name).contains("office");
        assertThat(ownersWhitelists.ofOwner(aliceId + 1_000_000, id)).isEmpty();
        assertThat(ownersWhitelists.matcher(id).orElseThrow().allows(
                InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), Protocol.TCP, 22)).isTrue();

        accounts.signInAs(alice);
        whitelists.delete(id);
        assertThat(ownersWhitelists.matcher(id)).isEmpty();
        assertThat(ownersWhitelists.ofOwner(aliceId, id)).isEmpty();
    }

    @Test
    void isOnlyForUsersAllowedToUseTheNetworkFeature() {
        String annotator = uniqueName("annotator");
        accounts.create(annotator, PresetRole.ANNOTATOR);
        accounts.signInAs(annotator);

        assertThatThrownBy(() -> keys.mine()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> whitelists.mine()).isInstanceOf(AccessDeniedException.class);
    }

    // whitelists

    @Test
    void createsReadsAndUpdatesAWhitelist() throws Exception {
        long id = whitelists.create(office(" office "));

        WhitelistDetails saved = whitelists.whitelist(id);
        assertThat(saved.name()).isEqualTo("office");
        assertThat(saved.description()).isEqualTo("Office and VPN");
        assertThat(saved.toForm().rules()).containsExactly(new RuleForm("10.0.0.0/8", Protocol.TCP, "22", ""),
                new RuleForm("2001:db8::/32", Protocol.ANY, "", ""));
        assertThat(whitelists.mine()).containsExactly(saved);

        whitelists.update(id, new WhitelistForm("office", null, List.of(
                new RuleForm("192.168.0.0/16", Protocol.UDP, "5000", "5100"))));
        WhitelistDetails updated = whitelists.whitelist(id);
        assertThat(updated.description()).isNull();
        assertThat(updated.rules()).extracting(r -> r.cidr().toString(), WhitelistRule::protocol,
                WhitelistRule::portFrom, WhitelistRule::portTo)
                .containsExactly(tuple("192.168.0.0/16", Protocol.UDP, 5000, 5100));
        assertThat(db.fetchCount(IP_WHITELIST_RULE, IP_WHITELIST_RULE.WHITELIST_ID.eq(id))).isEqualTo(1);

        Whitelist matcher = ownersWhitelists.matcher(id).orElseThrow();
        assertThat(matcher.allows(InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 3, 4}), Protocol.UDP,
                5050)).isTrue();
        assertThat(matcher.allows(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), Protocol.TCP, 22)).isFalse();
        assertThat(logOf("whitelist:office")).extracting(OperationLogEntry::action, OperationLogEntry::arguments)
                .containsExactly(
                        tuple("whitelist.update", List.of(List.of(rule("192.168.0.0/16", "UDP", "5000-5100")))),
                        tuple("whitelist.create", List.of(List.of(rule("10.0.0.0/8", "TCP", "22"),
                                rule("2001:db8::/32", "ANY", Phrase.of("network.rules.any-port"))))));
    }

    @Test
    void refusesBrokenRulesPerRowAndFieldAndSavesNothing() {
        int before = db.fetchCount(IP_WHITELIST);
        WhitelistForm broken = new WhitelistForm("office", null, List.of(
                new RuleForm("10.0.0.0/8", Protocol.TCP, "22", ""),
                new RuleForm("10.0.0.1/8", Protocol.TCP, "22", ""),
                new RuleForm("10.0.0.0/8", null, "30", "20")));

        assertThatThrownBy(() -> whitelists.create(broken)).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::messageKey).containsExactly(
                        tuple("rules[1].cidr", "network.cidr.host-bits"),
                        tuple("rules[2].protocol", "field.required")));
        assertProblem(() -> whitelists.create(new WhitelistForm("office", null, List.of())), "rules",
                "network.whitelist.no-rules");
        assertThat(db.fetchCount(IP_WHITELIST)).isEqualTo(before);
        assertThat(logOf("whitelist:office")).isEmpty();

        assertProblem(() -> whitelists.create(office("office\u200B")), "name", "field.control-characters");
        long id = whitelists.create(office("office"));
        assertProblem(() -> whitelists.create(office("OFFICE")), "name", "error.name-taken", "OFFICE");
        assertProblem(() -> whitelists.update(id, broken), "rules[1].cidr", "network.cidr.host-bits", "10.0.0.0/8");
        assertThat(whitelists.whitelist(id).rules()).hasSize(2);
        whitelists.update(id, office("office"));
    }

    @Test
    void keepsEachUsersWhitelistsToThemselves() {
        long id = whitelists.create(office("office"));

        accounts.signInAs(bob);
        assertThat(whitelists.mine()).isEmpty();
        assertThatThrownBy(() -> whitelists.whitelist(id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> whitelists.update(id, office("mine now"))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> whitelists.delete(id)).isInstanceOf(NotFound.class);
        whitelists.create(office("office"));

        accounts.signInAs(alice);
        assertThat(whitelists.whitelist(id).name()).isEqualTo("office");
    }

    @Test
    void deletesAWhitelistWithItsRules() {
        long id = whitelists.create(office("office"));

        whitelists.delete(id);

        assertThat(whitelists.mine()).isEmpty();
        assertThat(db.fetchCount(IP_WHITELIST_RULE, IP_WHITELIST_RULE.WHITELIST_ID.eq(id))).isZero();
        assertThat(ownersWhitelists.matcher(id)).isEmpty();
        assertThat(logOf("whitelist:office")).extracting(OperationLogEntry::action)
                .containsExactly("whitelist.delete", "whitelist.create");
    }

    @Test
    void removesAUsersKeysAndWhitelistsWithTheAccount() {
        keys.importKey("work", ED25519_LINE);
        long id = whitelists.create(office("office"));

        accounts.signInAsAdmin();
        context.getBean(UserService.class).delete(aliceId);

        assertThat(keyRows()).isZero();
        assertThat(db.fetchCount(IP_WHITELIST_RULE, IP_WHITELIST_RULE.WHITELIST_ID.eq(id))).isZero();
    }
}
