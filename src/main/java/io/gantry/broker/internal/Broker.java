package io.gantry.broker.internal;

import io.gantry.broker.Explanation;
import io.gantry.broker.Explanation.Reason;
import io.gantry.broker.Grant;
import io.gantry.cluster.PodLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Decides who gets which devices, when (DESIGN §4). Plain logic: give it the cluster, what is given out, the queue
 * and the limits; it answers which requests to place where, which preemptible work to evict, and why each other
 * request waits.
 *
 * <p>The queue is fair across projects (the project using the smallest share of its quota goes first) and first come,
 * first served inside a project (higher priority first). The first request that cannot be placed is the head: the
 * broker reserves, on a copy of the cluster, the devices it will get once running work ends by its time limit, and
 * lets other projects' requests backfill only where that does not delay the head. A non-preemptible head of a
 * project under its quota may evict the smallest set of preemptible work that makes room.
 */
public final class Broker {

    private Broker() {
    }

    /** A request to place, and where. */
    public record Placement(Request request, List<Grant.Slot> slots) {
    }

    /** Preemptible work to evict so that another request fits. */
    public record Eviction(Grant victim, Request forRequest) {
    }

    /**
     * What one scheduling pass decided.
     *
     * @param settled whether the pass reached its fixed point: a pass over what it left would decide nothing new.
     *                False only when it stopped after {@link #MAX_ROUNDS} rounds; a further pass should then follow.
     */
    public record Outcome(List<Placement> placed, List<Eviction> evicted, Map<Long, Explanation> waiting,
                          boolean settled) {
    }

    /**
     * Rounds a pass may take before it gives up settling. Each round but the last places or evicts something, so a
     * queue settles in far fewer; the bound only keeps a pass's time in check.
     */
    public static final int MAX_ROUNDS = 100;

    /** Checks the rules a request must meet whatever the cluster's load; empty when it may queue. */
    public static Optional<Explanation> refusal(Request request, Limits limits, Collection<Node> nodes) {
        List<Integer> allowed = limits.allowedCounts().getOrDefault(request.specId(), List.of());
        int largest = allowed.stream().mapToInt(Integer::intValue).max().orElse(0);
        boolean countOk = request.nodes() == 1 ? allowed.contains(request.devicesPerNode())
                : request.nodes() > 1 && request.devicesPerNode() == largest && largest > 0;
        if (!countOk) {
            return Optional.of(Explanation.of(Reason.COUNT_NOT_ALLOWED, request.devicesPerNode(), largest, 0));
        }
        int quota = limits.quotaOf(request.projectId(), request.specId());
        if (request.devices() > quota) {
            return Optional.of(Explanation.of(Reason.OVER_QUOTA, request.devices(), quota, 0));
        }
        Integer perUser = limits.perUser().get(Limits.key(request.projectId(), request.specId()));
        if (perUser != null && request.devices() > perUser) {
            return Optional.of(Explanation.of(Reason.OVER_USER_LIMIT, request.devices(), perUser, 0));
        }
        Integer maxHours = limits.maxHours().get(request.projectId());
        if (maxHours != null && (request.maxHours() == null || request.maxHours() > maxHours)) {
            return Optional.of(Explanation.of(Reason.OVER_MAX_HOURS, request.maxHours() == null ? 0
                    : request.maxHours(), maxHours, 0));
        }
        PodLimits pod = limits.podLimits().get(request.specId());
        if (pod != null && !pod.admits(request.cpuPerNode(), request.memoryMibPerNode())) {
            return Optional.of(Explanation.of(Reason.OUTSIDE_POD_LIMITS, request.cpuPerNode(), pod.maxCpu(), 0));
        }
        ClusterState empty = new ClusterState(nodes.stream().map(n -> new Node(n.id(), n.specId(), n.devices(),
                n.groupSize(), n.cpuCores(), n.memoryMib(), true)).toList(), List.of());
        if (Placer.place(empty, request).isEmpty()) {
            return Optional.of(Explanation.of(Reason.NEVER_FITS, request.devices(), 0, 0));
        }
        return Optional.empty();
    }

