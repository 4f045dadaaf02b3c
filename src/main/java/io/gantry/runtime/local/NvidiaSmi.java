package io.gantry.runtime.local;

import io.gantry.runtime.WorkloadMetrics.DeviceMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** GPU utilisation and memory from {@code nvidia-smi}, for workloads on real NVIDIA devices. */
final class NvidiaSmi {

    private NvidiaSmi() {
    }

    static List<DeviceMetrics> read(List<Integer> indexes) {
        Map<Integer, DeviceMetrics> all = parse(query()).stream()
                .collect(Collectors.toMap(DeviceMetrics::index, Function.identity()));
        List<DeviceMetrics> mine = new ArrayList<>();
        for (int index : indexes) {
            mine.add(all.getOrDefault(index, new DeviceMetrics(index, false, null, null, null)));
        }
        return mine;
    }

    /** Lines of {@code index, utilization.gpu, memory.used, memory.total} in MiB, as nvidia-smi's CSV prints them. */
    static List<DeviceMetrics> parse(String csv) {
        List<DeviceMetrics> devices = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length < 4) {
                continue;
            }
            try {
                devices.add(new DeviceMetrics(Integer.parseInt(f[0].trim()), false, Double.parseDouble(f[1].trim()),
                        Long.parseLong(f[2].trim()) << 20, Long.parseLong(f[3].trim()) << 20));
            } catch (NumberFormatException notAFigure) {
                // "[N/A]" on devices that do not report a figure: leave the device out, it shows as unknown.
            }
        }
        return devices;
    }

    private static String query() {
        try {
            Process smi = new ProcessBuilder("nvidia-smi", "--query-gpu=index,utilization.gpu,memory.used,memory.total",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            String out = new String(smi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return smi.waitFor(5, TimeUnit.SECONDS) && smi.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
