package io.gantry.cluster;

import static io.gantry.db.Tables.ACCELERATOR_SPEC;
import static io.gantry.db.Tables.FLAVOR;
import static io.gantry.db.Tables.FRAMEWORK_IMAGE;
import static io.gantry.db.Tables.NODE;
import static io.gantry.db.Tables.REGISTRY;

import io.gantry.db.tables.records.AcceleratorSpecRecord;
import io.gantry.db.tables.records.FrameworkImageRecord;
import io.gantry.db.tables.records.NodeRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class ClusterRepository {

    /** What the spec list may be sorted by. */
    static final SortableColumns<Field<?>> SPEC_SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", ACCELERATOR_SPEC.NAME)
            .add("vendor", ACCELERATOR_SPEC.VENDOR)
            .add("model", ACCELERATOR_SPEC.MODEL)
            .add("resourceName", ACCELERATOR_SPEC.RESOURCE_NAME)
            .add("nodeSelector", ACCELERATOR_SPEC.NODE_SELECTOR)
            .add("topologyGroupSize", ACCELERATOR_SPEC.TOPOLOGY_GROUP_SIZE)
            .add("pricePerDeviceHour", ACCELERATOR_SPEC.PRICE_DEVICE_HOUR)
            .add("pricePerCoreHour", ACCELERATOR_SPEC.PRICE_CORE_HOUR)
            .add("pricePerGibHour", ACCELERATOR_SPEC.PRICE_GIB_HOUR)
            .build();
    /** What the node list may be sorted by. */
    static final SortableColumns<Field<?>> NODE_SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", NODE.NAME)
            .add("kind", NODE.SIMULATED)
            .add("address", NODE.ADDRESS)
            .add("spec", ACCELERATOR_SPEC.NAME)
            .add("devices", NODE.DEVICE_COUNT)
            .add("cpu", NODE.CPU_CORES)
            .add("memory", NODE.MEMORY_MIB)
            .add("state", NODE.SCHEDULABLE)
            .add("labels", NODE.LABELS)
            .build();
    /** What the image list may be sorted by. */
    static final SortableColumns<Field<?>> IMAGE_SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", FRAMEWORK_IMAGE.NAME)
            .add("tag", FRAMEWORK_IMAGE.TAG)
            .add("login", FRAMEWORK_IMAGE.LOGIN_METHOD)
            .add("environment", FRAMEWORK_IMAGE.LOCAL_ENVIRONMENT)
            .add("description", FRAMEWORK_IMAGE.DESCRIPTION)
            .build();

    private final DSLContext db;

    ClusterRepository(DSLContext db) {
        this.db = db;
    }

    // specs

    List<AcceleratorSpec> specs() {
        return specs(List.of());
    }

    /** The specs in the asked order, then by name. */
    List<AcceleratorSpec> specs(List<ListSort> sort) {
        return db.selectFrom(ACCELERATOR_SPEC)
                .orderBy(SqlSort.orderBy(SPEC_SORTABLE, sort, ACCELERATOR_SPEC.NAME.asc()))
                .fetch(ClusterRepository::toSpec);
    }

    Optional<AcceleratorSpec> spec(long id) {
        return db.selectFrom(ACCELERATOR_SPEC).where(ACCELERATOR_SPEC.ID.eq(id)).fetchOptional(ClusterRepository::toSpec);
    }

    Optional<AcceleratorSpec> specNamed(String name) {
        return db.selectFrom(ACCELERATOR_SPEC).where(ACCELERATOR_SPEC.NAME.eq(name))
                .fetchOptional(ClusterRepository::toSpec);
    }

    boolean specNameTaken(String name, Long exceptId) {
        var condition = ACCELERATOR_SPEC.NAME.equalIgnoreCase(name);
        return db.fetchExists(ACCELERATOR_SPEC, exceptId == null ? condition : condition.and(ACCELERATOR_SPEC.ID.ne(exceptId)));
    }

    long insertSpec(SpecForm form, List<Integer> counts, Instant now) {
        AcceleratorSpecRecord record = db.newRecord(ACCELERATOR_SPEC);
        fill(record, form, counts);
        record.setCreatedAt(now);
        record.store();
        return record.getId();
    }

    void updateSpec(long id, SpecForm form, List<Integer> counts) {
        AcceleratorSpecRecord record = db.fetchSingle(ACCELERATOR_SPEC, ACCELERATOR_SPEC.ID.eq(id));
        fill(record, form, counts);
        record.store();
    }

    void deleteSpec(long id) {
        db.deleteFrom(ACCELERATOR_SPEC).where(ACCELERATOR_SPEC.ID.eq(id)).execute();
    }

    private static void fill(AcceleratorSpecRecord r, SpecForm form, List<Integer> counts) {
        r.setName(form.name().strip());
        r.setVendor(form.vendor().name());
        r.setModel(form.model().strip());
        r.setResourceName(form.resourceName().strip());
        r.setNodeSelector(form.nodeSelector() == null || form.nodeSelector().isBlank() ? null : form.nodeSelector().strip());
        r.setAllowedCounts(AllowedCounts.format(counts));
        r.setTopologyGroupSize(form.topologyGroupSize());
        r.setPriceDeviceHour(form.prices().perDeviceHour());
        r.setPriceCoreHour(form.prices().perCoreHour());
        r.setPriceGibHour(form.prices().perGibHour());
        r.setPodMinCpu(form.podLimits().minCpu());
        r.setPodMinMemoryMib(form.podLimits().minMemoryMib());
        r.setPodMaxCpu(form.podLimits().maxCpu());
        r.setPodMaxMemoryMib(form.podLimits().maxMemoryMib());
    }

    private static AcceleratorSpec toSpec(AcceleratorSpecRecord r) {
        return new AcceleratorSpec(r.getId(), r.getName(), Vendor.valueOf(r.getVendor()), r.getModel(),
                r.getResourceName(), r.getNodeSelector(), AllowedCounts.parse(r.getAllowedCounts()).orElse(List.of()),
                r.getTopologyGroupSize(),
                new Prices(r.getPriceDeviceHour(), r.getPriceCoreHour(), r.getPriceGibHour()),
                new PodLimits(r.getPodMinCpu(), r.getPodMinMemoryMib(), r.getPodMaxCpu(), r.getPodMaxMemoryMib()));
    }

    // nodes

    List<NodeInfo> nodes() {
        return nodes(List.of());
    }

    /** The nodes in the asked order, then real ones first and by name. */
    List<NodeInfo> nodes(List<ListSort> sort) {
        return db.select(NODE.fields()).select(ACCELERATOR_SPEC.NAME).from(NODE)
                .leftJoin(ACCELERATOR_SPEC).on(ACCELERATOR_SPEC.ID.eq(NODE.SPEC_ID))
                .orderBy(SqlSort.orderBy(NODE_SORTABLE, sort, NODE.SIMULATED.asc(), NODE.NAME.asc()))
                .fetch(r -> toNode(r.into(NODE), r.get(ACCELERATOR_SPEC.NAME)));
    }

    /** A page of the nodes in the asked order, then real ones first and by name. */
    List<NodeInfo> nodes(List<ListSort> sort, int offset, int limit) {
        return db.select(NODE.fields()).select(ACCELERATOR_SPEC.NAME).from(NODE)
                .leftJoin(ACCELERATOR_SPEC).on(ACCELERATOR_SPEC.ID.eq(NODE.SPEC_ID))
                .orderBy(SqlSort.orderBy(NODE_SORTABLE, sort, NODE.SIMULATED.asc(), NODE.NAME.asc(), NODE.ID.asc()))
                .offset(offset).limit(limit)
                .fetch(r -> toNode(r.into(NODE), r.get(ACCELERATOR_SPEC.NAME)));
    }

    NodeTotals nodeTotals() {
        var devices = DSL.sum(NODE.DEVICE_COUNT);
        var schedulable = DSL.sum(DSL.when(NODE.SCHEDULABLE.isTrue(), NODE.DEVICE_COUNT).otherwise(0));
        return db.select(DSL.count(), devices, schedulable).from(NODE)
                .fetchOne(r -> new NodeTotals(r.value1(), r.value2() == null ? 0 : r.value2().intValue(),
                        r.value3() == null ? 0 : r.value3().intValue()));
    }

    Optional<NodeRecord> node(long id) {
        return db.selectFrom(NODE).where(NODE.ID.eq(id)).fetchOptional();
    }

    Optional<NodeRecord> nodeNamed(String name) {
        return db.selectFrom(NODE).where(NODE.NAME.eq(name)).fetchOptional();
    }

    /** Adds the node, or brings an existing node of that name up to date (its schedulable flag stays). */
    /**
     * Adds a node or brings the one of that name up to date, in one statement: replicas starting together, or a sync
     * at the start beside the periodic one, may name the same new node at once.
     */
    void upsertNode(String name, String address, Long specId, int devices, int cpuCores, long memoryMib, String labels,
                    boolean simulated, Instant now) {
        Map<Field<?>, Object> figures = new HashMap<>();
        figures.put(NODE.ADDRESS, address);
        figures.put(NODE.SPEC_ID, specId);
        figures.put(NODE.DEVICE_COUNT, devices);
        figures.put(NODE.CPU_CORES, cpuCores);
        figures.put(NODE.MEMORY_MIB, memoryMib);
        figures.put(NODE.LABELS, labels);
        figures.put(NODE.SIMULATED, simulated);
        try {
            db.insertInto(NODE).set(NODE.NAME, name).set(NODE.SCHEDULABLE, true).set(NODE.CREATED_AT, now)
                    .set(figures).onConflict(NODE.NAME).doUpdate().set(figures).execute();
        } catch (org.springframework.dao.DuplicateKeyException addedMeanwhile) {
            // H2's MERGE, which stands in for ON CONFLICT there, still fails when another transaction adds the same
            // name while it runs (PostgreSQL waits and updates); the node is there now, so it is updated.
            db.update(NODE).set(figures).where(NODE.NAME.eq(name)).execute();
        }
    }

    void setSchedulable(long id, boolean schedulable) {
        db.update(NODE).set(NODE.SCHEDULABLE, schedulable).where(NODE.ID.eq(id)).execute();
    }

    boolean specHasNodes(long specId) {
        return db.fetchExists(NODE, NODE.SPEC_ID.eq(specId));
    }

    List<Capacity> capacity() {
        var all = DSL.sum(NODE.DEVICE_COUNT);
        var schedulable = DSL.sum(DSL.when(NODE.SCHEDULABLE.isTrue(), NODE.DEVICE_COUNT).otherwise(0));
        return db.select(ACCELERATOR_SPEC.ID, all, schedulable).from(ACCELERATOR_SPEC)
                .leftJoin(NODE).on(NODE.SPEC_ID.eq(ACCELERATOR_SPEC.ID))
                .groupBy(ACCELERATOR_SPEC.ID)
                .fetch(r -> new Capacity(r.value1(), r.value2() == null ? 0 : r.value2().intValue(),
                        r.value3() == null ? 0 : r.value3().intValue()));
    }

    private static NodeInfo toNode(NodeRecord r, String specName) {
        return new NodeInfo(r.getId(), r.getName(), r.getAddress(), r.getSpecId(), specName, r.getDeviceCount(),
                r.getCpuCores(), r.getMemoryMib(), r.getSchedulable(), r.getLabels(), r.getSimulated());
    }

    // flavors

    List<Flavor> flavors(long specId) {
        return db.selectFrom(FLAVOR).where(FLAVOR.SPEC_ID.eq(specId)).orderBy(FLAVOR.CPU_CORES, FLAVOR.MEMORY_MIB)
                .fetch(r -> new Flavor(r.getId(), r.getSpecId(), r.getName(), r.getCpuCores(), r.getMemoryMib()));
    }

    boolean flavorNameTaken(long specId, String name) {
        return db.fetchExists(FLAVOR, FLAVOR.SPEC_ID.eq(specId).and(FLAVOR.NAME.equalIgnoreCase(name)));
    }

    long insertFlavor(long specId, String name, int cpuCores, int memoryMib) {
        return db.insertInto(FLAVOR).set(FLAVOR.SPEC_ID, specId).set(FLAVOR.NAME, name).set(FLAVOR.CPU_CORES, cpuCores)
                .set(FLAVOR.MEMORY_MIB, memoryMib).returningResult(FLAVOR.ID).fetchOne(FLAVOR.ID);
    }

    Optional<Flavor> flavor(long id) {
        return db.selectFrom(FLAVOR).where(FLAVOR.ID.eq(id))
                .fetchOptional(r -> new Flavor(r.getId(), r.getSpecId(), r.getName(), r.getCpuCores(), r.getMemoryMib()));
    }

    void deleteFlavor(long id) {
        db.deleteFrom(FLAVOR).where(FLAVOR.ID.eq(id)).execute();
    }

    // registries and images

    List<Registry> registries() {
        return db.selectFrom(REGISTRY).orderBy(REGISTRY.NAME)
                .fetch(r -> new Registry(r.getId(), r.getName(), r.getUrl(), r.getUsername(), r.getSecretEncrypted() != null));
    }

    Optional<Registry> registry(long id) {
        return registries().stream().filter(r -> r.id() == id).findFirst();
    }

    boolean registryNameTaken(String name) {
        return db.fetchExists(REGISTRY, REGISTRY.NAME.equalIgnoreCase(name));
    }

    long insertRegistry(String name, String url, String username, String secretEncrypted, Instant now) {
        return db.insertInto(REGISTRY).set(REGISTRY.NAME, name).set(REGISTRY.URL, url).set(REGISTRY.USERNAME, username)
                .set(REGISTRY.SECRET_ENCRYPTED, secretEncrypted).set(REGISTRY.CREATED_AT, now)
                .returningResult(REGISTRY.ID).fetchOne(REGISTRY.ID);
    }

    Optional<String> registrySecret(long id) {
        return db.select(REGISTRY.SECRET_ENCRYPTED).from(REGISTRY).where(REGISTRY.ID.eq(id)).fetchOptional(r -> r.value1());
    }

    boolean registryInUse(long id) {
        return db.fetchExists(FRAMEWORK_IMAGE, FRAMEWORK_IMAGE.REGISTRY_ID.eq(id));
    }

    void deleteRegistry(long id) {
        db.deleteFrom(REGISTRY).where(REGISTRY.ID.eq(id)).execute();
    }

    List<FrameworkImage> images() {
        return images(List.of());
    }

    /** The platform's images in the asked order, then by name and tag. */
    List<FrameworkImage> images(List<ListSort> sort) {
        return db.selectFrom(FRAMEWORK_IMAGE).where(FRAMEWORK_IMAGE.OWNER_ID.isNull())
                .orderBy(SqlSort.orderBy(IMAGE_SORTABLE, sort, FRAMEWORK_IMAGE.NAME.asc(), FRAMEWORK_IMAGE.TAG.asc()))
                .fetch(ClusterRepository::toImage);
    }

    /** The private registry an image (a platform one or a custom one) is pulled from, if any. */
    Optional<Long> imageRegistryId(long imageId) {
        return db.select(FRAMEWORK_IMAGE.REGISTRY_ID).from(FRAMEWORK_IMAGE).where(FRAMEWORK_IMAGE.ID.eq(imageId))
                .fetchOptional(r -> r.value1());
    }

    Optional<FrameworkImage> platformImage(long id) {
        return db.selectFrom(FRAMEWORK_IMAGE).where(FRAMEWORK_IMAGE.ID.eq(id), FRAMEWORK_IMAGE.OWNER_ID.isNull())
                .fetchOptional(ClusterRepository::toImage);
    }

    /**
     * Whether the name and tag are taken among the platform's images (scope 0); each project's custom images are a
     * scope of their own, which the container feature keeps.
     */
    boolean imageTaken(String name, String tag, Long exceptId) {
        var condition = FRAMEWORK_IMAGE.NAME.eq(name).and(FRAMEWORK_IMAGE.TAG.eq(tag))
                .and(FRAMEWORK_IMAGE.SCOPE_ID.eq(0L));
        return db.fetchExists(FRAMEWORK_IMAGE, exceptId == null ? condition : condition.and(FRAMEWORK_IMAGE.ID.ne(exceptId)));
    }

    long saveImage(Long id, FrameworkImage image, Instant now) {
        FrameworkImageRecord r = id == null ? db.newRecord(FRAMEWORK_IMAGE)
                : db.fetchSingle(FRAMEWORK_IMAGE, FRAMEWORK_IMAGE.ID.eq(id));
        r.setName(image.name());
        r.setTag(image.tag());
        r.setRegistryId(image.registryId());
        r.setLoginMethod(image.loginMethod().name());
        r.setOffersSsh(image.offersSsh());
        r.setOffersJupyter(image.offersJupyter());
        r.setOffersTerminal(image.offersTerminal());
        r.setOffersTensorboard(image.offersTensorboard());
        r.setLocalEnvironment(image.localEnvironment());
        r.setDescription(image.description());
        if (id == null) {
            r.setCreatedAt(now);
        }
        r.store();
        return r.getId();
    }

    void deleteImage(long id) {
        db.deleteFrom(FRAMEWORK_IMAGE).where(FRAMEWORK_IMAGE.ID.eq(id), FRAMEWORK_IMAGE.OWNER_ID.isNull()).execute();
    }

    private static FrameworkImage toImage(FrameworkImageRecord r) {
        return new FrameworkImage(r.getId(), r.getName(), r.getTag(), r.getRegistryId(),
                LoginMethod.valueOf(r.getLoginMethod()), r.getOffersSsh(), r.getOffersJupyter(), r.getOffersTerminal(),
                r.getOffersTensorboard(), r.getLocalEnvironment(), r.getDescription(),
                r.getOwnerId() == null ? null : new FrameworkImage.Custom(r.getOwnerId(), r.getProjectId(),
                        r.getSavedFiles(), r.getFrameworkType()));
    }
}