    /**
     * One scheduling pass over the queue. Changes {@code state} to what it decides.
     *
     * <p>A pass goes round the queue until a round decides nothing new, so that a pass over what it left, with
     * nothing changed, decides nothing either: one round's placements change the fair order (the shares) and with it
     * which request is the head and what backfill its reservation allows, so a single round would leave work that
     * the next pass places. The waiting requests are explained as the last round found them.
     */
    public static Outcome schedule(ClusterState state, Collection<Request> queue, Limits limits, Instant now) {
        return schedule(state, queue, limits, now, MAX_ROUNDS);
    }

    /** A pass of at most {@code maxRounds} rounds; tests look at a single round with 1. */
    static Outcome schedule(ClusterState state, Collection<Request> queue, Limits limits, Instant now,
                            int maxRounds) {
        Map<Long, Placement> placed = new LinkedHashMap<>();
        List<Eviction> evicted = new ArrayList<>();
        List<Request> left = List.copyOf(queue);
        for (int round = 1; ; round++) {
            int before = placed.size() + evicted.size();
            Map<Long, Explanation> waiting = round(state, left, limits, now, placed, evicted);
            boolean settled = placed.size() + evicted.size() == before;
            if (settled || round == maxRounds) {
                return new Outcome(List.copyOf(placed.values()), List.copyOf(evicted), waiting, settled);
            }
            left = left.stream().filter(r -> !placed.containsKey(r.id())).toList();
        }
    }

    /**
     * One round over the queue: adds what it places to {@code placed} and what it evicts to {@code evicted}, and
     * answers why each request it leaves waits.
     */
    private static Map<Long, Explanation> round(ClusterState state, Collection<Request> queue, Limits limits,
                                                Instant now, Map<Long, Placement> placed, List<Eviction> evicted) {
        Map<Long, Deque<Request>> byProject = new LinkedHashMap<>();
        queue.stream()
                .sorted(Comparator.comparingInt(Request::priority).reversed()
                        .thenComparing(Request::submittedAt).thenComparingLong(Request::id))
                .forEach(r -> byProject.computeIfAbsent(r.projectId(), p -> new ArrayDeque<>()).add(r));
        PriorityQueue<Long> projects = new PriorityQueue<>(Comparator
                .comparingDouble((Long p) -> share(state, limits, byProject.get(p).peek()))
                .thenComparing(p -> byProject.get(p).peek().submittedAt())
                .thenComparingLong(p -> p));
        projects.addAll(byProject.keySet());

        Map<Long, Explanation> waiting = new LinkedHashMap<>();
        Reservation reservation = null;
        Set<Long> blockedProjects = new HashSet<>();
        Set<String> noRoom = new HashSet<>();
        int position = 0;

        while (!projects.isEmpty()) {
            long projectId = projects.poll();
            Deque<Request> line = byProject.get(projectId);
            Request request = line.poll();
            position++;

            Optional<Explanation> held = heldBack(state, limits, request);
            Optional<List<Grant.Slot>> slots = held.isPresent() || noRoom.contains(shape(request)) ? Optional.empty()
                    : Placer.place(state, request);
            if (slots.isPresent() && reservation != null && !reservation.allows(request, slots.get(), now)) {
                // The best fit would delay the head: look for room that keeps clear of the head's reservation.
                Reservation head = reservation;
                slots = head.around(state, request).filter(other -> head.allows(request, other, now));
                if (slots.isEmpty()) {
                    waiting.put(request.id(), explain(state, request, Reason.WOULD_DELAY_HEAD, position - 1));
                    blockedProjects.add(projectId);
                }
            }
            if (blockedProjects.contains(projectId)) {
                // Decided above: it waits.
            } else if (slots.isPresent()) {
                give(state, request, slots.get(), now);
                placed.put(request.id(), new Placement(request, slots.get()));
                if (reservation != null) {
                    reservation.shadow.give(grantOf(request, slots.get(), now));
                }
            } else if (held.isPresent()) {
                waiting.put(request.id(), held.get());
                blockedProjects.add(projectId);
            } else if (reservation == null) {
                // The head: try to make room by preemption, otherwise reserve its place in the future.
                List<Grant> victims = request.preemptible() ? List.of()
                        : victims(state, limits, request, now);
                if (!victims.isEmpty()) {
                    victims.forEach(v -> {
                        state.release(v.request().id());
                        evicted.add(new Eviction(v, request));
                    });
                    // The evicted devices may fit requests of a shape that found no room before.
                    noRoom.clear();
                    List<Grant.Slot> freed = Placer.place(state, request).orElseThrow();
                    give(state, request, freed, now);
                    placed.put(request.id(), new Placement(request, freed));
                } else {
                    // A head that cannot start even once all running work has ended (it needs a cordoned node)
                    // reserves nothing: the next request that cannot be placed becomes the head.
                    reservation = Reservation.of(state, request).orElse(null);
                    waiting.put(request.id(), explain(state, request, Reason.WAITING_FOR_DEVICES, position - 1));
                    blockedProjects.add(projectId);
                    noRoom.add(shape(request));
                }
            } else {
                waiting.put(request.id(), explain(state, request, Reason.WAITING_IN_LINE, position - 1));
                blockedProjects.add(projectId);
                noRoom.add(shape(request));
            }

            if (blockedProjects.contains(projectId)) {
                // First come, first served inside a project: nothing of it overtakes its waiting request.
                int ahead = position;
                for (Request later : line) {
                    waiting.put(later.id(), explain(state, later, Reason.WAITING_IN_LINE, ahead++));
                }
                position = ahead;
            } else if (!line.isEmpty()) {
                projects.add(projectId);
            }
        }
        return waiting;
    }

