package io.gantry.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gantry.broker.Explanation.Reason;
import io.gantry.broker.Grant;
import io.gantry.broker.internal.Broker.Eviction;
import io.gantry.broker.internal.Broker.Outcome;
import io.gantry.broker.internal.Broker.Placement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The broker's rules (DESIGN §4) over random clusters and request streams. Each try builds a cluster of GPU nodes
 * (one group of 8) and NPU nodes (two groups of 4), some cordoned, with running work, quotas and per-user limits, then
 * runs several scheduling passes: after each, the placements and evictions are applied, some work ends, new requests
 * arrive, and the next pass runs on the result. Every pass is checked against one rule per property.
 */
class BrokerPropertiesTest {

    static final long GPU = 1;
    static final long NPU = 2;
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    static final List<Integer> COUNTS = List.of(0, 1, 2, 4, 8);

    // ---------------------------------------------------------------------------------------------------------------
    // The rules
    // ---------------------------------------------------------------------------------------------------------------

    @Property
    void aDeviceIsNeverGivenTwice(@ForAll("scenarios") Scenario scenario) {
        simulate(scenario, pass -> {
            Map<Long, Set<Integer>> freedByEviction = new HashMap<>();
            pass.outcome().evicted().forEach(e -> e.victim().slots().forEach(s -> freedByEviction
                    .computeIfAbsent(s.nodeId(), n -> new HashSet<>()).addAll(s.devices())));
            for (Placement placement : pass.outcome().placed()) {
                Request request = placement.request();
                for (Grant.Slot slot : placement.slots()) {
                    Node node = pass.node(slot.nodeId());
                    assertThat(node).as("node %d of request %d", slot.nodeId(), request.id()).isNotNull();
                    assertThat(node.schedulable()).as("request %d placed on cordoned node %d", request.id(),
                            node.id()).isTrue();
                    if (request.devicesPerNode() > 0) {
                        assertThat(node.specId()).as("spec of node %d for request %d", node.id(), request.id())
                                .isEqualTo(request.specId());
                    }
                    assertThat(slot.devices()).as("devices of request %d on node %d", request.id(), node.id())
                            .doesNotHaveDuplicates()
                            .allSatisfy(d -> assertThat(d).isBetween(0, node.devices() - 1));
                    for (int device : slot.devices()) {
                        boolean wasFree = !pass.before().isBusy(node.id(), device)
                                || freedByEviction.getOrDefault(node.id(), Set.of()).contains(device);
                        assertThat(wasFree).as("device %d of node %d given to request %d was not free", device,
                                node.id(), request.id()).isTrue();
                    }
                }
            }
            // The live grants, rebuilt from the outcome, never share a device (ClusterState.give refuses that) and
            // are exactly what the broker's own working state holds.
            assertThatCode(() -> new ClusterState(pass.nodes(), pass.after().values())).doesNotThrowAnyException();
            Map<Long, Set<Integer>> union = new HashMap<>();
            for (Grant grant : pass.after().values()) {
                for (Grant.Slot slot : grant.slots()) {
                    Set<Integer> onNode = union.computeIfAbsent(slot.nodeId(), n -> new HashSet<>());
                    for (int device : slot.devices()) {
                        assertThat(onNode.add(device)).as("device %d of node %d held twice", device, slot.nodeId())
                                .isTrue();
                    }
                }
            }
            assertThat(pass.state().grants()).extracting(g -> g.request().id())
                    .containsExactlyInAnyOrderElementsOf(pass.after().keySet());
            for (Node node : pass.nodes()) {
                Set<Integer> busy = new TreeSet<>();
                for (int device = 0; device < node.devices(); device++) {
                    if (pass.state().isBusy(node.id(), device)) {
                        busy.add(device);
                    }
                }
                assertThat(busy).as("busy devices of node %d", node.id())
                        .isEqualTo(new TreeSet<>(union.getOrDefault(node.id(), Set.of())));
            }
        });
    }

