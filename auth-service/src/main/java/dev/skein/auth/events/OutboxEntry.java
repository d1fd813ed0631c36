package dev.skein.auth.events;

import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One ACL change waiting to be published: written in the same transaction as the change itself,
 * deleted by {@link OutboxRelay} once the broker acknowledged its record. The id is an identity
 * column (taken at insert, after the document's lock), so ids of one document's rows follow the
 * order in which their transactions committed.
 */
@Entity
@Table(name = "acl_outbox")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "doc_id", nullable = false, length = 512)
    String docId;

    @Column(name = "principal", nullable = false, length = 255)
    String principal;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    AccessRole role;

    /** For Hibernate. */
    protected OutboxEntry() {
    }

    OutboxEntry(AclChange change) {
        this.docId = change.docId();
        this.principal = change.principal();
        this.role = change.role();
    }
}
