package io.granary.metadata.model;

/**
 * One entry of the versions family: exactly one of {@code object} (a noncurrent object version) and
 * {@code marker} (a delete marker, current or not) is set. Retention and legal hold are fields of the object
 * version, so they apply alike wherever the version lives.
 */
public record VersionRecord(ObjectRecord object, DeleteMarker marker) {

    /** Version 2: the object version may carry its lock. */
    public static final int FORMAT_VERSION = 3;

    public VersionRecord {
        if ((object == null) == (marker == null)) {
            throw new IllegalArgumentException("a version is either an object or a delete marker");
        }
    }

    public static VersionRecord of(ObjectRecord object) {
        return new VersionRecord(object, null);
    }

    public static VersionRecord of(DeleteMarker marker) {
        return new VersionRecord(null, marker);
    }

    public boolean deleteMarker() {
        return marker != null;
    }

    public String key() {
        return object != null ? object.key() : marker.key();
    }

    public String versionId() {
        return object != null ? object.versionId() : marker.versionId();
    }

    public long lastModifiedMillis() {
        return object != null ? object.lastModifiedMillis() : marker.lastModifiedMillis();
    }
}
