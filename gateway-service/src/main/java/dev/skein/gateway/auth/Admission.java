package dev.skein.gateway.auth;

import dev.skein.gateway.session.ConnectionAccess;
import java.util.Optional;

/**
 * The outcome of {@link ConnectionAuthorizer#admit}: the connection's access, or the close code
 * and reason it is refused with.
 *
 * @param access present when admitted
 * @param closeCode the close code when refused
 * @param reason the close reason when refused
 * @param errorKind the {@code kind} tag of the error metric when refused
 */
public record Admission(Optional<ConnectionAccess> access, int closeCode, String reason, String errorKind) {

    static Admission admitted(ConnectionAccess access) {
        return new Admission(Optional.of(access), 0, "", "");
    }

    static Admission refused(int closeCode, String reason, String errorKind) {
        return new Admission(Optional.empty(), closeCode, reason, errorKind);
    }
}
