package io.gantry.runtime.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed values that let a browser into one workload's Jupyter host, both bound to a holder (the user Gantry
 * let in) and a workload: a ticket, short-lived and good once, that Gantry's page hands the browser on the way to the
 * Jupyter host, and the pass the Jupyter host keeps in a cookie after redeeming it. Signed with a key made at start
 * and never stored: a restart only asks users to open Jupyter from Gantry again.
 */
final class JupyterPasses {

    /** What a redeemed ticket or a valid pass says. */
    record Holder(String workload, String holder, Instant expires) {
    }

    private static final String TICKET = "ticket";
    private static final String PASS = "pass";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration ticketLifetime;
    private final Duration passLifetime;
    private final SecureRandom random = new SecureRandom();
    /** Redeemed tickets until they expire, so that none is redeemed twice. */
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    JupyterPasses(Clock clock, Duration ticketLifetime, Duration passLifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.ticketLifetime = ticketLifetime;
        this.passLifetime = passLifetime;
    }

    Duration passLifetime() {
        return passLifetime;
    }

    String ticket(String workload, String holder) {
        return sign(TICKET, workload, holder, clock.instant().plus(ticketLifetime));
    }

    String pass(String workload, String holder) {
        return sign(PASS, workload, holder, clock.instant().plus(passLifetime));
    }

    /** The holder of a ticket for this workload that is genuine, unexpired and not redeemed before; once only. */
    Optional<Holder> redeem(String workload, String ticket) {
        Optional<Holder> holder = verify(TICKET, workload, ticket);
        Instant now = clock.instant();
        redeemed.values().removeIf(expires -> expires.isBefore(now));
        return holder.filter(valid -> redeemed.putIfAbsent(ticket, valid.expires()) == null);
    }

    /** The holder of a genuine, unexpired pass for this workload. */
    Optional<Holder> check(String workload, String pass) {
        return verify(PASS, workload, pass);
    }

    private String sign(String kind, String workload, String holder, Instant expires) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String payload = String.join("|", kind, workload, holder, Long.toString(expires.toEpochMilli()),
                HexFormat.of().formatHex(nonce));
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(
                mac(payload));
    }

    private Optional<Holder> verify(String kind, String workload, String signed) {
        if (signed == null || signed.length() > 1024) {
            return Optional.empty();
        }
        int dot = signed.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(DECODER.decode(signed.substring(0, dot)), StandardCharsets.UTF_8);
            signature = DECODER.decode(signed.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 5 || !parts[0].equals(kind) || !parts[1].equals(workload)) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochMilli(Long.parseLong(parts[3]));
        return clock.instant().isBefore(expires) ? Optional.of(new Holder(parts[1], parts[2], expires))
                : Optional.empty();
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
