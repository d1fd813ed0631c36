package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "doc-1", "Team_Notes.v2", "x~y", "..a", "0123456789"})
    void accepts(String id) {
        assertTrue(DocumentIds.isValid(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a b", "a%20b", "ä", "a?b", "a#b", "a\u0000b"})
    void rejects(String id) {
        assertFalse(DocumentIds.isValid(id));
        assertThrows(IllegalArgumentException.class, () -> DocumentIds.require(id));
    }

    @Test
    void lengthLimit() {
        assertTrue(DocumentIds.isValid("a".repeat(DocumentIds.MAX_LENGTH)));
        assertFalse(DocumentIds.isValid("a".repeat(DocumentIds.MAX_LENGTH + 1)));
        assertFalse(DocumentIds.isValid("a".repeat(10_000)));
        assertFalse(DocumentIds.isValid(null));
    }
}
