package dev.skein.storage.s3;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the S3 API is and how to sign in, read from configuration under {@code skein.storage.*}
 * by every service that uses storage (the keys are defined here once).
 *
 * @param endpoint the S3 API endpoint, e.g. {@code http://127.0.0.1:9000}
 * @param accessKey the access key
 * @param secretKey the secret key
 * @param bucket the bucket holding {@code docs/...}
 * @param region the region used for signing
 */
public record StorageSettings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    /** Configuration key of the endpoint; storage is off when it is not set. */
    public static final String ENDPOINT_KEY = "skein.storage.endpoint";
    /** Configuration key of the access key. */
    public static final String ACCESS_KEY_KEY = "skein.storage.access-key";
    /** Configuration key of the secret key. */
    public static final String SECRET_KEY_KEY = "skein.storage.secret-key";
    /** Configuration key of the bucket. */
    public static final String BUCKET_KEY = "skein.storage.bucket";
    /** Default bucket. */
    public static final String BUCKET_DEFAULT = "skein";
    /** Configuration key of the signing region. */
    public static final String REGION_KEY = "skein.storage.region";
    /** Default signing region (MinIO's and S3Proxy's default). */
    public static final String REGION_DEFAULT = "us-east-1";
    /**
     * Configuration key, for readers of storage, of persistence-service's consumer group: its
     * committed offset of a partition says below which offset every record is in storage.
     */
    public static final String PERSISTENCE_GROUP_KEY = "skein.storage.persistence-group";
    /** Default consumer group of persistence-service (its {@code skein.persistence.group-id}). */
    public static final String PERSISTENCE_GROUP_DEFAULT = "skein-persistence-service";

    /** Checks that every value is present. */
    public StorageSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
    }

    /**
     * Reads the settings through {@code config} (a key to an optional value, e.g. MicroProfile
     * Config's {@code getOptionalValue}); empty when no endpoint is configured.
     *
     * @throws IllegalArgumentException if an endpoint is set without the keys
     */
    public static Optional<StorageSettings> from(Function<String, Optional<String>> config) {
        Optional<String> endpoint = config.apply(ENDPOINT_KEY).map(String::strip).filter(s -> !s.isEmpty());
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String access = config.apply(ACCESS_KEY_KEY).orElseThrow(
            () -> new IllegalArgumentException(ACCESS_KEY_KEY + " is required with " + ENDPOINT_KEY));
        String secret = config.apply(SECRET_KEY_KEY).orElseThrow(
            () -> new IllegalArgumentException(SECRET_KEY_KEY + " is required with " + ENDPOINT_KEY));
        return Optional.of(new StorageSettings(endpoint.get(), access, secret,
            config.apply(BUCKET_KEY).orElse(BUCKET_DEFAULT), config.apply(REGION_KEY).orElse(REGION_DEFAULT)));
    }

    @Override
    public String toString() {
        // never print the secret
        return "StorageSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}
