package dev.skein.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.s3.S3TestResource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {

    @Test
    void keysArePinnedAndTheTestResourceUsesThem() {
        assertEquals("skein.storage.endpoint", StorageSettings.ENDPOINT_KEY);
        assertEquals("skein.storage.access-key", StorageSettings.ACCESS_KEY_KEY);
        assertEquals("skein.storage.secret-key", StorageSettings.SECRET_KEY_KEY);
        assertEquals("skein.storage.persistence-group", StorageSettings.PERSISTENCE_GROUP_KEY);
        // testkit cannot depend on this library, so it repeats the keys: this test keeps them equal
        assertEquals(StorageSettings.ENDPOINT_KEY, S3TestResource.ENDPOINT_KEY);
        assertEquals(StorageSettings.ACCESS_KEY_KEY, S3TestResource.ACCESS_KEY_KEY);
        assertEquals(StorageSettings.SECRET_KEY_KEY, S3TestResource.SECRET_KEY_KEY);
    }

    @Test
    void storageIsOffWithoutAnEndpointAndNeedsKeysWithOne() {
        assertTrue(StorageSettings.from(key -> Optional.empty()).isEmpty());
        assertThrows(IllegalArgumentException.class,
            () -> StorageSettings.from(key -> Optional.ofNullable(Map.of(StorageSettings.ENDPOINT_KEY, "http://x").get(key))));
        StorageSettings settings = StorageSettings.from(key -> Optional.ofNullable(Map.of(
            StorageSettings.ENDPOINT_KEY, "http://x", StorageSettings.ACCESS_KEY_KEY, "a",
            StorageSettings.SECRET_KEY_KEY, "s").get(key))).orElseThrow();
        assertEquals(StorageSettings.BUCKET_DEFAULT, settings.bucket());
        assertFalse(settings.toString().contains("s]"), "the secret is never printed");
    }
}
