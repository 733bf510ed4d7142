package io.forkcast.captions;

import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.MediaUrls;
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
    /** Photos read for one caption: the request allows 4. */
    private static final int MAX_PHOTOS = 4;

    private final Tenants tenants;
    private final RestaurantProfiles profiles;
    private final RestaurantHours hours;
    private final MenuItems menuItems;
    private final StoredCaptionRepository captions;
    private final CaptionUsage usage;
    private final CaptionWriter writer;
    private final OfflineCaptionWriter offline;
    private final ObjectProvider<RecentCaptionSource> otherSources;
    private final ObjectProvider<CaptionPerformanceSource> performance;
    private final Meaning meaning;
    private final Assets assets;
    private final MediaUrls mediaUrls;
    private final PromptTemplate template;
    private final CaptionsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;

    Captions(Tenants tenants, RestaurantProfiles profiles, RestaurantHours hours, MenuItems menuItems, StoredCaptionRepository captions,
            CaptionUsage usage, CaptionWriter writer, ObjectProvider<RecentCaptionSource> otherSources,
            ObjectProvider<CaptionPerformanceSource> performance, Meaning meaning, Assets assets, MediaUrls mediaUrls,
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
        this.performance = performance;
        this.meaning = meaning;
        this.assets = assets;
        this.mediaUrls = mediaUrls;
        this.template = PromptTemplate.load(PromptTemplate.DEFAULT_LOCATION);
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.readWrite = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** A recent caption, with what is compared (its stored embedding, when it has one). */
    private record Recent(String reference, String text, String body, List<String> hashtags, String embeddingModel,
            byte[] embedding) {

        static Recent of(String reference, String text, List<String> hashtags) {
            return of(reference, text, hashtags, null, null);
        }

        static Recent of(String reference, String text, List<String> hashtags, String embeddingModel,
                byte[] embedding) {
            return new Recent(reference, text, CaptionRules.HASHTAG.matcher(text).replaceAll(" ").strip(), hashtags,
                    embeddingModel, embedding);
        }

        Meaning.Known known() {
            return new Meaning.Known(body, embeddingModel, embedding);
        }
    }

    /** How one attempt compares with the recent captions, by wording and by meaning. */
    private record Verdict(double score, String closest, String closestText, boolean openingRepeated,
            double hashtagOverlap, boolean tooClose, Double meaningScore, String meaningClosest, float[] vector) {

        boolean tooCloseInMeaning(double threshold) {
            return meaningScore != null && meaningScore > threshold;
        }
    }

    /** What fed the prompt besides the profile and the item: the examples that worked, and the photos. */
    private record Inputs(List<CaptionPerformanceSource.PerformingCaption> examples, List<Photo> photos) {
    }

    /** A chosen photo: what the prompt says of it, and the signed URL of its Instagram-ready copy. */
    record Photo(String assetId, String altText, List<String> tags, String url) {
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
        record Context(Tenant tenant, Plan plan, RestaurantProfile profile, OpeningHours hours, ItemDetails item,
                List<Photo> photos) {
        }
        UUID menuItemId = request.menuItemId();
        Context context = readOnly.execute(status -> {
            Tenant tenant = tenants.get(tenantId);
            MenuItem menuItem = menuItemId != null ? menuItems.get(tenantId, menuItemId) : null;
            return new Context(tenant, tenants.planOf(tenantId), profiles.get(tenantId), hours.get(tenantId),
                    menuItem != null ? ItemDetails.of(menuItem) : request.item(), photos(tenantId, request, menuItem));
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
        Inputs inputs = new Inputs(examples(tenantId, request.platform()), context.photos());
        List<GeneratedCaption> results = new ArrayList<>();
        try {
            for (int variant = 0; variant < request.variantCount(); variant++) {
                Stored stored = generateOne(tenantId, plan, day, profile, restaurant, menuItemId, item,
                        request, tone, language, recent, timing, inputs);
                GeneratedCaption caption = stored.caption();
                results.add(caption);
                recent.addFirst(Recent.of("caption:" + caption.id(), caption.text(), caption.hashtags(),
                        stored.entity().embeddingModel(), stored.entity().embedding()));
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

    private record Stored(StoredCaption entity, GeneratedCaption caption) {
    }

    private Stored generateOne(TenantId tenantId, Plan plan, LocalDate day, RestaurantProfile profile,
            String restaurant, UUID menuItemId, ItemDetails item, CaptionRequest request, Tone tone, String language,
            List<Recent> recent, PostTiming timing, Inputs inputs) {
        Set<String> signature = profile.signatureHashtags().stream()
                .map(tag -> tag.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> tooClose = new ArrayList<>();
        Attempt best = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= properties.maxRegenerations(); attempt++) {
            attempts++;
            CaptionBrief brief = brief(profile, restaurant, item, request, tone, language, recent, tooClose, attempt,
                    timing, inputs);
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
        boolean offlineWrote = OfflineCaptionWriter.NAME.equals(best.written().writer());
        List<String> examplesUsed = offlineWrote ? List.of()
                : inputs.examples().stream().map(CaptionPerformanceSource.PerformingCaption::reference).toList();
        String examplesNote = offlineWrote ? "offline_writer" : examplesUsed.isEmpty() ? "no_history" : "examples";
        StoredCaption stored = captions.saveAndFlush(new StoredCaption(tenantId, menuItemId, item.name(),
                request.platform(), tone, best.written().language(), best.checked().text(), best.checked().hashtags(),
                best.written().writer(), best.written().model(), verdict.score(), verdict.closest(), verdict.tooClose(),
                attempts, clock.instant())
                .withMeaning(verdict.meaningScore(), meaning.model().name(), verdict.vector())
                .withInputs(examplesUsed, examplesNote, inputs.photos().stream().map(Photo::assetId).toList()));
        meters.counter("forkcast.captions.generated", "writer", best.written().writer(), "platform",
                request.platform().wireName(), "too_similar", Boolean.toString(verdict.tooClose())).increment();
        return new Stored(stored, view(stored, best.checked(), verdict));
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

    /**
     * Lower is better: not too close first, then no repeated opening, then the lowest of the larger of the two
     * similarities (each as a share of its threshold).
     */
    private String rank(Attempt a) {
        Verdict v = a.verdict();
        double wording = v.score() / Math.max(properties.similarityThreshold(), 1e-6);
        double byMeaning = v.meaningScore() == null ? 0
                : Math.max(0, v.meaningScore()) / Math.max(properties.meaning().threshold(), 1e-6);
        return String.format(Locale.ROOT, "%d%d%012.6f", v.tooClose() ? 1 : 0, v.openingRepeated() ? 1 : 0,
                Math.max(wording, byMeaning));
    }

    private Verdict judge(CaptionRules.Checked checked, List<Recent> recent, Set<String> signature) {
        Meaning.Comparison byMeaning = meaning.compare(checked.body(), recent.stream().map(Recent::known).toList());
        if (recent.isEmpty()) {
            return new Verdict(0, null, null, false, 0, false, byMeaning == null ? null : 0.0, null,
                    byMeaning == null ? null : byMeaning.candidate());
        }
        Double meaningScore = null;
        Recent meaningClosest = null;
        if (byMeaning != null) {
            int m = 0;
            for (int i = 1; i < byMeaning.cosines().length; i++) {
                if (byMeaning.cosines()[i] > byMeaning.cosines()[m]) {
                    m = i;
                }
            }
            meaningScore = Math.round(Math.max(0, byMeaning.cosines()[m]) * 10_000) / 10_000.0;
            meaningClosest = recent.get(m);
        }
        boolean sameMeaning;
        if (byMeaning != null && learnedDecision()) {
            double highest = 0;
            Recent sameIdea = null;
            for (int i = 0; i < byMeaning.cosines().length; i++) {
                double cosine = byMeaning.cosines()[i];
                if (SameIdea.couldBeSame(cosine)) {
                    String other = recent.get(i).body();
                    double p = SameIdea.probability(checked.body(), other, cosine,
                            Similarity.cosine(checked.body(), other));
                    if (p > highest) {
                        highest = p;
                        sameIdea = recent.get(i);
                    }
                }
            }
            sameMeaning = highest > SameIdea.CUT;
            if (sameMeaning) {
                meaningClosest = sameIdea;
            }
        } else {
            sameMeaning = meaningScore != null && meaningScore > properties.meaning().threshold();
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
                : sameMeaning ? meaningClosest
                : sameOpening != null ? sameOpening
                : tags ? sameTags
                : recent.get(closest);
        return new Verdict(score, recent.get(closest).reference(), culprit.text(), sameOpening != null,
                Math.round(overlap * 10_000) / 10_000.0, wording || sameMeaning || sameOpening != null || tags,
                meaningScore, meaningClosest == null ? null : meaningClosest.reference(),
                byMeaning == null ? null : byMeaning.candidate());
    }

    /** The learned decision holds for the model its weights were fitted on; another's cosines use the threshold. */
    private boolean learnedDecision() {
        return properties.meaning().decision() == CaptionsProperties.MeaningDecision.LEARNED
                && SameIdea.MODEL.equals(meaning.model().name());
    }

    private List<Recent> recent(TenantId tenantId) {
        Instant since = clock.instant().minus(properties.recentWindow());
        List<Recent> recent = new ArrayList<>();
        captions.findByTenantIdAndCreatedAtAfterOrderByCreatedAtDesc(tenantId.value(), since,
                        Limit.of(properties.recentLimit()))
                .forEach(c -> recent.add(Recent.of("caption:" + c.id(), c.text(), c.hashtags(), c.embeddingModel(),
                        c.embedding())));
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
            Tone tone, String language, List<Recent> recent, List<String> tooClose, int attempt, PostTiming timing,
            Inputs inputs) {
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
        values.put("examples", inputs.examples().isEmpty()
                ? "(no published caption with engagement yet: write from the profile alone)"
                : inputs.examples().stream().map(e -> "- " + oneLine(e.text(), 400) + " (" + e.engagement()
                        + " likes, comments and shares)").collect(Collectors.joining("\n")));
        values.put("photos", inputs.photos().isEmpty() ? "(none chosen)" : inputs.photos().stream()
                .map(photo -> "- " + (photo.altText() == null || photo.altText().isBlank() ? "(no description)"
                        : oneLine(photo.altText(), 300))
                        + (photo.tags().isEmpty() ? "" : " (tags: " + String.join(", ", photo.tags()) + ")"))
                .collect(Collectors.joining("\n")));
        List<String> imageUrls = properties.openai().vision()
                ? inputs.photos().stream().map(Photo::url).filter(java.util.Objects::nonNull).toList()
                : List.of();
        return new CaptionBrief(restaurant, profile, item, platform, tone, language, request.occasion(),
                request.callToAction(), recentTexts, List.copyOf(tooClose), attempt, template.render(values),
                request.intentOrGeneral(), timing, imageUrls);
    }

    private GeneratedCaption view(StoredCaption stored) {
        CaptionRules.Checked checked = CaptionRules.enforce(stored.text(), stored.platform(), List.of());
        return view(stored, checked, new Verdict(stored.maxSimilarity(), stored.similarTo(), null, false, 0,
                stored.tooSimilar(), stored.meaningSimilarity(), null, null));
    }

    private GeneratedCaption view(StoredCaption stored, CaptionRules.Checked checked, Verdict verdict) {
        Platform platform = stored.platform();
        GeneratedCaption.Limits limits = new GeneratedCaption.Limits(platform.maxCharacters(),
                platform.maxHashtags() == Integer.MAX_VALUE ? null : platform.maxHashtags(),
                platform.maxMentions() == Integer.MAX_VALUE ? null : platform.maxMentions(),
                checked.hashtags().size(), checked.mentions(), checked.withinLimits());
        GeneratedCaption.MeaningReport byMeaning = new GeneratedCaption.MeaningReport(verdict.meaningScore(),
                verdict.meaningClosest(), properties.meaning().threshold(),
                stored.embeddingModel() != null ? stored.embeddingModel() : meaning.model().name(),
                verdict.meaningScore() != null);
        GeneratedCaption.SimilarityReport similarity = new GeneratedCaption.SimilarityReport(verdict.score(),
                verdict.closest(), verdict.openingRepeated(), verdict.hashtagOverlap(),
                properties.similarityThreshold(), verdict.tooClose(), byMeaning);
        return new GeneratedCaption(stored.id(), stored.tenantId(), stored.menuItemId(), stored.itemName(), platform,
                stored.tone(), stored.language(), stored.text(), stored.hashtags(), checked.characters(), limits,
                similarity, stored.writer(), stored.model(), stored.attempts(), stored.createdAt(),
                new GeneratedCaption.ExamplesReport(stored.examplesUsed(), stored.examplesNote()), stored.imagesUsed());
    }

    /** The tenant's best-performing recent captions on the platform, when a module knows them. */
    private List<CaptionPerformanceSource.PerformingCaption> examples(TenantId tenantId, Platform platform) {
        CaptionsProperties.Examples settings = properties.examples();
        if (settings.count() == 0) {
            return List.of();
        }
        Instant since = clock.instant().minus(settings.window());
        return performance.orderedStream()
                .flatMap(source -> source.bestPerforming(tenantId, platform, since, settings.minimumEngagement(),
                        settings.count()).stream())
                .sorted(Comparator.comparingInt(CaptionPerformanceSource.PerformingCaption::engagement).reversed())
                .limit(settings.count())
                .toList();
    }

    /**
     * The photos the caption is about: the request's {@code asset_ids} (each must be the tenant's: another's is not
     * found), else the menu item's (those since deleted are left out). Their alt text and tags go in the prompt;
     * the signed URL of their Instagram-ready copy goes to a vision model.
     */
    private List<Photo> photos(TenantId tenantId, CaptionRequest request, MenuItem menuItem) {
        List<UUID> ids = request.assetIds() != null && !request.assetIds().isEmpty() ? request.assetIds()
                : menuItem != null ? menuItem.assetIds() : List.of();
        boolean strict = request.assetIds() != null && !request.assetIds().isEmpty();
        List<Photo> photos = new ArrayList<>();
        for (UUID id : ids.stream().distinct().limit(MAX_PHOTOS).toList()) {
            BrandAsset asset;
            try {
                asset = assets.get(tenantId, new AssetId(id));
            } catch (DomainException notFound) {
                if (strict) {
                    throw notFound;
                }
                continue;
            }
            String url = properties.openai().vision()
                    ? mediaUrls.urlOf(asset, AssetVariant.INSTAGRAM).url().toString() : null;
            photos.add(new Photo(id.toString(), asset.altText(), asset.tags(), url));
        }
        return photos;
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value.strip();
    }

    private static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