    /** Whether the project's quota or the user's limit holds the request back for now. */
    private static Optional<Explanation> heldBack(ClusterState state, Limits limits, Request request) {
        int quota = limits.quotaOf(request.projectId(), request.specId());
        int projectHolds = state.heldByProject(request.projectId(), request.specId());
        if (request.devices() > 0 && projectHolds + request.devices() > quota) {
            return Optional.of(Explanation.of(Reason.WAITING_FOR_PROJECT_QUOTA, request.devices(), quota,
                    projectHolds));
        }
        Integer perUser = limits.perUser().get(Limits.key(request.projectId(), request.specId()));
        int userHolds = state.heldByUser(request.projectId(), request.userId(), request.specId());
        if (perUser != null && request.devices() > 0 && userHolds + request.devices() > perUser) {
            return Optional.of(Explanation.of(Reason.WAITING_FOR_USER_LIMIT, request.devices(), perUser, userHolds));
        }
        return Optional.empty();
    }

    private static double share(ClusterState state, Limits limits, Request head) {
        int quota = limits.quotaOf(head.projectId(), head.specId());
        return quota == 0 ? Double.MAX_VALUE : (double) state.heldByProject(head.projectId(), head.specId()) / quota;
    }

    /** Requests of one shape fail alike once one has failed in a pass: no need to search the nodes again. */
    private static String shape(Request r) {
        return r.specId() + ":" + r.nodes() + "x" + r.devicesPerNode() + ":" + r.cpuPerNode() + ":"
                + r.memoryMibPerNode();
    }

    private static void give(ClusterState state, Request request, List<Grant.Slot> slots, Instant now) {
        state.give(grantOf(request, slots, now));
    }

    public static Grant grantOf(Request request, List<Grant.Slot> slots, Instant now) {
        Instant endsBy = request.maxHours() == null ? null : now.plus(Duration.ofHours(request.maxHours()));
        return new Grant(request, slots, now, endsBy);
    }

