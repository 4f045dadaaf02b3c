package io.gantry.monitoring;

/** A user's notices changed (one arrived, some were read): their bell shows the new unread count. */
public record NoticesChanged(long userId) {
}
