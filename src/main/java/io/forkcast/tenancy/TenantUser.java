package io.forkcast.tenancy;

import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A person who works on a tenant's social media, with a role. E-mail addresses are stored lower-cased. */
@Entity
@Table(name = "tenant_users")
public class TenantUser {

    @Id
    private UUID id;

    private UUID tenantId;

    private String email;

    private String fullName;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Role role;

    /** The password's hash with its algorithm ({@code {argon2}...}); null until the user accepts an invitation. */
    private String passwordHash;

    /** SHA-256 of a pending invitation's token; null when none is pending. */
    private String inviteSha256;

    private Instant inviteExpiresAt;

    /** SHA-256 of a pending password reset's token; null when none is pending. */
    private String resetSha256;

    private Instant resetExpiresAt;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected TenantUser() {
    }

    TenantUser(TenantId tenantId, String email, String fullName, Role role, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId.value();
        this.email = email;
        this.fullName = fullName;
        this.role = role;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    void rename(String fullName, Instant now) {
        this.fullName = fullName;
        touch(now);
    }

    void changeRole(Role role, Instant now) {
        this.role = role;
        touch(now);
    }

    void invite(String tokenSha256, Instant expiresAt, Instant now) {
        this.inviteSha256 = tokenSha256;
        this.inviteExpiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        touch(now);
    }

    /** A new password reset (a previous one stops working); the password stays until the reset is used. */
    void requestReset(String tokenSha256, Instant expiresAt, Instant now) {
        this.resetSha256 = tokenSha256;
        this.resetExpiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        touch(now);
    }

    /** Sets the password and uses up the invitation or password reset that allowed it. */
    void setPassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.inviteSha256 = null;
        this.inviteExpiresAt = null;
        this.resetSha256 = null;
        this.resetExpiresAt = null;
        touch(now);
    }

    /** Until when the pending password reset works; null when none is pending. */
    Instant resetExpiresAt() {
        return resetExpiresAt;
    }

    /** Whether the user hears about problems (a failed delivery, an account to reconnect): owners and admins. */
    public boolean isAdmin() {
        return role == Role.OWNER || role == Role.ADMIN;
    }

    String passwordHash() {
        return passwordHash;
    }

    /** Whether the user can sign in to the dashboard (has set a password). */
    public boolean canSignIn() {
        return passwordHash != null;
    }

    /** Until when the pending invitation works; null when none is pending. */
    public Instant inviteExpiresAt() {
        return inviteExpiresAt;
    }

    private void touch(Instant now) {
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public UUID id() {
        return id;
    }

    public TenantId tenantId() {
        return new TenantId(tenantId);
    }

    public String email() {
        return email;
    }

    public String fullName() {
        return fullName;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