    /**
     * The smallest set of preemptible work whose eviction lets a non-preemptible request of a project under its quota
     * fit (fewest devices evicted, then fewest victims); empty if none does. Single-node requests only. Work placed
     * now (by this pass, or by one at this same instant) is not running yet and is never a victim: a pass evicts
     * nothing it placed itself, and a second pass with nothing changed evicts nothing the first placed.
     */
    static List<Grant> victims(ClusterState state, Limits limits, Request request, Instant now) {
        int quota = limits.quotaOf(request.projectId(), request.specId());
        if (request.nodes() != 1 || state.heldByProject(request.projectId(), request.specId()) + request.devices() > quota) {
            return List.of();
        }
        // The work that may be evicted, by the nodes it runs on.
        Map<Long, List<Grant>> evictable = new HashMap<>();
        for (Grant grant : state.grants()) {
            if (grant.request().preemptible() && grant.request().projectId() != request.projectId()
                    && (grant.startedAt() == null || grant.startedAt().isBefore(now))) {
                grant.slots().forEach(s -> evictable.computeIfAbsent(s.nodeId(), n -> new ArrayList<>()).add(grant));
            }
        }
        if (evictable.isEmpty()) {
            return List.of();
        }
        // One trial copy for all nodes: what is released on it for one node is given back before the next.
        ClusterState trial = state.copy();
        List<Grant> best = List.of();
        int bestDevices = Integer.MAX_VALUE;
        for (Node node : state.nodes()) {
            if (node.specId() != request.specId() || !node.schedulable() || node.devices() < request.devicesPerNode()
                    || !evictable.containsKey(node.id())) {
                continue;
            }
            List<Grant> onNode = evictable.get(node.id()).stream()
                    .sorted(Comparator.comparingInt(Grant::devices).thenComparing(Grant::startedAt,
                            Comparator.reverseOrder()).thenComparingLong(g -> g.request().id()))
                    .toList();
            List<Grant> chosen = new ArrayList<>();
            for (Grant grant : onNode) {
                if (Placer.fit(trial, node, request).isPresent()) {
                    break;
                }
                trial.release(grant.request().id());
                chosen.add(grant);
            }
            boolean fits = !chosen.isEmpty() && Placer.fit(trial, node, request).isPresent();
            if (fits) {
                // Keep only the victims that are needed.
                for (int i = chosen.size() - 1; i >= 0; i--) {
                    Grant spared = chosen.get(i);
                    trial.give(spared);
                    if (Placer.fit(trial, node, request).isPresent()) {
                        chosen.remove(i);
                    } else {
                        trial.release(spared.request().id());
                    }
                }
            }
            chosen.forEach(trial::give);
            if (!fits) {
                continue;
            }
            int devices = chosen.stream().mapToInt(Grant::devices).sum();
            if (devices < bestDevices || (devices == bestDevices && chosen.size() < best.size())) {
                best = List.copyOf(chosen);
                bestDevices = devices;
            }
        }
        return best;
    }

    /**
     * Why a request waits, with the cluster's free devices of its spec: the cluster state keeps those counts up to
     * date as devices are given and released, so a long queue is explained without looking at every node again.
     */
    private static Explanation explain(ClusterState state, Request request, Reason reason, int ahead) {
        // Devices count as usable in blocks the request could take: a whole group for large requests.
        int totalFree = state.totalFree(request.specId());
        int usableFree = state.usableFree(request.specId(), request.devicesPerNode());
        Grant next = state.nextToEnd(request.specId()).orElse(null);
        return new Explanation(reason, request.devices(), usableFree, totalFree, 0, 0,
                next == null ? null : next.request().id(), next == null ? null : next.endsBy(), ahead);
    }

    /** Where and from when the head will run, computed on a copy of the cluster. */
    private static final class Reservation {

        final ClusterState shadow;
        final Instant shadowTime;
        final Set<String> reservedDevices;
        final Request head;

        private Reservation(ClusterState shadow, Instant shadowTime, Set<String> reservedDevices, Request head) {
            this.shadow = shadow;
            this.shadowTime = shadowTime;
            this.reservedDevices = reservedDevices;
            this.head = head;
        }

