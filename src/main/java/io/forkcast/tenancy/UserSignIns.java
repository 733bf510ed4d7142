package io.forkcast.tenancy;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PublicUrls;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dashboard sign-in of tenant users: invitations (a one-time link to set a password, shown once and e-mailed),
 * password checks, password resets ("Forgot password?": a single-use link e-mailed to the address), and who a
 * signed-in session is now (role changes and removals apply at the next request).
 *
 * <p>An e-mail address is unique within a tenant only, so signing in with an address and a password can match
 * users of several tenants: every match is returned and the person picks the restaurant. Only tenants whose
 * password matched are ever named, so the sign-in page never tells which restaurants an address belongs to.
 */
@Service
public class UserSignIns {

    /** Where the dashboard serves invitation links: this path followed by the token. */
    public static final String INVITATION_PATH = "/app/invite/";

    /** Where the dashboard serves password reset links: this path followed by the token. */
    public static final String PASSWORD_RESET_PATH = "/app/reset/";

    /** Shortest password accepted; longer is better, and there is no rule about character classes. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Longest password accepted (bounds the hashing work one request can ask for). */
    public static final int MAX_PASSWORD_LENGTH = 128;

    /** A user who proved who they are, with what the dashboard needs for every request. */
    public record SignedInUser(TenantId tenantId, String tenantName, UUID userId, String email, String fullName,
            Role role, Plan plan) {
    }

    /** A new invitation: the token (and the link holding it) exists only here, the database keeps its hash. */
    public record Invitation(UUID userId, String email, String token, URI url, Instant expiresAt) {
    }

    /** What an invitation link shows before the password is set. */
    public record PendingInvitation(String email, String tenantName, Instant expiresAt, boolean expired) {
    }

    /** What a password reset link shows before the new password is set. */
    public record PendingReset(String email, String tenantName, Instant expiresAt, boolean expired) {
    }

    private final TenantUserRepository users;
    private final TenantRepository tenants;
    private final TenantClosureRepository closures;
    private final PlanCatalog plans;
    private final PasswordEncoder passwords;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate transactions;
    private final Duration inviteLifetime;
    private final Duration resetLifetime;
    private final ApplicationEventPublisher events;
    private final PublicUrls publicUrls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * Checked against when an address matches nobody, so that the answer takes as long as a real check. Hashed
     * once, off the start path: an Argon2 hash is a good share of a second of CPU on a small machine.
     */
    private volatile String decoyHash;

    UserSignIns(TenantUserRepository users, TenantRepository tenants, TenantClosureRepository closures,
            PlanCatalog plans, PasswordEncoder passwords,
            CurrentTenant currentTenant, TransactionTemplate transactions, TenancyProperties properties,
            PublicUrls publicUrls, Clock clock, ApplicationEventPublisher events) {
        this.users = users;
        this.tenants = tenants;
        this.closures = closures;
        this.plans = plans;
        this.passwords = passwords;
        this.currentTenant = currentTenant;
        this.transactions = transactions;
        this.inviteLifetime = properties.inviteLifetime();
        this.resetLifetime = properties.passwordResetLifetime();
        this.events = events;
        this.publicUrls = publicUrls;
        this.clock = clock;
    }

