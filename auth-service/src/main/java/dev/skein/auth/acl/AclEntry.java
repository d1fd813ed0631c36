package dev.skein.auth.acl;

import dev.skein.contract.AccessRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One grant: a principal (user name or {@code group:NAME}) has a role on a document. A document
 * exists while it has at least one entry; its creator's entry is the first {@code OWNER}.
 */
@Entity
@Table(name = "acl_entry",
        uniqueConstraints = @UniqueConstraint(name = "acl_entry_doc_principal", columnNames = {"doc_id", "principal"}),
        indexes = @Index(name = "acl_entry_doc", columnList = "doc_id"))
public class AclEntry {

    @Id
    @GeneratedValue
    Long id;

    @Column(name = "doc_id", nullable = false, length = 512)
    String docId;

    @Column(name = "principal", nullable = false, length = 255)
    String principal;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    AccessRole role;

    /** For Hibernate. */
    protected AclEntry() {
    }

    AclEntry(String docId, String principal, AccessRole role) {
        this.docId = docId;
        this.principal = principal;
        this.role = role;
    }

    /** The document. */
    public String docId() {
        return docId;
    }

    /** Who the grant is for. */
    public String principal() {
        return principal;
    }

    /** The granted role (never {@link AccessRole#NONE}: revoking deletes the entry). */
    public AccessRole role() {
        return role;
    }

    void role(AccessRole role) {
        this.role = role;
    }
}