        /**
         * Releases running work in the order it must end until the head fits; unknown ends count as last. Empty when
         * the head does not fit even once everything has ended.
         */
        static Optional<Reservation> of(ClusterState state, Request head) {
            ClusterState shadow = state.copy();
            List<Grant> ending = state.grants().stream()
                    .sorted(Comparator.comparing(Grant::endsBy, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparingLong(g -> g.request().id()))
                    .toList();
            Instant time = null;
            Optional<List<Grant.Slot>> slots = Placer.place(shadow, head);
            if (slots.isEmpty()) {
                // Releasing work only ever frees room: count the nodes that could take the head, look again only at
                // the nodes of each grant released, and place the head once enough of them could.
                Set<Long> fitting = new HashSet<>();
                shadow.nodes().stream().filter(n -> Placer.fits(shadow, n, head)).forEach(n -> fitting.add(n.id()));
                for (int i = 0; i < ending.size() && slots.isEmpty(); i++) {
                    Grant released = ending.get(i);
                    shadow.release(released.request().id());
                    time = released.endsBy();
                    for (Grant.Slot slot : released.slots()) {
                        Node node = shadow.node(slot.nodeId());
                        if (node != null && !fitting.contains(node.id()) && Placer.fits(shadow, node, head)) {
                            fitting.add(node.id());
                        }
                    }
                    if (fitting.size() >= head.nodes()) {
                        slots = Placer.place(shadow, head);
                    }
                }
            }
            if (slots.isEmpty()) {
                return Optional.empty();
            }
            Set<String> reserved = new HashSet<>();
            slots.get().forEach(s -> s.devices().forEach(d -> reserved.add(s.nodeId() + "#" + d)));
            return Optional.of(new Reservation(shadow, time, reserved, head));
        }

        /** Where the candidate would go if the head's reserved devices were taken already. */
        Optional<List<Grant.Slot>> around(ClusterState state, Request candidate) {
            Map<Long, List<Integer>> free = new HashMap<>();
            for (String device : reservedDevices) {
                long node = Long.parseLong(device.substring(0, device.indexOf('#')));
                int index = Integer.parseInt(device.substring(device.indexOf('#') + 1));
                if (!state.isBusy(node, index)) {
                    free.computeIfAbsent(node, n -> new ArrayList<>()).add(index);
                }
            }
            if (free.isEmpty()) {
                return Placer.place(state, candidate);
            }
            // Taken for a moment by a placeholder, and given back at once: no copy of the cluster needed.
            Request placeholder = new Request(-1, -1, -1, head.specId(), free.size(), 0, 0, 0, 0, false,
                    head.submittedAt(), null);
            state.give(new Grant(placeholder, free.entrySet().stream()
                    .map(e -> new Grant.Slot(e.getKey(), e.getValue())).toList(), null, null));
            try {
                return Placer.place(state, candidate);
            } finally {
                state.release(placeholder.id());
            }
        }

        /**
         * A backfill may start if it ends before the head's reserved start, or takes none of the head's reserved
         * devices and leaves the head room on the cluster as it will be then.
         */
        boolean allows(Request candidate, List<Grant.Slot> slots, Instant now) {
            if (shadowTime != null && candidate.maxHours() != null
                    && !now.plus(Duration.ofHours(candidate.maxHours())).isAfter(shadowTime)) {
                return true;
            }
            for (Grant.Slot slot : slots) {
                for (int device : slot.devices()) {
                    if (reservedDevices.contains(slot.nodeId() + "#" + device)) {
                        return false;
                    }
                }
            }
            shadow.give(grantOf(candidate, slots, now));
            try {
                return Placer.place(shadow, head).isPresent();
            } finally {
                shadow.release(candidate.id());
            }
        }
    }

    /** For tests and the service: all requests a pass would place, keyed by request id. */
    public static Map<Long, Placement> byRequest(Outcome outcome) {
        Map<Long, Placement> map = new HashMap<>();
        outcome.placed().forEach(p -> map.put(p.request().id(), p));
        return map;
    }
}