    /**
     * Hashes the decoy as soon as the instance is ready, on a thread of its own (not holding up readiness), so that
     * the first sign-in with an unknown address does not pay for it: paying would make that answer slower than a
     * known address's and tell them apart.
     */
    @EventListener(ApplicationReadyEvent.class)
    void prepareDecoy() {
        Thread.ofVirtual().name("sign-in-decoy").start(this::decoyHash);
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            synchronized (this) {
                hash = decoyHash;
                if (hash == null) {
                    hash = passwords.encode("decoy password, never anyone's");
                    decoyHash = hash;
                }
            }
        }
        return hash;
    }

    /**
     * The users, in any tenant, with this e-mail address and this password. Empty for a wrong password, an unknown
     * address, or a user who has not set a password yet (all three look the same to the caller). When the password
     * is right but every matching user's restaurant account is closed, {@link AccountClosedException} says so.
     */
    public List<SignedInUser> verify(String email, String password) {
        if (email == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
            return List.of();
        }
        String normalised = TenantUsers.normalise(email);
        List<TenantUser> candidates = currentTenant.callAsPlatform("sign-in: the e-mail address names the tenants",
                () -> transactions.execute(status -> users.findByEmail(normalised)));
        List<SignedInUser> matched = new ArrayList<>();
        AccountClosedException closed = null;
        boolean checked = false;
        for (TenantUser user : candidates) {
            if (user.passwordHash() == null) {
                continue;
            }
            checked = true;
            if (passwords.matches(password, user.passwordHash())) {
                current(user.tenantId(), user.id()).ifPresent(matched::add);
                if (closed == null) {
                    closed = closedAccount(user.tenantId()).orElse(null);
                }
            }
        }
        if (!checked) {
            passwords.matches(password, decoyHash());
        }
        if (matched.isEmpty() && closed != null) {
            throw closed;
        }
        return List.copyOf(matched);
    }

    private Optional<AccountClosedException> closedAccount(TenantId tenantId) {
        return currentTenant.callAsPlatform("sign-in: is the account closed?",
                () -> transactions.execute(status -> closures.findById(tenantId.value())
                        .flatMap(closure -> tenants.findById(tenantId.value())
                                .map(tenant -> new AccountClosedException(tenant.name(), closure.deleteAfter())))));
    }

    /** The user as they are now; empty once removed, or when the tenant is gone or its account closed. */
    public Optional<SignedInUser> current(TenantId tenantId, UUID userId) {
        return currentTenant.callAsPlatform("dashboard session: the user and their tenant",
                () -> transactions.execute(status -> users.findByTenantIdAndId(tenantId.value(), userId)
                        .filter(TenantUser::canSignIn)
                        .filter(user -> !closures.existsById(tenantId.value()))
                        .flatMap(user -> tenants.findById(tenantId.value()).map(tenant -> new SignedInUser(
                                tenantId, tenant.name(), user.id(), user.email(), user.fullName(), user.role(),
                                plans.ofStored(tenant.planName()))))));
    }

    /**
     * A fresh invitation for a user of the tenant (a previous one stops working). It also serves to reset a
     * forgotten password: an admin sends a new link.
     */
    public Invitation invite(TenantId tenantId, UUID userId) {
        return transactions.execute(status -> {
            TenantUser user = users.findByTenantIdAndId(tenantId.value(), userId)
                    .orElseThrow(() -> DomainException.notFound("User"));
            return invite(user);
        });
    }

    /** Within the caller's transaction: a new invitation for a user being saved, e-mailed after commit. */
    Invitation invite(TenantUser user) {
        String token = newToken();
        Instant now = clock.instant();
        user.invite(ApiKeys.sha256(token), now.plus(inviteLifetime), now);
        users.save(user);
        URI link = publicUrls.resolve(INVITATION_PATH + token);
        events.publishEvent(new UserInvited(user.tenantId(), tenantName(user), user.id(), user.email(), link,
                user.inviteExpiresAt()));
        return new Invitation(user.id(), user.email(), token, link, user.inviteExpiresAt());
    }

    /**
     * "Forgot password?": every user with this address (in any tenant) gets a single-use link by e-mail, after
     * commit. Says nothing back, so an unknown address and a known one look the same to the caller.
     */
    public void requestPasswordReset(String email) {
        if (email == null || email.isBlank() || email.length() > 320) {
            return;
        }
        String normalised = TenantUsers.normalise(email);
        currentTenant.callAsPlatform("password reset: the e-mail address names the tenants",
                () -> transactions.execute(status -> {
                    for (TenantUser user : users.findByEmail(normalised)) {
                        String token = newToken();
                        Instant now = clock.instant();
                        user.requestReset(ApiKeys.sha256(token), now.plus(resetLifetime), now);
                        users.save(user);
                        events.publishEvent(new PasswordResetRequested(user.tenantId(), tenantName(user), user.id(),
                                user.email(), publicUrls.resolve(PASSWORD_RESET_PATH + token),
                                user.resetExpiresAt()));
                    }
                    return null;
                }));
    }

    /** What a password reset link is for; empty for an unknown or used one. */
    public Optional<PendingReset> passwordReset(String token) {
        return currentTenant.callAsPlatform("reading a password reset: the token names the tenant",
                () -> findResetting(token).map(user -> new PendingReset(user.email(),
                        transactions.execute(status -> tenantName(user)), user.resetExpiresAt(),
                        !user.resetExpiresAt().isAfter(clock.instant()))));
    }

    /**
     * Sets a new password through a reset link (the link is used up, and so is any pending invitation). The
     * caller signs the user's other sessions out.
     */
    public SignedInUser resetPassword(String token, String password) {
        String hash = passwords.encode(checkedPassword(password));
        TenantUser user = currentTenant.callAsPlatform("resetting a password: the token names the tenant",
                () -> transactions.execute(status -> {
                    TenantUser resetting = findResetting(token)
                            .orElseThrow(() -> DomainException.notFound("Password reset"));
                    if (!resetting.resetExpiresAt().isAfter(clock.instant())) {
                        throw new DomainException(HttpStatus.GONE,
                                "This link has expired: ask for a new one with \"Forgot password?\" on the sign-in page.");
                    }
                    resetting.setPassword(hash, clock.instant());
                    return users.save(resetting);
                }));
        return current(user.tenantId(), user.id()).orElseThrow(() -> DomainException.notFound("User"));
    }

    /** What an invitation link is for; empty for an unknown or used one. */
    public Optional<PendingInvitation> invitation(String token) {
        return currentTenant.callAsPlatform("reading an invitation: the token names the tenant",
                () -> findInvited(token).map(user -> new PendingInvitation(user.email(),
                        transactions.execute(status -> tenantName(user)),
                        user.inviteExpiresAt(), !user.inviteExpiresAt().isAfter(clock.instant()))));
    }

    /** Sets the invited user's password (the invitation is used up) and signs them in. */
    public SignedInUser accept(String token, String password) {
        String hash = passwords.encode(checkedPassword(password));
        TenantUser user = currentTenant.callAsPlatform("accepting an invitation: the token names the tenant",
                () -> transactions.execute(status -> {
                    TenantUser invited = findInvited(token)
                            .orElseThrow(() -> DomainException.notFound("Invitation"));
                    if (!invited.inviteExpiresAt().isAfter(clock.instant())) {
                        throw new DomainException(HttpStatus.GONE,
                                "This invitation has expired: ask an admin of your restaurant for a new one.");
                    }
                    invited.setPassword(hash, clock.instant());
                    return users.save(invited);
                }));
        return current(user.tenantId(), user.id()).orElseThrow(() -> DomainException.notFound("User"));
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidFieldException("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidFieldException("password", "must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String tenantName(TenantUser user) {
        return tenants.findById(user.tenantId().value()).map(Tenant::name).orElse("");
    }

    private Optional<TenantUser> findResetting(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return currentTenant.callAsPlatform("reading a password reset: the token names the tenant",
                () -> transactions.execute(status -> users.findByResetSha256(ApiKeys.sha256(token))));
    }

    private Optional<TenantUser> findInvited(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return currentTenant.callAsPlatform("reading an invitation: the token names the tenant",
                () -> transactions.execute(status -> users.findByInviteSha256(ApiKeys.sha256(token))));
    }
}
