package discordcache.model;

import java.util.List;

/** Arrays read from Compact records, which writers in other languages may leave null. */
final class CompactArrays {
    private CompactArrays() {
    }

    static <T> List<T> list(T[] array) {
        return array == null ? List.of() : List.of(array);
    }
}
