package io.gantry.network.ui;

import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves a generated private key exactly once. The first request takes the key out of memory; every later one (a
 * second click, a copied link) gets 410 Gone, so the key exists nowhere on the server after it left.
 */
final class OneTimeDownload implements DownloadHandler {

    private static final int GONE = 410;

    private final AtomicReference<byte[]> content;
    private final String fileName;

    OneTimeDownload(String content, String fileName) {
        this.content = new AtomicReference<>(content.getBytes(StandardCharsets.US_ASCII));
        this.fileName = fileName;
    }

    @Override
    public void handleDownloadRequest(DownloadEvent event) throws IOException {
        byte[] bytes = content.getAndSet(null);
        if (bytes == null) {
            event.getResponse().setStatus(GONE);
            return;
        }
        try {
            event.setFileName(fileName);
            event.setContentType("application/octet-stream");
            event.setContentLength(bytes.length);
            try (OutputStream out = event.getOutputStream()) {
                out.write(bytes);
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    String fileName() {
        return fileName;
    }

    boolean taken() {
        return content.get() == null;
    }
}