    @Property
    void cpuAndMemoryOfANodeAreNeverOvercommitted(@ForAll("scenarios") Scenario scenario) {
        simulate(scenario, pass -> {
            Map<Long, Integer> cpu = new HashMap<>();
            Map<Long, Long> memory = new HashMap<>();
            for (Grant grant : pass.after().values()) {
                for (Grant.Slot slot : grant.slots()) {
                    cpu.merge(slot.nodeId(), grant.request().cpuPerNode(), Integer::sum);
                    memory.merge(slot.nodeId(), grant.request().memoryMibPerNode(), Long::sum);
                }
            }
            for (Node node : pass.nodes()) {
                assertThat(cpu.getOrDefault(node.id(), 0)).as("CPU given on node %d", node.id())
                        .isLessThanOrEqualTo(node.cpuCores());
                assertThat(memory.getOrDefault(node.id(), 0L)).as("memory given on node %d", node.id())
                        .isLessThanOrEqualTo(node.memoryMib());
                assertThat(pass.state().freeCpu(node)).isEqualTo(node.cpuCores() - cpu.getOrDefault(node.id(), 0));
                assertThat(pass.state().freeMemory(node))
                        .isEqualTo(node.memoryMib() - memory.getOrDefault(node.id(), 0L));
            }
        });
    }

    @Property
    void aRequestNoLargerThanAGroupNeverStraddlesTwoGroups(@ForAll("scenarios") Scenario scenario) {
        simulate(scenario, pass -> {
            for (Placement placement : pass.outcome().placed()) {
                Request request = placement.request();
                for (Grant.Slot slot : placement.slots()) {
                    Node node = pass.node(slot.nodeId());
                    Map<Integer, Long> perGroup = slot.devices().stream()
                            .collect(Collectors.groupingBy(node::groupOf, Collectors.counting()));
                    if (request.devicesPerNode() <= node.groupSize()) {
                        assertThat(perGroup.keySet()).as("groups used by request %d (%d devices) on node %d: %s",
                                request.id(), request.devicesPerNode(), node.id(), slot.devices()).hasSizeLessThan(2);
                    } else {
                        perGroup.forEach((group, count) -> assertThat(count)
                                .as("request %d takes whole groups of node %d: %s", request.id(), node.id(),
                                        slot.devices())
                                .isEqualTo((long) Math.min(node.groupSize(),
                                        node.devices() - group * node.groupSize())));
                    }
                }
            }
        });
    }

