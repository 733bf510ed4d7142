package io.forkcast.captions;

import io.forkcast.shared.Platform;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Caption generation: builds the brief (profile, item, tone, platform, language, recent captions) and its
 * prompt, asks the configured writer, applies the rules (banned words, platform limits) to what comes back and
 * compares it with the tenant's recent captions; a caption too close to one is written again, naming it, up to
 * {@code max-regenerations} times, after which the closest-scoring attempt is returned flagged. Every returned
 * caption is stored and counts as recent from then on.
 */
@Service
public class Captions {

    private static final Logger log = LoggerFactory.getLogger(Captions.class);
    /** Recent captions quoted in the prompt: the opening memory, within 10..30 to bound the prompt's size. */
    private static final int MIN_RECENT_IN_PROMPT = 10;
    private static final int MAX_RECENT_IN_PROMPT = 30;

    private final Tenants tenants;
    private final RestaurantProfiles profiles;
    private final RestaurantHours hours;
    private final MenuItems menuItems;
    private final StoredCaptionRepository captions;
    private final CaptionUsage usage;
    private final CaptionWriter writer;
    private final OfflineCaptionWriter offline;
    private final ObjectProvider<RecentCaptionSource> otherSources;
    private final PromptTemplate template;
    private final CaptionsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;

    Captions(Tenants tenants, RestaurantProfiles profiles, RestaurantHours hours, MenuItems menuItems, StoredCaptionRepository captions,
            CaptionUsage usage, CaptionWriter writer, ObjectProvider<RecentCaptionSource> otherSources,
            CaptionsProperties properties, MeterRegistry meters, Clock clock, PlatformTransactionManager transactions) {
        this.tenants = tenants;
        this.profiles = profiles;
        this.hours = hours;
        this.menuItems = menuItems;
        this.captions = captions;
        this.usage = usage;
        this.writer = writer;
        this.offline = new OfflineCaptionWriter();
        this.otherSources = otherSources;
        this.template = PromptTemplate.load(PromptTemplate.DEFAULT_LOCATION);
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.readWrite = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** A recent caption, with what is compared. */
    private record Recent(String reference, String text, String body, List<String> hashtags) {

        static Recent of(String reference, String text, List<String> hashtags) {
            return new Recent(reference, text, CaptionRules.HASHTAG.matcher(text).replaceAll(" ").strip(), hashtags);
        }
    }

    /** How one attempt compares with the recent captions. */
    private record Verdict(double score, String closest, String closestText, boolean openingRepeated,
            double hashtagOverlap, boolean tooClose) {
    }

    private record Attempt(CaptionRules.Checked checked, CaptionWriter.WrittenCaption written, Verdict verdict) {
    }

    /**
     * Writes {@code request.variants()} captions (each different from the recent ones and from each other),
     * stores them and returns them.
     *
     * @throws DomainException 404 for an unknown tenant or menu item, 429 over the plan's daily cap, 503 when the
     *                         provider fails and no fallback is configured
     */
    public List<GeneratedCaption> generate(TenantId tenantId, CaptionRequest request) {
        // What the request reads, in one read-only transaction; the writer is called outside any transaction.
        record Context(Tenant tenant, Plan plan, RestaurantProfile profile, OpeningHours hours, ItemDetails item) {
        }
        UUID menuItemId = request.menuItemId();
        Context context = readOnly.execute(status -> {
            Tenant tenant = tenants.get(tenantId);
            return new Context(tenant, tenants.planOf(tenantId), profiles.get(tenantId), hours.get(tenantId),
                    menuItemId != null ? ItemDetails.of(menuItems.get(tenantId, menuItemId)) : request.item());
        });
        Tenant tenant = context.tenant();
        Plan plan = context.plan();
        RestaurantProfile profile = context.profile();
        ItemDetails item = context.item();
        MenuItems.checkPrice(item.price(), item.currency());
        Tone tone = request.tone() != null ? request.tone() : profile.voice();
        String language = request.language() != null ? request.language() : profile.defaultLanguage();
        String restaurant = profile.name() != null ? profile.name() : tenant.name();
        LocalDate day = LocalDate.now(clock.withZone(tenant.timezone()));
        PostTiming timing = PostTiming.of(request.scheduledFor() == null ? null : request.scheduledFor().toInstant(),
                tenant.timezone(), context.hours());

        List<Recent> recent = readWrite.execute(status -> {
            usage.reserve(tenantId, plan, day);
            return recent(tenantId);
        });
        List<GeneratedCaption> results = new ArrayList<>();
        try {
            for (int variant = 0; variant < request.variantCount(); variant++) {
                GeneratedCaption caption = generateOne(tenantId, plan, day, profile, restaurant, menuItemId, item,
                        request, tone, language, recent, timing);
                results.add(caption);
                recent.addFirst(Recent.of("caption:" + caption.id(), caption.text(), caption.hashtags()));
            }
            return results;
        } catch (CaptionWriterUnavailable e) {
            if (results.isEmpty()) {
                usage.release(tenantId, day);
            }
            meters.counter("forkcast.captions.provider.failures", "writer", writer.name()).increment();
            throw new DomainException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The caption writer is unavailable: " + e.reason() + " Try again in a few minutes.");
        }
    }

    /**
     * The highest wording similarity (0..1) of {@code caption} to any of {@code others}, measured as anti-repetition
     * measures a new caption against the recent ones (hashtags left out, IDF over all of them).
     */
    public static double closestWording(String caption, List<String> others) {
        if (others.isEmpty()) {
            return 0;
        }
        double[] scores = Similarity.cosines(Recent.of("", caption, List.of()).body(),
                others.stream().map(other -> Recent.of("", other, List.of()).body()).toList());
        return java.util.Arrays.stream(scores).max().orElse(0);
    }

    /** A generated caption of the tenant, to attach to a post or show again. */
    @Transactional(readOnly = true)
    public Optional<GeneratedCaption> find(TenantId tenantId, UUID captionId) {
        return captions.findByTenantIdAndId(tenantId.value(), captionId).map(this::view);
    }

    /** Today's caption requests, cap and token usage of a tenant (its own calendar day). */
    public DailyUsage usageToday(TenantId tenantId) {
        Tenant tenant = tenants.get(tenantId);
        return usage.of(tenantId, tenants.planOf(tenantId), LocalDate.now(clock.withZone(tenant.timezone())));
    }

    private GeneratedCaption generateOne(TenantId tenantId, Plan plan, LocalDate day, RestaurantProfile profile,
            String restaurant, UUID menuItemId, ItemDetails item, CaptionRequest request, Tone tone, String language,
            List<Recent> recent, PostTiming timing) {
        Set<String> signature = profile.signatureHashtags().stream()
                .map(tag -> tag.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> tooClose = new ArrayList<>();
        Attempt best = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= properties.maxRegenerations(); attempt++) {
            attempts++;
            CaptionBrief brief = brief(profile, restaurant, item, request, tone, language, recent, tooClose, attempt,
                    timing);
            CaptionWriter.WrittenCaption written = write(brief);
            usage.addTokens(tenantId, plan, day, written.writer(), written.promptTokens(), written.completionTokens());
            // The time words the time contradicts go as banned words: whatever the writer did, they do not leave.
            CaptionRules.Checked checked = CaptionRules.enforce(written.text(), request.platform(),
                    java.util.stream.Stream.concat(profile.bannedWords().stream(), timing.forbiddenWords().stream())
                            .toList());
            if (checked.text().isBlank()) {
                continue;
            }
            Verdict verdict = judge(checked, recent, signature);
            Attempt current = new Attempt(checked, written, verdict);
            if (best == null || rank(current).compareTo(rank(best)) < 0) {
                best = current;
            }
            if (!verdict.tooClose()) {
                break;
            }
            if (verdict.closestText() != null && !tooClose.contains(verdict.closestText())) {
                tooClose.add(verdict.closestText());
            }
        }
        if (best == null) {
            throw new CaptionWriterUnavailable("it returned nothing usable.");
        }
        Verdict verdict = best.verdict();
        StoredCaption stored = captions.saveAndFlush(new StoredCaption(tenantId, menuItemId, item.name(),
                request.platform(), tone, best.written().language(), best.checked().text(), best.checked().hashtags(),
                best.written().writer(), best.written().model(), verdict.score(), verdict.closest(), verdict.tooClose(),
                attempts, clock.instant()));
        meters.counter("forkcast.captions.generated", "writer", best.written().writer(), "platform",
                request.platform().wireName(), "too_similar", Boolean.toString(verdict.tooClose())).increment();
        return view(stored, best.checked(), verdict);
    }

    private CaptionWriter.WrittenCaption write(CaptionBrief brief) {
        try {
            return writer.write(brief);
        } catch (CaptionWriterUnavailable e) {
            if (!properties.fallbackToOffline() || writer instanceof OfflineCaptionWriter) {
                throw e;
            }
            log.warn("Caption writer '{}' failed ({}); writing with the offline writer instead", writer.name(), e.reason());
            meters.counter("forkcast.captions.fallbacks", "writer", writer.name()).increment();
            return offline.write(brief);
        }
    }

    /** Lower is better: not too close first, then no repeated opening, then the lowest wording similarity. */
    private static String rank(Attempt a) {
        Verdict v = a.verdict();
        return String.format(Locale.ROOT, "%d%d%.6f", v.tooClose() ? 1 : 0, v.openingRepeated() ? 1 : 0, v.score());
    }

    private Verdict judge(CaptionRules.Checked checked, List<Recent> recent, Set<String> signature) {
        if (recent.isEmpty()) {
            return new Verdict(0, null, null, false, 0, false);
        }
        double[] cosines = Similarity.cosines(checked.body(), recent.stream().map(Recent::body).toList());
        int closest = 0;
        for (int i = 1; i < cosines.length; i++) {
            if (cosines[i] > cosines[closest]) {
                closest = i;
            }
        }
        String opening = Similarity.opening(checked.body(), properties.openingWords());
        Recent sameOpening = recent.stream().limit(properties.openingMemory())
                .filter(r -> Similarity.opening(r.body(), properties.openingWords()).equals(opening))
                .findFirst().orElse(null);
        double overlap = 0;
        Recent sameTags = null;
        for (Recent r : recent) {
            double o = Similarity.hashtagOverlap(checked.hashtags(), r.hashtags(), signature);
            if (o > overlap) {
                overlap = o;
                sameTags = r;
            }
        }
        double score = Math.round(cosines[closest] * 10_000) / 10_000.0;
        boolean wording = score > properties.similarityThreshold();
        boolean tags = overlap >= properties.hashtagOverlapThreshold();
        Recent culprit = wording ? recent.get(closest)
                : sameOpening != null ? sameOpening
                : tags ? sameTags
                : recent.get(closest);
        return new Verdict(score, recent.get(closest).reference(), culprit.text(), sameOpening != null,
                Math.round(overlap * 10_000) / 10_000.0, wording || sameOpening != null || tags);
    }

    private List<Recent> recent(TenantId tenantId) {
        Instant since = clock.instant().minus(properties.recentWindow());
        List<Recent> recent = new ArrayList<>();
        captions.findByTenantIdAndCreatedAtAfterOrderByCreatedAtDesc(tenantId.value(), since,
                        Limit.of(properties.recentLimit()))
                .forEach(c -> recent.add(Recent.of("caption:" + c.id(), c.text(), c.hashtags())));
        List<RecentCaptionSource.RecentCaption> others = new ArrayList<>();
        otherSources.orderedStream()
                .forEach(source -> others.addAll(source.recentCaptions(tenantId, since, properties.recentLimit())));
        others.stream()
                .sorted(Comparator.comparing(RecentCaptionSource.RecentCaption::at).reversed())
                .forEach(c -> recent.add(Recent.of(c.reference(), c.text(), CaptionRules.tokens(c.text(), CaptionRules.HASHTAG))));
        // Merged newest first is only approximate across sources; the opening memory uses this order.
        return recent.size() > properties.recentLimit()
                ? new ArrayList<>(recent.subList(0, properties.recentLimit()))
                : recent;
    }

    private CaptionBrief brief(RestaurantProfile profile, String restaurant, ItemDetails item, CaptionRequest request,
            Tone tone, String language, List<Recent> recent, List<String> tooClose, int attempt, PostTiming timing) {
        List<String> recentTexts = recent.stream().map(Recent::text).toList();
        Map<String, String> values = new LinkedHashMap<>();
        Platform platform = request.platform();
        values.put("platform", platform.displayName());
        values.put("language", language);
        values.put("restaurant", restaurant);
        values.put("cuisine", orDash(profile.cuisine()));
        values.put("city", orDash(profile.city()));
        values.put("restaurant_description", orDash(profile.description()));
        values.put("item_name", item.name());
        values.put("price", item.price() == null ? "-" : item.price().setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString() + " " + item.currency());
        values.put("dietary", item.dietaryTags().isEmpty() ? "-" : String.join(", ", item.dietaryTags()));
        values.put("seasonal", item.seasonal() ? "yes, available for a limited time" : "no");
        values.put("item_description", orDash(item.description()));
        values.put("tone", tone.wireName());
        values.put("occasion", orDash(request.occasion()));
        values.put("call_to_action", orDash(request.callToAction()));
        values.put("emoji", switch (profile.emojiLevel()) {
            case NONE -> "none";
            case LOW -> "one or two";
            case HIGH -> "several";
        });
        values.put("signature_hashtags", profile.signatureHashtags().isEmpty() ? "-"
                : String.join(" ", profile.signatureHashtags()));
        List<String> banned = java.util.stream.Stream.concat(profile.bannedWords().stream(),
                timing.forbiddenWords().stream()).toList();
        values.put("banned_words", banned.isEmpty() ? "-" : String.join(", ", banned));
        values.put("intent", switch (request.intentOrGeneral()) {
            case VISIT -> "visit: invite people to come in";
            case ORDER -> "order: invite people to order for pickup or delivery";
            case EVENT -> "event: invite people to an event on its date";
            case GENERAL -> "general";
        });
        values.put("timing", timing.described());
        values.put("max_characters", Integer.toString(Math.min(platform.maxCharacters(), 2_200)));
        values.put("max_hashtags", platform.maxHashtags() == Integer.MAX_VALUE ? "5" : Integer.toString(platform.maxHashtags()));
        values.put("max_mentions", platform.maxMentions() == Integer.MAX_VALUE ? "5" : Integer.toString(platform.maxMentions()));
        values.put("recent_captions", recentTexts.isEmpty() ? "(none yet)" : recentTexts.stream()
                .limit(Math.clamp(properties.openingMemory(), MIN_RECENT_IN_PROMPT, MAX_RECENT_IN_PROMPT))
                .map(text -> "- " + oneLine(text, 280)).collect(Collectors.joining("\n")));
        values.put("too_close", tooClose.isEmpty() ? "" : "Your previous attempt was too close to the caption(s) below; "
                + "write something clearly different, with another opening and other hashtags:\n"
                + tooClose.stream().map(text -> "- " + oneLine(text, 280)).collect(Collectors.joining("\n")));
        return new CaptionBrief(restaurant, profile, item, platform, tone, language, request.occasion(),
                request.callToAction(), recentTexts, List.copyOf(tooClose), attempt, template.render(values),
                request.intentOrGeneral(), timing);
    }

    private GeneratedCaption view(StoredCaption stored) {
        CaptionRules.Checked checked = CaptionRules.enforce(stored.text(), stored.platform(), List.of());
        return view(stored, checked, new Verdict(stored.maxSimilarity(), stored.similarTo(), null, false, 0,
                stored.tooSimilar()));
    }

    private GeneratedCaption view(StoredCaption stored, CaptionRules.Checked checked, Verdict verdict) {
        Platform platform = stored.platform();
        GeneratedCaption.Limits limits = new GeneratedCaption.Limits(platform.maxCharacters(),
                platform.maxHashtags() == Integer.MAX_VALUE ? null : platform.maxHashtags(),
                platform.maxMentions() == Integer.MAX_VALUE ? null : platform.maxMentions(),
                checked.hashtags().size(), checked.mentions(), checked.withinLimits());
        GeneratedCaption.SimilarityReport similarity = new GeneratedCaption.SimilarityReport(verdict.score(),
                verdict.closest(), verdict.openingRepeated(), verdict.hashtagOverlap(),
                properties.similarityThreshold(), verdict.tooClose());
        return new GeneratedCaption(stored.id(), stored.tenantId(), stored.menuItemId(), stored.itemName(), platform,
                stored.tone(), stored.language(), stored.text(), stored.hashtags(), checked.characters(), limits,
                similarity, stored.writer(), stored.model(), stored.attempts(), stored.createdAt());
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value.strip();
    }

    private static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
