package io.gantry.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the machine Gantry runs on has: CPU cores and memory from the OS, NVIDIA GPUs from {@code nvidia-smi} and
 * Ascend NPUs from {@code npu-smi}, where those tools are installed.
 */
public final class HostProbe {

    /** Accelerators found on the host: how many, of which vendor and model. */
    public record Devices(Vendor vendor, String model, int count) {
    }

    public record Host(String name, String address, int cpuCores, long memoryMib, Optional<Devices> devices) {
    }

    private static final Pattern NPU_TOTAL = Pattern.compile("Total Count\\s*:\\s*(\\d+)");
    private static final Pattern NPU_NAME = Pattern.compile("Chip Name\\s*:\\s*(\\S+)");

    private HostProbe() {
    }

    public static Host probe() {
        String name;
        String address;
        try {
            InetAddress local = InetAddress.getLocalHost();
            name = local.getHostName();
            address = local.getHostAddress();
        } catch (IOException e) {
            name = "localhost";
            address = "127.0.0.1";
        }
        long memoryBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        Optional<Devices> devices = run("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
                .flatMap(HostProbe::parseNvidiaSmi)
                .or(() -> run("npu-smi", "info", "-l").flatMap(HostProbe::parseNpuSmi));
        return new Host(name, address, Runtime.getRuntime().availableProcessors(), memoryBytes / (1024 * 1024),
                devices);
    }

    /** One GPU name per line, as {@code nvidia-smi --query-gpu=name --format=csv,noheader} prints them. */
    static Optional<Devices> parseNvidiaSmi(String output) {
        List<String> names = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Devices(Vendor.NVIDIA, names.getFirst(), names.size()));
    }

    /** The summary of {@code npu-smi info -l}: "Total Count : 8" and a chip name per device. */
    static Optional<Devices> parseNpuSmi(String output) {
        Matcher total = NPU_TOTAL.matcher(output);
        if (!total.find() || Integer.parseInt(total.group(1)) == 0) {
            return Optional.empty();
        }
        Matcher name = NPU_NAME.matcher(output);
        return Optional.of(new Devices(Vendor.HUAWEI, name.find() ? "Ascend " + name.group(1) : "Ascend",
                Integer.parseInt(total.group(1))));
    }

    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A spec name for detected devices, e.g. "nvidia-tesla-t4". */
    public static String specName(Devices devices) {
        String slug = devices.model().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        String prefix = devices.vendor() == Vendor.HUAWEI ? "huawei" : "nvidia";
        return slug.startsWith(prefix) ? slug : prefix + "-" + slug;
    }
}
