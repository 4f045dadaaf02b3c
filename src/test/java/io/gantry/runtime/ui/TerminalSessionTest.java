package io.gantry.runtime.ui;

import io.gantry.runtime.local.PtyShell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.VaadinSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TerminalSessionTest {

    @Nested
    class DecodesUtf8SplitAcrossReads {

        private final Utf8Decoder decoder = new Utf8Decoder();

        @Test
        void holdsBackACharacterUntilItsLastByteArrives() {
            byte[] e = "é".getBytes(StandardCharsets.UTF_8);

            assertThat(decoder.decode(e, 0, 1)).isEmpty();
            assertThat(decoder.decode(e, 1, 1)).isEqualTo("é");
        }

        @Test
        void joinsAThreeByteCharacterSplitOverThreeReads() {
            byte[] text = "a中b".getBytes(StandardCharsets.UTF_8);

            String decoded = decoder.decode(text, 0, 2) + decoder.decode(text, 2, 1) + decoder.decode(text, 3, 2);

            assertThat(decoded).isEqualTo("a中b");
        }

        @Test
        void decodesEverySplitOfMixedTextAlike() {
            String text = "héllo 中文 👋 done";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int split = 0; split <= bytes.length; split++) {
                Utf8Decoder fresh = new Utf8Decoder();
                String decoded = fresh.decode(bytes, 0, split) + fresh.decode(bytes, split, bytes.length - split)
                        + fresh.finish();
                assertThat(decoded).as("split at byte %d", split).isEqualTo(text);
            }
        }

        @Test
        void showsBytesThatAreNotUtf8AsTheReplacementCharacter() {
            byte[] broken = {'a', (byte) 0xff, 'b'};

            assertThat(decoder.decode(broken, 0, broken.length)).isEqualTo("a\uFFFDb");
        }

        @Test
        void endsAnUnfinishedCharacterWithTheReplacementCharacter() {
            byte[] half = Arrays.copyOf("中".getBytes(StandardCharsets.UTF_8), 2);

            assertThat(decoder.decode(half, 0, half.length)).isEmpty();
            assertThat(decoder.finish()).isEqualTo("\uFFFD");
        }
    }

    @Nested
    class GathersOutputIntoBatches {

        @Test
        void handsOutPiecesThatArriveWithinTheLingerTimeAsOneBatch() throws Exception {
            Outbox outbox = new Outbox(Duration.ofMillis(300), 8192, 65536);
            outbox.put("a");
            CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
                for (String piece : new String[] {"b", "c"}) {
                    putQuietly(outbox, piece);
                }
            });

            assertThat(outbox.take()).isEqualTo("abc");
            more.get(5, TimeUnit.SECONDS);
        }

        @Test
        void handsOutAFullBatchWithoutWaitingForTheLingerTime() throws Exception {
            Outbox outbox = new Outbox(Duration.ofSeconds(30), 4, 65536);
            outbox.put("12345");

            long started = System.nanoTime();
            assertThat(outbox.take()).isEqualTo("12345");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void handsOutWhatIsLeftAfterCloseAndThenReportsTheEnd() throws Exception {
            Outbox outbox = new Outbox(Duration.ofSeconds(30), 8192, 65536);
            outbox.put("last words");
            outbox.close();

            assertThat(outbox.take()).isEqualTo("last words");
            assertThat(outbox.take()).isNull();
        }

        @Test
        void makesTheWriterWaitWhileTheBacklogIsFull() throws Exception {
            Outbox outbox = new Outbox(Duration.ZERO, 8192, 4);
            outbox.put("full");
            CountDownLatch putting = new CountDownLatch(1);
            CountDownLatch put = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                putting.countDown();
                putQuietly(outbox, "next");
                put.countDown();
            });

            assertThat(putting.await(5, TimeUnit.SECONDS)).isTrue();
            // Parked in put until there is room; a writer that did not wait would have ended instead.
            await().atMost(Duration.ofSeconds(5)).until(writer::getState, Thread.State.WAITING::equals);
            assertThat(put.getCount()).as("the writer is still waiting").isOne();
            assertThat(outbox.take()).isEqualTo("full");
            assertThat(put.await(5, TimeUnit.SECONDS)).as("room again lets the writer on").isTrue();
            assertThat(outbox.take()).isEqualTo("next");
        }

        private static void putQuietly(Outbox outbox, String text) {
            try {
                outbox.put(text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A real {@code /bin/sh} on a real PTY behind the component; only the browser's events are simulated. */
    @Nested
    class ConnectsTheScreenToARealShell extends BrowserlessTest {

        private static final Duration PATIENCE = Duration.ofSeconds(15);

        private WebTerminal screen;
        private BrowserEnd browser;
        private PtyShell shell;
        private TerminalSession session;

        @Override
        protected Set<String> scanPackages() {
            return Set.of(WebTerminal.class.getPackageName());
        }

        @BeforeEach
        void showShell() {
            UI.getCurrent().setLocale(Locale.ENGLISH);
            screen = new WebTerminal();
            browser = new BrowserEnd(screen);
            UI.getCurrent().add(screen);
            // A real shell on a real PTY, as the local runtime opens one inside a workload: plain prompt, no profile.
            shell = openShell();
            session = TerminalSession.connect(screen, shell);
            awaitScreen(() -> browser.written().contains("$ "), "the prompt");
        }

        private static PtyShell openShell() {
            try {
                return PtyShell.open(Path.of(System.getProperty("java.io.tmpdir")), Map.of("GANTRY_WORKLOAD",
                        "terminal-test", "PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "PS1", "$ "),
                        List.of("/bin/sh", "-i"), 80, 24, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @AfterEach
        void closeShell() {
            shell.close();
        }

        @Test
        void showsWhatTheShellPrintsForWhatTheUserTyped() {
            browser.type("echo hello\r");

            awaitScreen(() -> browser.lines().contains("hello"), "the line hello");
        }

        @Test
        void keepsTheOrderOfTypedPieces() {
            for (String piece : "echo one two three\r".split("(?<= )")) {
                browser.type(piece);
            }

            awaitScreen(() -> browser.lines().contains("one two three"), "the words in the order typed");
        }

        @Test
        void showsCharactersOfSeveralBytesWhole() {
            browser.type("printf '\\344\\270\\255\\303\\251\\n'\r");

            awaitScreen(() -> browser.lines().contains("中é"), "中é");
            assertThat(browser.written()).doesNotContain("\uFFFD");
        }

        @Test
        void givesTheShellTheSizeOfTheScreen() {
            browser.resize(100, 30);
            browser.type("stty size\r");

            awaitScreen(() -> browser.lines().contains("30 100"), "the size 30 rows, 100 columns");
        }

        @Test
        void pushesAFloodOfOutputInFewBatchesAndInOrder() {
            browser.type("seq 1 20000\r");

            awaitScreen(() -> browser.written().contains("\n20000\r\n"), "the last number");
            String written = browser.written().replace("\r", "");
            assertThat(written).contains("\n1\n2\n3\n").contains("\n9999\n10000\n10001\n").contains("\n19999\n20000\n");
            assertThat(browser.writes()).as("pushes for 20000 lines").hasSizeLessThan(500);
        }

        @Test
        void saysSoWhenTheShellEndsAndTellsTheEndListeners() {
            AtomicInteger ends = new AtomicInteger();
            session.addEndListener(ends::incrementAndGet);

            browser.type("exit\r");

            String ended = I18NProvider.translate(Locale.ENGLISH, "terminal.ended");
            assertThat(ended).as("the text from the bundle").isNotBlank().doesNotContain("terminal.ended");
            awaitScreen(() -> browser.written().contains(ended), "the end of the shell");
            assertThat(ends).hasValue(1);
            awaitScreen(() -> !shell.isOpen(), "the shell closed");
        }

        @Test
        void closesTheShellWhenTheScreenLeavesThePage() {
            AtomicInteger ends = new AtomicInteger();
            session.addEndListener(ends::incrementAndGet);

            UI.getCurrent().remove(screen);

            awaitScreen(() -> !shell.isOpen(), "the shell closed");
            runHandedOverTasks();
            assertThat(ends).as("nobody is left to tell").hasValue(0);
        }

        @Test
        void keepsTheShellWhenTheScreenMovesOnThePage() {
            Div elsewhere = new Div();
            UI.getCurrent().add(elsewhere);

            elsewhere.add(screen);
            runHandedOverTasks();
            browser.type("echo still here\r");

            awaitScreen(() -> browser.lines().contains("still here"), "the shell still answering");
            assertThat(shell.isOpen()).isTrue();
        }

        @Test
        void closesTheShellWhenTheSessionEnds() {
            VaadinSession vaadinSession = VaadinSession.getCurrent();

            vaadinSession.getService().fireSessionDestroy(vaadinSession);

            awaitScreen(() -> !shell.isOpen(), "the shell closed with its session");
        }

        /**
         * Idle terminals wait in a native read of their PTY; on virtual threads each such read pinned a carrier, and
         * with more terminals than cores no virtual thread (no request) ran any more.
         */
        @Test
        void moreOpenTerminalsThanCoresLeaveVirtualThreadsRunning() throws Exception {
            int count = 2 * Runtime.getRuntime().availableProcessors() + 1;
            List<PtyShell> shells = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    WebTerminal another = new WebTerminal();
                    BrowserEnd anotherBrowser = new BrowserEnd(another);
                    UI.getCurrent().add(another);
                    PtyShell idle = openShell();
                    shells.add(idle);
                    TerminalSession.connect(another, idle);
                    awaitScreen(() -> anotherBrowser.written().contains("$ "), "prompt " + (i + 1));
                }

                CompletableFuture<String> request = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> request.complete("answered"));

                assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo("answered");
                browser.type("echo still answering\r");
                awaitScreen(() -> browser.lines().contains("still answering"), "the first terminal answering");
            } finally {
                shells.forEach(PtyShell::close);
            }
        }

        /** Lets the UI run what the session's threads handed it, as a browser's round trips would. */
        private void awaitScreen(BooleanSupplier condition, String what) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                runHandedOverTasks();
                if (condition.getAsBoolean()) {
                    return;
                }
                sleep(Duration.ofMillis(20));
            }
            throw new AssertionError("Waited " + PATIENCE.toSeconds() + " s for " + what + "; the screen shows:\n"
                    + browser.written());
        }

        /**
         * The test holds the session lock, as a request does; where a request's end would run the tasks that other
         * threads handed to {@code ui.access}, the test runs them, then sends the response.
         */
        private void runHandedOverTasks() {
            VaadinSession session = VaadinSession.getCurrent();
            session.getService().runPendingAccessTasks(session);
            roundTrip();
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
