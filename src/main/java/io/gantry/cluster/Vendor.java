package io.gantry.cluster;

/** Who makes an accelerator, and how a local process is told which of its devices it may use. */
public enum Vendor {
    NVIDIA("CUDA_VISIBLE_DEVICES"),
    HUAWEI("ASCEND_VISIBLE_DEVICES"),
    OTHER("GANTRY_VISIBLE_DEVICES");

    private final String visibleDevicesVariable;

    Vendor(String visibleDevicesVariable) {
        this.visibleDevicesVariable = visibleDevicesVariable;
    }

    public String visibleDevicesVariable() {
        return visibleDevicesVariable;
    }
}