    @Property
    void aGangIsPlacedWholeOnDistinctNodesOrNotAtAll(@ForAll("scenarios") Scenario scenario) {
        boolean[] gangPlaced = {false};
        simulate(scenario, pass -> {
            Set<Long> queued = pass.queue().stream().map(Request::id).collect(Collectors.toSet());
            Map<Long, Placement> placed = Broker.byRequest(pass.outcome());
            assertThat(pass.outcome().placed()).extracting(p -> p.request().id()).doesNotHaveDuplicates();
            assertThat(queued).containsAll(placed.keySet()).containsAll(pass.outcome().waiting().keySet());
            for (Request request : pass.queue()) {
                boolean isPlaced = placed.containsKey(request.id());
                boolean waits = pass.outcome().waiting().containsKey(request.id());
                assertThat(isPlaced ^ waits).as("request %d is either placed or waiting", request.id()).isTrue();
                if (waits) {
                    assertThat(pass.after()).as("waiting request %d holds nothing", request.id())
                            .doesNotContainKey(request.id());
                }
            }
            for (Placement placement : placed.values()) {
                Request request = placement.request();
                gangPlaced[0] |= request.nodes() > 1;
                assertThat(placement.slots()).as("slots of request %d", request.id()).hasSize(request.nodes())
                        .extracting(Grant.Slot::nodeId).doesNotHaveDuplicates();
                assertThat(placement.slots()).allSatisfy(s -> assertThat(s.devices()).hasSize(
                        request.devicesPerNode()));
                assertThat(pass.after().get(request.id())).as("request %d placed in the pass holds what it was given",
                        request.id()).isNotNull().extracting(Grant::slots).isEqualTo(placement.slots());
            }
        });
        Statistics.label("a gang was placed").collect(gangPlaced[0]);
        Statistics.label("a gang was placed").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    @Property
    void projectQuotasAndUserLimitsAreNeverExceeded(@ForAll("scenarios") Scenario scenario) {
        simulate(scenario, pass -> {
            Map<String, Integer> byProject = new HashMap<>();
            Map<String, Integer> byUser = new HashMap<>();
            for (Grant grant : pass.after().values()) {
                Request r = grant.request();
                byProject.merge(Limits.key(r.projectId(), r.specId()), grant.devices(), Integer::sum);
                byUser.merge(Limits.key(r.projectId(), r.specId()) + "/" + r.userId(), grant.devices(),
                        Integer::sum);
            }
            byProject.forEach((key, held) -> assertThat(held).as("devices held by project/spec %s", key)
                    .isLessThanOrEqualTo(pass.limits().quota().getOrDefault(key, 0)));
            byUser.forEach((key, held) -> {
                Integer limit = pass.limits().perUser().get(key.substring(0, key.lastIndexOf('/')));
                if (limit != null) {
                    assertThat(held).as("devices held by project/spec/user %s", key).isLessThanOrEqualTo(limit);
                }
            });
            for (Placement placement : pass.outcome().placed()) {
                Integer maxHours = pass.limits().maxHours().get(placement.request().projectId());
                if (maxHours != null) {
                    assertThat(placement.request().maxHours()).as("run time of request %d",
                            placement.request().id()).isNotNull().isLessThanOrEqualTo(maxHours);
                }
            }
        });
    }

    @Property
    void insideAProjectALaterRequestIsNeverPlacedWhileAnEarlierOneWaits(@ForAll("scenarios") Scenario scenario) {
        simulate(scenario, pass -> {
            Map<Long, Placement> placed = Broker.byRequest(pass.outcome());
            Map<Long, List<Request>> byProject = pass.queue().stream()
                    .collect(Collectors.groupingBy(Request::projectId));
            for (List<Request> line : byProject.values()) {
                List<Request> ordered = line.stream().sorted(Comparator.comparingInt(Request::priority).reversed()
                        .thenComparing(Request::submittedAt).thenComparingLong(Request::id)).toList();
                Request firstWaiting = null;
                for (Request request : ordered) {
                    if (placed.containsKey(request.id())) {
                        Request earlier = firstWaiting;
                        assertThat(earlier).as("request %d of project %d was placed while request %s before it"
                                + " waits", request.id(), request.projectId(),
                                earlier == null ? "" : earlier.id()).isNull();
                    } else if (firstWaiting == null) {
                        firstWaiting = request;
                    }
                }
            }
        });
    }

    /** Checked on one round: each round of a pass picks its own head, and its backfill must leave that head room. */
    @Property
    void backfillNeverDelaysTheHead(@ForAll("scenarios") Scenario scenario) {
        boolean[] backfilled = {false};
        simulate(scenario, 1, pass -> {
            List<Long> waiting = List.copyOf(pass.outcome().waiting().keySet());
            List<Long> heads = pass.headsThatCanStart();
            assertThat(heads).as("requests first in line").hasSizeLessThan(2);
            if (heads.isEmpty()) {
                return;
            }
            Request head = pass.request(heads.getFirst());
            // "ahead" counts the requests the pass went through before the head; those not waiting were placed
            // first, and whatever was placed after the head is backfill.
            int placedBefore = pass.outcome().waiting().get(head.id()).ahead() - waiting.indexOf(head.id());
            assertThat(placedBefore).as("placed before the head").isBetween(0, pass.outcome().placed().size());
            Set<Long> backfill = pass.outcome().placed().subList(placedBefore, pass.outcome().placed().size())
                    .stream().map(p -> p.request().id()).collect(Collectors.toSet());
            backfilled[0] |= !backfill.isEmpty();

            // The cluster as the head found it: before any backfill (and its evictions, if any) took place.
            Map<Long, Grant> atHead = new LinkedHashMap<>(pass.after());
            backfill.forEach(atHead::remove);
            pass.outcome().evicted().stream().filter(e -> backfill.contains(e.forRequest().id()))
                    .forEach(e -> atHead.put(e.victim().request().id(), e.victim()));
            assertThat(fits(pass.nodes(), atHead.values(), head)).as("head %d waits although it fits", head.id())
                    .isFalse();

            Optional<Instant> start = earliestStart(pass.nodes(), atHead.values(), head);
            if (start.isPresent()) {
                // Once every grant that must end by the head's earliest start has ended, backfill included, the head
                // fits.
                List<Grant> then = pass.after().values().stream()
                        .filter(g -> g.endsBy() == null || g.endsBy().isAfter(start.get())).toList();
                assertThat(fits(pass.nodes(), then, head)).as("head %d fits by %s despite backfill %s", head.id(),
                        start.get(), backfill).isTrue();
            } else if (fits(pass.nodes(), List.of(), head)) {
                // The head needs work without a time limit to end: unbounded backfill alone must leave it room.
                List<Grant> then = pass.after().values().stream()
                        .filter(g -> backfill.contains(g.request().id()) && g.endsBy() == null).toList();
                assertThat(fits(pass.nodes(), then, head)).as("head %d fits beside the backfill %s", head.id(),
                        backfill).isTrue();
            }
        });
        Statistics.label("backfill behind a waiting head").collect(backfilled[0]);
        Statistics.label("backfill behind a waiting head").coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    @Property
    void onlyAHeadThatCanStartHoldsOtherWorkBack(@ForAll("scenarios") Scenario scenario) {
        boolean[] stuckHead = {false};
        simulate(scenario, pass -> {
            List<Long> heldBack = pass.outcome().waiting().entrySet().stream()
                    .filter(e -> e.getValue().reason() == Reason.WOULD_DELAY_HEAD).map(Map.Entry::getKey).toList();
            stuckHead[0] |= pass.outcome().waiting().entrySet().stream()
                    .anyMatch(e -> e.getValue().reason() == Reason.WAITING_FOR_DEVICES
                            && !fits(pass.nodes(), List.of(), pass.request(e.getKey())));
            if (!heldBack.isEmpty()) {
                assertThat(pass.headsThatCanStart()).as("requests %s wait for a head that cannot start on the"
                        + " schedulable nodes even once all running work has ended", heldBack).isNotEmpty();
            }
        });
        Statistics.label("a head needs a cordoned node").collect(stuckHead[0]);
        Statistics.label("a head needs a cordoned node").coverage(c -> c.check(true).percentage(p -> p > 1));
    }

    @Property
    void onlyPreemptibleWorkIsEvictedAndOnlyForWorkThatIsNot(@ForAll("scenarios") Scenario scenario) {
        boolean[] evicted = {false};
        simulate(scenario, pass -> {
            Set<Long> placed = Broker.byRequest(pass.outcome()).keySet();
            Set<Long> victims = new HashSet<>();
            for (Eviction eviction : pass.outcome().evicted()) {
                evicted[0] = true;
                Request victim = eviction.victim().request();
                assertThat(victims.add(victim.id())).as("request %d evicted twice", victim.id()).isTrue();
                assertThat(victim.preemptible()).as("evicted request %d is preemptible", victim.id()).isTrue();
                assertThat(pass.beforeGrants().get(victim.id())).as("evicted request %d was running", victim.id())
                        .isEqualTo(eviction.victim());
                assertThat(eviction.forRequest().preemptible())
                        .as("request %d that evicts %d is not preemptible", eviction.forRequest().id(), victim.id())
                        .isFalse();
                assertThat(placed).as("request %d evicted %d", eviction.forRequest().id(), victim.id())
                        .contains(eviction.forRequest().id());
            }
            // Nothing else that ran before the pass stops running because of it.
            Set<Long> stopped = new HashSet<>(pass.beforeGrants().keySet());
            stopped.removeAll(pass.after().keySet());
            assertThat(stopped).as("work stopped by the pass").isEqualTo(victims);
        });
        Statistics.label("an eviction happened").collect(evicted[0]);
        Statistics.label("an eviction happened").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    @Property
    void aSecondPassWithNothingChangedDecidesNothingNew(@ForAll("scenarios") Scenario scenario) {
        simulate(scenario, pass -> {
            Set<Long> placed = Broker.byRequest(pass.outcome()).keySet();
            List<Request> left = pass.queue().stream().filter(r -> !placed.contains(r.id())).toList();
            ClusterState state = new ClusterState(pass.nodes(), pass.after().values());

            Outcome again = Broker.schedule(state, left, pass.limits(), pass.now());

            assertThat(again.placed()).as("placed by a second pass with nothing changed").isEmpty();
            assertThat(again.evicted()).as("evicted by a second pass with nothing changed").isEmpty();
            assertThat(again.waiting()).as("why each request waits, once more").isEqualTo(pass.outcome().waiting());
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Questions about a cluster, asked through the public API
    // ---------------------------------------------------------------------------------------------------------------

    static boolean fits(List<Node> nodes, Collection<Grant> grants, Request request) {
        return Placer.place(new ClusterState(nodes, grants), request).isPresent();
    }

    /**
     * The earliest time the request fits, if running work ends when it must at the latest: the first end time after
     * which everything ending by then has given its devices back. Empty when bounded work alone never frees enough.
     */
    static Optional<Instant> earliestStart(List<Node> nodes, Collection<Grant> grants, Request request) {
        TreeSet<Instant> ends = grants.stream().map(Grant::endsBy).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        for (Instant end : ends) {
            List<Grant> left = grants.stream().filter(g -> g.endsBy() == null || g.endsBy().isAfter(end)).toList();
            if (fits(nodes, left, request)) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The simulation
    // ---------------------------------------------------------------------------------------------------------------

    /** What one pass saw and decided, and the live grants after its decisions were applied. */
    record Pass(List<Node> nodes, Limits limits, Instant now, ClusterState before, Map<Long, Grant> beforeGrants,
                List<Request> queue, Outcome outcome, ClusterState state, Map<Long, Grant> after) {

        Node node(long id) {
            return nodes.stream().filter(n -> n.id() == id).findFirst().orElse(null);
        }

        Request request(long id) {
            return queue.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        }

        /** The requests waiting first in line that could start on the schedulable nodes once all work has ended. */
        List<Long> headsThatCanStart() {
            return outcome.waiting().entrySet().stream()
                    .filter(e -> e.getValue().reason() == Reason.WAITING_FOR_DEVICES
                            && fits(nodes, List.of(), request(e.getKey())))
                    .map(Map.Entry::getKey).toList();
        }
    }

    static void simulate(Scenario scenario, Consumer<Pass> check) {
        simulate(scenario, Broker.MAX_ROUNDS, check);
    }

    /** The simulation with passes of at most this many rounds. */
    static void simulate(Scenario scenario, int rounds, Consumer<Pass> check) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < scenario.nodes().size(); i++) {
            NodePlan plan = scenario.nodes().get(i);
            nodes.add(new Node(i + 1, plan.npu() ? NPU : GPU, 8, plan.npu() ? 4 : 8, plan.cpu(), plan.memoryMib(),
                    !plan.cordoned()));
        }
        Limits limits = limitsOf(scenario);
        long[] ids = {0};

        // Running work, placed the way the broker would on the cluster before some nodes were cordoned.
        ClusterState open = new ClusterState(nodes.stream().map(n -> new Node(n.id(), n.specId(), n.devices(),
                n.groupSize(), n.cpuCores(), n.memoryMib(), true)).toList(), List.of());
        Map<Long, Grant> live = new LinkedHashMap<>();
        for (Ask ask : scenario.running()) {
            Request request = requestOf(ask, ++ids[0], scenario, START.minus(Duration.ofHours(1)));
            Integer perUser = limits.perUser().get(Limits.key(request.projectId(), request.specId()));
            boolean withinLimits = open.heldByProject(request.projectId(), request.specId()) + request.devices()
                    <= limits.quotaOf(request.projectId(), request.specId())
                    && (perUser == null || open.heldByUser(request.projectId(), request.userId(), request.specId())
                    + request.devices() <= perUser);
            Optional<List<Grant.Slot>> slots = withinLimits ? Placer.place(open, request) : Optional.empty();
            if (slots.isPresent()) {
                Grant grant = new Grant(request, slots.get(), START.minus(Duration.ofHours(1)),
                        request.maxHours() == null ? null : START.plus(Duration.ofHours(request.maxHours())));
                open.give(grant);
                live.put(request.id(), grant);
            }
        }

        List<Request> queue = new ArrayList<>();
        Instant now = START;
        for (Round round : scenario.rounds()) {
            now = now.plus(Duration.ofHours(round.hoursLater()));
            Instant time = now;
            live.values().removeIf(g -> g.endsBy() != null && !g.endsBy().isAfter(time));
            List<Long> running = new ArrayList<>(live.keySet());
            for (int pick : round.releases()) {
                if (!running.isEmpty()) {
                    live.remove(running.get(pick % running.size()));
                }
            }
            int arrival = 0;
            for (Ask ask : round.arrivals()) {
                Request request = requestOf(ask, ++ids[0], scenario, now.plusSeconds(++arrival));
                if (Broker.refusal(request, limits, nodes).isEmpty()) {
                    queue.add(request);
                }
            }

            Map<Long, Grant> beforeGrants = new LinkedHashMap<>(live);
            ClusterState state = new ClusterState(nodes, beforeGrants.values());
            ClusterState before = new ClusterState(nodes, beforeGrants.values());
            List<Request> queued = List.copyOf(queue);
            Outcome outcome = Broker.schedule(state, queued, limits, now, rounds);

            for (Placement placement : outcome.placed()) {
                Request request = placement.request();
                live.put(request.id(), new Grant(request, placement.slots(), now,
                        request.maxHours() == null ? null : now.plus(Duration.ofHours(request.maxHours()))));
            }
            outcome.evicted().forEach(e -> live.remove(e.victim().request().id()));
            Set<Long> placed = Broker.byRequest(outcome).keySet();
            queue.removeIf(r -> placed.contains(r.id()));
            check.accept(new Pass(nodes, limits, now, before, beforeGrants, queued, outcome, state,
                    Map.copyOf(live)));
        }
    }

    static Limits limitsOf(Scenario scenario) {
        Map<String, Integer> quota = new HashMap<>();
        Map<String, Integer> perUser = new HashMap<>();
        Map<Long, Integer> maxHours = new HashMap<>();
        for (int p = 0; p < scenario.projects().size(); p++) {
            ProjectPlan plan = scenario.projects().get(p);
            long project = p + 1;
            quota.put(Limits.key(project, GPU), plan.gpuQuota());
            quota.put(Limits.key(project, NPU), plan.npuQuota());
            if (plan.gpuPerUser() != null) {
                perUser.put(Limits.key(project, GPU), plan.gpuPerUser());
            }
            if (plan.npuPerUser() != null) {
                perUser.put(Limits.key(project, NPU), plan.npuPerUser());
            }
            if (plan.maxHours() != null) {
                maxHours.put(project, plan.maxHours());
            }
        }
        return new Limits(quota, perUser, maxHours, Map.of(GPU, COUNTS, NPU, COUNTS), Map.of());
    }

    static Request requestOf(Ask ask, long id, Scenario scenario, Instant submittedAt) {
        long project = ask.project() % scenario.projects().size() + 1;
        Shape shape = ask.shape();
        int perNode = shape.nodes() > 1 ? 8 : shape.devicesPerNode();
        return new Request(id, project, project * 10 + ask.user(), shape.npu() ? NPU : GPU, shape.nodes(), perNode,
                shape.cpu(), shape.memoryMib(), ask.priority(), ask.preemptible(), submittedAt, ask.hours());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generators
    // ---------------------------------------------------------------------------------------------------------------

    record NodePlan(boolean npu, int cpu, long memoryMib, boolean cordoned) {
    }

    record ProjectPlan(int gpuQuota, int npuQuota, Integer gpuPerUser, Integer npuPerUser, Integer maxHours) {
    }

    record Shape(boolean npu, int nodes, int devicesPerNode, int cpu, long memoryMib) {
    }

    record Ask(int project, int user, Shape shape, int priority, boolean preemptible, Integer hours) {
    }

    record Round(int hoursLater, List<Integer> releases, List<Ask> arrivals) {
    }

    record Scenario(List<NodePlan> nodes, List<ProjectPlan> projects, List<Ask> running, List<Round> rounds) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<NodePlan> node = Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(16, 32, 64, 128),
                Arbitraries.of(64L * 1024, 256L * 1024, 512L * 1024),
                Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true))).as(NodePlan::new);
        Arbitrary<Integer> quota = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(1, 4), Tuple.of(2, 8),
                Tuple.of(2, 16), Tuple.of(3, 32), Tuple.of(3, 64));
        Arbitrary<Integer> perUser = Arbitraries.of(2, 4, 8, 16).injectNull(0.6);
        Arbitrary<ProjectPlan> project = Combinators.combine(quota, quota, perUser, perUser,
                Arbitraries.of(4, 8, 24).injectNull(0.75)).as(ProjectPlan::new);
        Arbitrary<Shape> shape = Combinators.combine(Arbitraries.of(false, true),
                Arbitraries.frequency(Tuple.of(8, 1), Tuple.of(1, 2), Tuple.of(1, 3)),
                Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(3, 2), Tuple.of(3, 4), Tuple.of(2, 8)),
                Arbitraries.of(1, 2, 4, 8, 16),
                Arbitraries.of(1024L, 8L * 1024, 32L * 1024, 128L * 1024)).as(Shape::new);
        Arbitrary<Ask> ask = asks(shape, Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)));
        Arbitrary<Ask> running = asks(shape, Arbitraries.of(false, true));
        Arbitrary<Round> round = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 999).list().ofMaxSize(3),
                ask.list().ofMaxSize(12)).as(Round::new);
        return Combinators.combine(node.list().ofMinSize(1).ofMaxSize(10), project.list().ofMinSize(1).ofMaxSize(4),
                running.list().ofMaxSize(30), round.list().ofMinSize(1).ofMaxSize(6)).as(Scenario::new);
    }

    static Arbitrary<Ask> asks(Arbitrary<Shape> shape, Arbitrary<Boolean> preemptible) {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2), shape,
                Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1)), preemptible,
                Arbitraries.integers().between(1, 12).injectNull(0.3)).as(Ask::new);
    }
}
