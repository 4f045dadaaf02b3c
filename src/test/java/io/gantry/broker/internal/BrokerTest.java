package io.gantry.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.Explanation.Reason;
import io.gantry.broker.Explanation;
import io.gantry.broker.Grant;
import io.gantry.broker.internal.Broker.Outcome;
import io.gantry.cluster.PodLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BrokerTest {

    static final long GPU = 1;
    static final long NPU = 2;
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final Map<String, Integer> quota = new HashMap<>();
    final Map<String, Integer> perUser = new HashMap<>();
    final Map<Long, Integer> maxHours = new HashMap<>();
    int nextId = 1;

    Limits limits() {
        return new Limits(quota, perUser, maxHours, Map.of(GPU, List.of(0, 1, 2, 4, 8), NPU, List.of(0, 1, 2, 4, 8)),
                Map.of());
    }

    static Node gpuNode(long id) {
        return new Node(id, GPU, 8, 8, 64, 512 * 1024, true);
    }

    static Node npuNode(long id) {
        return new Node(id, NPU, 8, 4, 192, 768 * 1024, true);
    }

    Request request(long project, long spec, int nodes, int perNode) {
        return request(project, spec, nodes, perNode, false, null);
    }

    Request request(long project, long spec, int nodes, int perNode, boolean preemptible, Integer hours) {
        quota.putIfAbsent(Limits.key(project, spec), 64);
        int id = nextId++;
        return new Request(id, project, 100 + project, spec, nodes, perNode, 2, 1024, 0, preemptible,
                NOW.plusSeconds(id), hours);
    }

    Grant running(Request request, long node, Instant endsBy, Integer... devices) {
        return new Grant(request, List.of(new Grant.Slot(node, List.of(devices))), NOW.minusSeconds(60), endsBy);
    }

    Outcome schedule(ClusterState state, Request... queue) {
        return Broker.schedule(state, List.of(queue), limits(), NOW);
    }

    static List<Integer> devicesOf(Outcome outcome, Request request) {
        return Broker.byRequest(outcome).get(request.id()).slots().getFirst().devices();
    }

    static long nodeOf(Outcome outcome, Request request) {
        return Broker.byRequest(outcome).get(request.id()).slots().getFirst().nodeId();
    }

    @Nested
    class Placement {

        @Test
        void bestFitPicksTheNodeWithTheFewestFreeDevicesThatStillFits() {
            ClusterState state = new ClusterState(List.of(gpuNode(1), gpuNode(2)),
                    List.of(running(request(9, GPU, 1, 4), 2, null, 0, 1, 2, 3, 4, 5)));
            Request two = request(1, GPU, 1, 2);
            Outcome outcome = schedule(state, two);
            assertThat(nodeOf(outcome, two)).isEqualTo(2);
            assertThat(devicesOf(outcome, two)).containsExactly(6, 7);
        }

        @Test
        void aRequestNoLargerThanAGroupStaysInsideTheFullestGroupThatFits() {
            // Group 0 (devices 0-3) has 3 and 2 free? here: busy 0,1,2 and 5 -> group 0 free {3}, group 1 free {4,6,7}.
            ClusterState state = new ClusterState(List.of(npuNode(1)),
                    List.of(running(request(9, NPU, 1, 4), 1, null, 0, 1, 2, 5)));
            Request two = request(1, NPU, 1, 2);
            assertThat(devicesOf(schedule(state, two), two)).containsExactly(4, 6);
            Request one = request(1, NPU, 1, 1);
            assertThat(devicesOf(schedule(state, one), one)).containsExactly(3);
        }

        @Test
        void neverStraddlesTwoGroupsEvenWhenEnoughDevicesAreFree() {
            ClusterState state = new ClusterState(List.of(npuNode(1)),
                    List.of(running(request(9, NPU, 1, 4), 1, null, 0, 1, 4, 5)));
            Request four = request(1, NPU, 1, 4);
            Outcome outcome = schedule(state, four);
            assertThat(outcome.placed()).isEmpty();
            assertThat(outcome.waiting().get(four.id()).reason()).isEqualTo(Reason.WAITING_FOR_DEVICES);
            assertThat(outcome.waiting().get(four.id()).totalFree()).isEqualTo(4);
            assertThat(outcome.waiting().get(four.id()).usableFree()).isZero();
        }

        @Test
        void eightNpusTakeBothWholeGroups() {
            ClusterState state = new ClusterState(List.of(npuNode(1)), List.of());
            Request eight = request(1, NPU, 1, 8);
            assertThat(devicesOf(schedule(state, eight), eight)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        }

        @Test
        void aGangTakesDistinctWholeNodesAllOrNothing() {
            ClusterState partly = new ClusterState(List.of(gpuNode(1), gpuNode(2)),
                    List.of(running(request(9, GPU, 1, 1), 2, null, 0)));
            Request gang = request(1, GPU, 2, 8);
            Outcome waits = schedule(partly, gang);
            assertThat(waits.placed()).isEmpty();
            assertThat(partly.freeDevices(partly.node(1))).isEqualTo(8);

            ClusterState free = new ClusterState(List.of(gpuNode(1), gpuNode(2)), List.of());
            Outcome placed = schedule(free, gang);
            assertThat(Broker.byRequest(placed).get(gang.id()).slots()).extracting(Grant.Slot::nodeId)
                    .containsExactlyInAnyOrder(1L, 2L);
        }

        @Test
        void cpuAndMemoryMustFitToo() {
            Node small = new Node(1, GPU, 8, 8, 4, 2048, true);
            ClusterState state = new ClusterState(List.of(small), List.of());
            Request big = new Request(50, 1, 101, GPU, 1, 1, 8, 1024, 0, false, NOW, null);
            quota.put(Limits.key(1, GPU), 8);
            assertThat(Broker.refusal(big, limits(), state.nodes()))
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.NEVER_FITS));
        }
    }

    @Nested
    class Refusals {

        @Test
        void overQuotaIsRefusedWithTheLimitAndTheNumbers() {
            Request nine = request(1, GPU, 1, 8);
            quota.put(Limits.key(1, GPU), 4);
            assertThat(Broker.refusal(nine, limits(), List.of(gpuNode(1)))).hasValueSatisfying(e -> {
                assertThat(e.reason()).isEqualTo(Reason.OVER_QUOTA);
                assertThat(e.needed()).isEqualTo(8);
                assertThat(e.limit()).isEqualTo(4);
            });
        }

        @Test
        void aCountTheSpecDoesNotAllowIsRefused() {
            Request three = request(1, NPU, 1, 3);
            assertThat(Broker.refusal(three, limits(), List.of(npuNode(1))))
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.COUNT_NOT_ALLOWED));
            Request gangOfFours = request(1, NPU, 2, 4);
            assertThat(Broker.refusal(gangOfFours, limits(), List.of(npuNode(1), npuNode(2))))
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.COUNT_NOT_ALLOWED));
        }

        @Test
        void theUserLimitAndTheMaximumRunTimeRefuse() {
            Request four = request(1, GPU, 1, 4, false, 48);
            perUser.put(Limits.key(1, GPU), 2);
            assertThat(Broker.refusal(four, limits(), List.of(gpuNode(1))))
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.OVER_USER_LIMIT));
            perUser.clear();
            maxHours.put(1L, 24L > 0 ? 24 : 0);
            assertThat(Broker.refusal(four, limits(), List.of(gpuNode(1))))
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.OVER_MAX_HOURS));
        }

        @Test
        void cpuAndMemoryOutsideTheSpecsPodLimitsAreRefusedAtTheSameBoundsAsAFlavor() {
            quota.put(Limits.key(1, GPU), 8);
            PodLimits pod = new PodLimits(2, 1024, 4, 2048);
            Limits limits = new Limits(quota, perUser, maxHours, Map.of(GPU, List.of(1)), Map.of(GPU, pod));
            Node node = new Node(1, GPU, 8, 8, 64, 65536, true);
            Request atTheBounds = new Request(60, 1, 101, GPU, 1, 1, 4, 2048, 0, false, NOW, null);
            assertThat(Broker.refusal(atTheBounds, limits, List.of(node))).isEmpty();
            for (Request outside : List.of(
                    new Request(61, 1, 101, GPU, 1, 1, 5, 2048, 0, false, NOW, null),
                    new Request(62, 1, 101, GPU, 1, 1, 1, 1024, 0, false, NOW, null),
                    new Request(63, 1, 101, GPU, 1, 1, 2, 2049, 0, false, NOW, null),
                    new Request(64, 1, 101, GPU, 1, 1, 2, 1023, 0, false, NOW, null))) {
                assertThat(pod.admits(outside.cpuPerNode(), outside.memoryMibPerNode())).isFalse();
                assertThat(Broker.refusal(outside, limits, List.of(node))).hasValueSatisfying(e ->
                        assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_POD_LIMITS));
            }
        }

        @Test
        void withinQuotaButWithoutRoomItWaits() {
            ClusterState state = new ClusterState(List.of(gpuNode(1)),
                    List.of(running(request(9, GPU, 1, 8), 1, null, 0, 1, 2, 3, 4, 5, 6, 7)));
            Request one = request(1, GPU, 1, 1);
            assertThat(Broker.refusal(one, limits(), state.nodes())).isEmpty();
            assertThat(schedule(state, one).waiting()).containsKey(one.id());
        }

        @Test
        void aProjectWhoseOwnWorkHoldsItsQuotaWaitsForIt() {
            quota.put(Limits.key(1, GPU), 8);
            ClusterState state = new ClusterState(List.of(gpuNode(1), gpuNode(2)),
                    List.of(running(request(1, GPU, 1, 4), 1, null, 0, 1, 2, 3),
                            running(request(1, GPU, 1, 2), 1, null, 4, 5)));
            Request four = request(1, GPU, 1, 4);
            Explanation why = schedule(state, four).waiting().get(four.id());
            assertThat(why.reason()).isEqualTo(Reason.WAITING_FOR_PROJECT_QUOTA);
            assertThat(why.held()).isEqualTo(6);
            assertThat(why.limit()).isEqualTo(8);
        }
    }

    @Nested
    class Queue {

        @Test
        void theProjectUsingTheSmallestShareOfItsQuotaGoesFirst() {
            quota.put(Limits.key(1, GPU), 8);
            quota.put(Limits.key(2, GPU), 8);
            ClusterState state = new ClusterState(List.of(gpuNode(1), gpuNode(2)),
                    List.of(running(request(1, GPU, 1, 4), 2, null, 0, 1, 2, 3),
                            running(request(9, GPU, 1, 8), 1, null, 0, 1, 2, 3, 4, 5, 6, 7)));
            Request early = request(1, GPU, 1, 4);
            Request late = request(2, GPU, 1, 4);
            Outcome outcome = schedule(state, early, late);
            assertThat(Broker.byRequest(outcome)).containsOnlyKeys(late.id());
            assertThat(outcome.waiting().get(early.id()).reason()).isEqualTo(Reason.WAITING_FOR_DEVICES);
        }

        @Test
        void insideAProjectALaterRequestNeverOvertakesAWaitingOne() {
            ClusterState state = new ClusterState(List.of(gpuNode(1)),
                    List.of(running(request(9, GPU, 1, 4), 1, null, 0, 1, 2, 3)));
            Request eight = request(1, GPU, 1, 8);
            Request one = request(1, GPU, 1, 1);
            Outcome outcome = schedule(state, eight, one);
            assertThat(outcome.placed()).isEmpty();
            assertThat(outcome.waiting().get(one.id()).reason()).isEqualTo(Reason.WAITING_IN_LINE);
            assertThat(outcome.waiting().get(one.id()).ahead()).isEqualTo(1);
        }

        @Test
        void aSmallerRequestBackfillsWhenItEndsBeforeTheHeadCanStart() {
            Request blocker = request(9, GPU, 1, 4);
            ClusterState state = new ClusterState(List.of(gpuNode(1)),
                    List.of(running(blocker, 1, NOW.plus(Duration.ofHours(3)), 0, 1, 2, 3)));
            Request head = request(1, GPU, 1, 8);
            Request quick = request(2, GPU, 1, 2, false, 2);
            Request endless = request(3, GPU, 1, 2, false, null);
            Outcome outcome = schedule(state, head, quick, endless);
            assertThat(Broker.byRequest(outcome)).containsOnlyKeys(quick.id());
            assertThat(outcome.waiting().get(endless.id()).reason()).isEqualTo(Reason.WOULD_DELAY_HEAD);
            // The head is explained as the pass leaves the cluster: the backfill ends first.
            Explanation why = outcome.waiting().get(head.id());
            assertThat(why.nextRelease()).isEqualTo(quick.id());
            assertThat(why.nextReleaseBy()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        }

        @Test
        void backfillMayUseNodesTheHeadDoesNotNeed() {
            ClusterState state = new ClusterState(List.of(gpuNode(1), gpuNode(2)),
                    List.of(running(request(9, GPU, 1, 4), 1, NOW.plus(Duration.ofHours(3)), 0, 1, 2, 3),
                            running(request(9, GPU, 1, 2), 2, null, 0, 1)));
            Request head = request(1, GPU, 1, 8);
            Request endless = request(3, GPU, 1, 2, false, null);
            Outcome outcome = schedule(state, head, endless);
            assertThat(nodeOf(outcome, endless)).isEqualTo(2);
        }
    }

    @Nested
    class Preemption {

        @Test
        void evictsTheSmallestSetOfPreemptibleWorkForAProjectUnderItsQuota() {
            List<Grant> grants = new ArrayList<>();
            grants.add(running(request(9, GPU, 1, 4, true, null), 1, null, 0, 1, 2, 3));
            grants.add(running(request(9, GPU, 1, 2, true, null), 1, null, 4, 5));
            grants.add(running(request(9, GPU, 1, 2, true, null), 1, null, 6, 7));
            ClusterState state = new ClusterState(List.of(gpuNode(1)), grants);
            quota.put(Limits.key(1, GPU), 8);
            Request urgent = request(1, GPU, 1, 2);
            Outcome outcome = schedule(state, urgent);
            assertThat(outcome.evicted()).hasSize(1);
            assertThat(outcome.evicted().getFirst().victim().devices()).isEqualTo(2);
            assertThat(Broker.byRequest(outcome)).containsKey(urgent.id());
        }

        @Test
        void neverEvictsWorkThatIsNotPreemptible() {
            ClusterState state = new ClusterState(List.of(gpuNode(1)),
                    List.of(running(request(9, GPU, 1, 8), 1, null, 0, 1, 2, 3, 4, 5, 6, 7)));
            Request urgent = request(1, GPU, 1, 2);
            Outcome outcome = schedule(state, urgent);
            assertThat(outcome.evicted()).isEmpty();
            assertThat(outcome.waiting()).containsKey(urgent.id());
        }

        @Test
        void preemptibleRequestsDoNotEvict() {
            ClusterState state = new ClusterState(List.of(gpuNode(1)),
                    List.of(running(request(9, GPU, 1, 8, true, null), 1, null, 0, 1, 2, 3, 4, 5, 6, 7)));
            Request lowly = request(1, GPU, 1, 2, true, null);
            assertThat(schedule(state, lowly).evicted()).isEmpty();
        }
    }
}
