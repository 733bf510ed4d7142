package io.forkcast.captions;

import io.forkcast.shared.Platform;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes captions without any network: an opening line from the tone's bank (each starting with a different word,
 * never one a recent caption started with), two to four sentences drawn from the item (its ingredients, dietary
 * tags, price, season), the restaurant and the occasion, a call to action, emoji by the profile's level and
 * hashtags by platform. Writes English, French, Spanish, Italian and German ({@link PhraseBook}); any other
 * language is written in English, and the caption says so in its {@code language}.
 *
 * <p>Hashtags are made of real words: the item's name (at most three words), the cuisine and city (at most two),
 * dietary tags in the caption's language and a pool of common ones; a word is never repeated inside a tag, and a
 * tag that another already holds whole is left out.
 */
final class OfflineCaptionWriter implements CaptionWriter {

    static final String NAME = "offline";
    static final String MODEL = "phrase-banks-v1";

    private static final Map<Tone, List<String>> OPENINGS = Map.of(
            Tone.FRIENDLY, List.of("Say hello to {item}!", "Meet {item}, your new favourite.",
                    "Guess what's on the pass today? {item}.", "Hungry? {item} has your name on it.",
                    "Treat yourself to {item}.", "Good news: {item} is ready when you are.",
                    "Craving something good? Try {item}.", "Come on in for {item}.",
                    "Looking for a reason to visit? {item}.", "Our kitchen is proud of {item}.",
                    "Nothing beats {item} on a day like this.", "Ever tried {item}? Now's the time.",
                    "Pull up a chair for {item}.", "Here's to {item}, made with care.", "This one's for you: {item}.",
                    "Lunch plans sorted: {item}.", "Freshly made and waiting: {item}.", "You asked, we cooked: {item}.",
                    "Just out of the kitchen: {item}.", "Bring a friend and share {item}.",
                    "Today's little joy: {item}.", "Everyone's talking about {item}.",
                    "Warm welcome, warm plates: {item}.", "Stop by for {item}.", "Made for sharing (or not): {item}."),
            Tone.UPSCALE, List.of("Introducing {item}.", "Tonight, {item}.", "Quietly remarkable: {item}.",
                    "Crafted with patience, {item}.", "An invitation to taste {item}.",
                    "Seasoned by hand, served with intent: {item}.", "Precision on the plate: {item}.",
                    "Allow us to present {item}.", "Elegance, simply: {item}.",
                    "From our kitchen to your table, {item}.", "Refined and generous, {item}.", "Discover {item}.",
                    "Savour {item}, slowly.", "Few dishes say more than {item}.", "Composed with care: {item}.",
                    "Our chef's signature: {item}.", "Understated, unforgettable: {item}.",
                    "Considered in every detail, {item}.", "Evenings here begin with {item}.",
                    "Taste the season in {item}.", "Balance, texture, depth: {item}.",
                    "With compliments from the kitchen, {item}.", "Reserved for those who notice: {item}.",
                    "Artistry you can taste: {item}.", "Graceful and bold, {item}."),
            Tone.PLAYFUL, List.of("Plot twist: {item}.", "Warning: {item} may cause spontaneous happy dances.",
                    "Roses are red, {item} is calling.", "Breaking news: {item} just stole the show.",
                    "Psst... {item} is here.", "Oops, we did it again: {item}.",
                    "Dear diet, it's not you, it's {item}.", "Look who's here: {item}.",
                    "Alert the group chat: {item}.", "Confession: we can't stop eating {item}.",
                    "Swipe left on boring, right on {item}.", "Spoiler: {item} wins.",
                    "Yes, {item} is as good as it looks.", "Mood: {item}.",
                    "Relationship status: committed to {item}.", "Caution, dangerously tasty {item} ahead.",
                    "Zero regrets, all {item}.", "Legend says {item} cures Mondays.",
                    "Unpopular opinion? {item} is the best thing on the menu.", "Brb, eating {item}.",
                    "Fun fact: {item} tastes even better with friends.", "Houston, we have {item}.",
                    "If {item} were a person, we'd marry it.", "Officially obsessed with {item}.", "Hot take: {item}."),
            Tone.CASUAL, List.of("So, {item}.", "Okay, {item} time.", "Real talk: {item} is worth the trip.",
                    "Swing by for {item}.", "Honestly? {item}.", "Easy choice today: {item}.",
                    "Keeping it simple with {item}.", "Grab a seat and some {item}.", "Weeknight sorted: {item}.",
                    "No plans? {item}.", "Chill evening, {item} in hand.", "Heads up: {item} is ready.",
                    "Got a minute? Get {item}.", "Pretty sure you need {item}.", "Kicking back with {item}.",
                    "Just us, you and {item}.", "Low effort, high reward: {item}.", "Popping in? Ask for {item}.",
                    "Simple pleasures: {item}.", "Anyone else thinking about {item}?", "Taking it easy with {item}.",
                    "Call it lunch, call it dinner: {item}.", "All good things, like {item}.",
                    "Hanging out? {item} is here.", "Quick one: {item}."),
            Tone.FESTIVE, List.of("Cheers to {item}!", "Celebrate with {item}.",
                    "Let the festivities begin with {item}.", "Raise a glass to {item}.", "Joy on a plate: {item}.",
                    "Deck the tables with {item}.", "Party season calls for {item}.", "Sparkle and feast: {item}.",
                    "Gather round for {item}.", "It's a celebration, and {item} is invited.",
                    "Make it merry with {item}.", "Toast the moment with {item}.",
                    "Festive feasting starts with {item}.", "Happy days are here with {item}.",
                    "Bring the whole crew for {item}.", "Confetti optional, {item} essential.",
                    "Special occasions deserve {item}.", "Light up the night with {item}.",
                    "Ring in the good times with {item}.", "Dress up, show up, {item}.",
                    "Everybody's favourite party guest: {item}.", "Family, friends and {item}.",
                    "Count us in for {item}.", "Holiday cheer, served: {item}.", "Big night? {item}."));

    private static final List<String> TWO_INGREDIENTS = List.of("{A} and {b}, nothing more, nothing less.",
            "Think {a}, {b} and a little magic.",
            "Every bite brings {a} together with {b}.", "{A} meets {b}.", "Expect {a} first, then {b}.",
            "On the plate: {a} and {b}.", "It starts with {a} and ends with {b}.",
            "Picture {a} alongside {b}.",
            "We pair {a} with {b} and let them talk.", "Somewhere between {a} and {b}, magic happens.");
    private static final List<String> ONE_INGREDIENT = List.of("The secret? {A}.", "It's all about {a}.",
            "Star of the show: {a}.", "{A}, done right.", "All the flavour of {a}.", "Hello, {a}.",
                 "One hero ingredient: {a}.");
    private static final List<String> NO_DESCRIPTION = List.of("Made from scratch, every day.",
            "Cooked the way we like to eat.", "Simple, honest and full of flavour.", "A plate we never tire of.",
            "Straight from our kitchen.", "Small kitchen, big flavour.");
    private static final List<String> CUISINE = List.of("A proper taste of {cuisine}.", "{Cuisine}, our way.",
            "The best of {cuisine}, on one plate.", "Pure {cuisine} comfort.");
    private static final List<String> RESTAURANT = List.of("Made fresh at {restaurant}.",
            "Only at {restaurant}{in_city}.", "{restaurant}{in_city} is ready for you.", "Find it at {restaurant}.",
            "Served daily at {restaurant}.", "Your table at {restaurant} is waiting.",
            "One more reason to love {restaurant}.", "The {restaurant} team can't wait to serve it.",
            "Proudly made by the {restaurant} kitchen.", "See you at {restaurant}?");
    private static final Map<String, List<String>> DIETARY = Map.of(
            "vegan", List.of("100% vegan, 100% delicious.", "Vegan, and nobody will guess.", "Plant-based and proud.",
                    "Fully vegan, fully loaded.", "No animals involved, just flavour."),
            "vegetarian", List.of("Vegetarian and seriously satisfying.", "Meat-free, flavour-full.",
                    "Veggie friends, this one's yours.", "No meat, no problem.", "Happily vegetarian."),
            "gluten-free", List.of("Gluten-free, full flavour.", "No gluten, no compromise.",
                    "Gluten-free and proud.", "Coeliac-friendly and still indulgent."),
            "dairy-free", List.of("Dairy-free and still creamy-good.", "No dairy, all the comfort.",
                    "Dairy-free, and you won't miss a thing."));
    private static final List<String> OTHER_DIETARY = List.of("Also {tag}.", "And yes, it's {tag}.",
            "Good to know: it's {tag}.");
    private static final List<String> PRICE = List.of("Just {price}.", "{price} well spent.", "All yours for {price}.",
            "Yours for {price}.", "Only {price}.", "Priced at {price}.", "A treat at {price}.",
            "{price}, and worth every cent.");
    private static final List<String> SEASONAL = List.of("Only while the season lasts.", "Here for a limited time.",
            "Seasonal, so don't wait.", "Gone when the season ends.", "A seasonal guest on our menu.",
            "Catch it before the season turns.");
    private static final List<String> OCCASION = List.of("Perfect for {occasion}.", "Made for {occasion}.",
            "Our pick for {occasion}.", "Planning {occasion}? Start here.");
    private static final Map<Platform, List<String>> CALLS = Map.of(
            Platform.INSTAGRAM, List.of("Tap the link in bio to book.", "Save this post for later.",
                    "Tag someone who needs this.", "Book via the link in our bio.",
                    "Tell us in the comments who you'd bring.", "Drop a 🍴 if you're in.",
                    "Send this to your dinner buddy.", "Reservations: link in bio."),
            Platform.FACEBOOK, List.of("Book your table today.", "Call us to reserve.",
                    "Share this with your dinner crew.", "Comment below if you're coming.",
                    "Order now for pickup.", "Message us to save a table.", "Tag the friend you'd bring.",
                    "Walk-ins welcome, bookings recommended."));
    /** Calls to action by the post's intent; a {@code general} post uses the platform's. */
    private static final Map<Intent, List<String>> INTENT_CALLS = Map.of(
            Intent.VISIT, List.of("Walk-ins welcome.", "Come by and say hello.", "Pull up a chair with us.",
                    "Pop in and ask for it.", "We'd love to see you here.", "Drop in, your table is waiting."),
            Intent.ORDER, List.of("Order for pickup or delivery.", "Order ahead and skip the wait.",
                    "Get it delivered to your door.", "Order online in a few taps.",
                    "Pickup or delivery, your call."),
            Intent.EVENT, List.of("Save the date.", "Mark your calendar.", "Spots are limited, book yours.",
                    "Bring friends, it's better together.", "Reserve your place."));

    private static final Map<Tone, List<String>> EMOJI = Map.of(
            Tone.FRIENDLY, List.of("😊", "🍽️", "❤️", "👋", "✨"),
            Tone.UPSCALE, List.of("✨", "🍷", "🕯️", "🥂"),
            Tone.PLAYFUL, List.of("😋", "🤩", "🙌", "🔥", "😜"),
            Tone.CASUAL, List.of("👌", "😎", "🍴", "👍"),
            Tone.FESTIVE, List.of("🎉", "🥂", "🎊", "✨", "🎈"));
    private static final List<String> TAG_POOL = List.of("#foodie", "#instafood", "#foodstagram", "#yum",
            "#foodlover", "#delicious", "#tasty", "#nomnom", "#foodphotography", "#eatlocal", "#dinnertime",
            "#lunchtime", "#goodeats", "#homemade", "#freshfood", "#supportlocal", "#restaurant", "#chefspecial",
            "#eatwell", "#foodiesofinstagram");

    static final PhraseBook ENGLISH = new PhraseBook("en", Locale.UK, OPENINGS, TWO_INGREDIENTS, ONE_INGREDIENT,
            NO_DESCRIPTION, CUISINE, RESTAURANT, " in {city}", DIETARY, OTHER_DIETARY, PRICE, SEASONAL, OCCASION, CALLS,
            INTENT_CALLS, TAG_POOL, Map.of("vegan", "vegan", "vegetarian", "vegetarian", "gluten-free", "glutenfree",
                    "dairy-free", "dairyfree"), "and|with", true, java.util.function.UnaryOperator.identity());

    /** Longest hashtag the writer makes (characters after {@code #}), and most words in one. */
    static final int MAX_TAG_LENGTH = 30;
    static final int MAX_TAG_WORDS = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WrittenCaption write(CaptionBrief brief) {
        return write(brief, ThreadLocalRandom.current());
    }

    /**
     * Writes with the given source of randomness (a seeded one makes the docs' sample reproducible). Told that an
     * earlier attempt was too close to other captions, it takes another angle: it drafts {@value #ANGLE_DRAFTS}
     * captions, each with its own sentence plan (two or three of the item's details, the kitchen, the cuisine,
     * the restaurant), and keeps the one sharing the fewest content words with the captions named and the recent
     * ones. The same dish with the same details in other words is what the meaning check calls the same idea.
     */
    WrittenCaption write(CaptionBrief brief, RandomGenerator random) {
        if (brief.tooClose().isEmpty()) {
            return compose(brief, random, false);
        }
        List<Set<String>> others = Stream.concat(brief.tooClose().stream(), brief.recent().stream())
                .map(text -> SameIdea.contentWords(withoutHashtags(text))).toList();
        WrittenCaption best = null;
        double lowest = Double.MAX_VALUE;
        for (int draft = 0; draft < ANGLE_DRAFTS; draft++) {
            WrittenCaption candidate = compose(brief, random, true);
            Set<String> words = SameIdea.contentWords(withoutHashtags(candidate.text()));
            double closest = others.stream().mapToDouble(other -> SameIdea.sharedShare(words, other)).max()
                    .orElse(0);
            if (closest < lowest) {
                lowest = closest;
                best = candidate;
            }
        }
        return best;
    }

    /** Drafts written for another angle after an attempt was too close. */
    static final int ANGLE_DRAFTS = 12;

    private static String withoutHashtags(String text) {
        return CaptionRules.HASHTAG.matcher(text).replaceAll(" ");
    }

    /**
     * One caption. The first attempt's plan: a line on the ingredients (else the cuisine or the kitchen), the
     * dietary tag (two times in three), the price (one in two), the season, the restaurant (one in two). Another
     * angle's plan: two or three of the details the item and the restaurant offer, drawn at random.
     */
    private WrittenCaption compose(CaptionBrief brief, RandomGenerator random, boolean anotherAngle) {
        PhraseBook book = PhraseBook.of(brief.language());
        // Sentences a recent caption already used are avoided while the bank has others.
        String seen = Similarity.normalise(String.join("\n", Stream.concat(brief.recent().stream(),
                brief.tooClose().stream()).toList()));
        String item = brief.item().name().strip();
        String restaurant = brief.restaurantName();
        RestaurantProfile profile = brief.profile();
        PostTiming timing = brief.timing();

        String opening = fill(pickOpening(brief, book, random), Map.of("item", item));
        List<String> banned = Stream.concat(profile.bannedWords().stream(), timing.forbiddenWords().stream()).toList();
        List<String> parts = ingredientPhrases(brief.item(), book, banned);
        List<String> dietary = brief.item().dietaryTags().stream()
                .filter(tag -> book.dietary().containsKey(tag) || !book.otherDietary().isEmpty()).toList();
        String inCity = profile.city() == null || profile.city().isBlank() ? ""
                : book.inCity().replace("{city}", profile.city().strip());
        List<String> sentences = new ArrayList<>();
        if (anotherAngle) {
            List<java.util.function.Supplier<String>> details = new ArrayList<>();
            if (!parts.isEmpty()) {
                details.add(() -> ingredientsLine(parts, book, random, seen, timing));
            }
            if (!dietary.isEmpty()) {
                details.add(() -> dietaryLine(dietary, book, random, seen, timing));
            }
            if (brief.item().price() != null) {
                details.add(() -> priceLine(brief.item(), book, random, seen, timing));
            }
            if (profile.cuisine() != null && !profile.cuisine().isBlank()) {
                details.add(() -> fresh(book.cuisine(), Map.of("cuisine", profile.cuisine().strip()), seen, timing,
                        random));
            }
            details.add(() -> fresh(book.restaurant(), Map.of("restaurant", restaurant, "in_city", inCity), seen,
                    timing, random));
            details.add(() -> fresh(book.noDescription(), Map.of(), seen, timing, random));
            Collections.shuffle(details, new java.util.Random(random.nextLong()));
            details.subList(0, Math.min(details.size(), 2 + random.nextInt(2))).forEach(d -> sentences.add(d.get()));
            if (brief.item().seasonal()) {
                sentences.add(fresh(book.seasonal(), Map.of(), seen, timing, random));
            }
        } else {
            sentences.add(describe(parts, profile, book, random, seen, timing));
            if (!dietary.isEmpty() && random.nextInt(3) > 0) {
                sentences.add(dietaryLine(dietary, book, random, seen, timing));
            }
            if (brief.item().price() != null && random.nextBoolean()) {
                sentences.add(priceLine(brief.item(), book, random, seen, timing));
            }
            if (brief.item().seasonal()) {
                sentences.add(fresh(book.seasonal(), Map.of(), seen, timing, random));
            }
            if (random.nextBoolean()) {
                sentences.add(fresh(book.restaurant(), Map.of("restaurant", restaurant, "in_city", inCity), seen,
                        timing, random));
            }
        }
        Collections.shuffle(sentences, new java.util.Random(random.nextLong()));
        if (brief.occasion() != null && !brief.occasion().isBlank()) {
            sentences.add(fresh(book.occasion(), Map.of("occasion", brief.occasion().strip()), seen, timing, random));
        }
        String call = brief.callToAction() != null && !brief.callToAction().isBlank()
                ? sentence(brief.callToAction().strip())
                : fresh(calls(brief, book), Map.of(), seen, timing, random);

        List<String> emoji = emoji(brief.tone(), profile.emojiLevel(), random);
        String first = book.grammar().apply(opening);
        first = emoji.isEmpty() ? first : first + " " + emoji.getFirst();
        String body = book.grammar().apply(String.join(" ", sentences));
        call = book.grammar().apply(call);
        String end = emoji.size() > 1 ? call + " " + String.join("", emoji.subList(1, emoji.size())) : call;
        String tags = String.join(" ", hashtags(brief, book, random));

        String text = brief.platform() == Platform.INSTAGRAM
                ? first + "\n\n" + body + "\n\n" + end + (tags.isEmpty() ? "" : "\n\n" + tags)
                : first + " " + body + " " + end + (tags.isEmpty() ? "" : "\n\n" + tags);
        return new WrittenCaption(text, book.language(), NAME, MODEL, 0, 0);
    }

    private static String pickOpening(CaptionBrief brief, PhraseBook book, RandomGenerator random) {
        Set<String> usedFirstWords = new HashSet<>();
        Stream.concat(brief.recent().stream(), brief.tooClose().stream())
                .map(text -> Similarity.opening(text, 1))
                .forEach(usedFirstWords::add);
        List<String> all = book.openings().get(brief.tone());
        List<String> timely = all.stream().filter(line -> !brief.timing().forbids(line)).toList();
        List<String> bank = timely.isEmpty() ? all : timely;
        List<String> fresh = bank.stream()
                .filter(line -> !usedFirstWords.contains(Similarity.opening(line.replace("{item}", "x"), 1)))
                .toList();
        return pick(fresh.isEmpty() ? bank : fresh, random);
    }

    /**
     * The description's ingredient phrases the caption can use: a phrase that starts with the item's last word
     * would read "Burrata. Burrata from Puglia", and one holding a banned word would take its sentence with it when
     * the rules drop that word: both are left out.
     */
    private static List<String> ingredientPhrases(ItemDetails item, PhraseBook book, List<String> banned) {
        String[] name = Similarity.normalise(item.name()).split(" ");
        String last = name[name.length - 1];
        List<java.util.regex.Pattern> bannedWords = banned.stream()
                .map(word -> java.util.regex.Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])"
                        + java.util.regex.Pattern.quote(word) + "(?![\\p{L}\\p{N}])"))
                .toList();
        return ingredients(item.description(), book).stream()
                .filter(part -> !Similarity.normalise(part).split(" ")[0].equals(last))
                .filter(part -> bannedWords.stream().noneMatch(word -> word.matcher(part).find()))
                .toList();
    }

    private static String ingredientsLine(List<String> parts, PhraseBook book, RandomGenerator random, String seen,
            PostTiming timing) {
        if (parts.size() >= 2) {
            List<String> shuffled = new ArrayList<>(parts);
            Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
            return fresh(book.twoIngredients(), Map.of("a", shuffled.get(0), "b", shuffled.get(1)), seen, timing,
                    random);
        }
        return fresh(book.oneIngredient(), Map.of("a", parts.getFirst()), seen, timing, random);
    }

    private static String dietaryLine(List<String> dietary, PhraseBook book, RandomGenerator random, String seen,
            PostTiming timing) {
        String tag = dietary.get(random.nextInt(dietary.size()));
        List<String> bank = book.dietary().getOrDefault(tag, book.otherDietary());
        return fresh(bank, Map.of("tag", tag.replace('-', ' ')), seen, timing, random);
    }

    private static String priceLine(ItemDetails item, PhraseBook book, RandomGenerator random, String seen,
            PostTiming timing) {
        return fresh(book.price(), Map.of("price", price(item.price(), item.currency(), book.locale())), seen, timing,
                random);
    }

    private static String describe(List<String> parts, RestaurantProfile profile, PhraseBook book,
            RandomGenerator random, String seen, PostTiming timing) {
        if (!parts.isEmpty()) {
            return ingredientsLine(parts, book, random, seen, timing);
        }
        if (profile.cuisine() != null && !profile.cuisine().isBlank() && random.nextBoolean()) {
            return fresh(book.cuisine(), Map.of("cuisine", profile.cuisine().strip()), seen, timing, random);
        }
        return fresh(book.noDescription(), Map.of(), seen, timing, random);
    }

    /** Short phrases from an English description. */
    static List<String> ingredients(String description) {
        return ingredients(description, ENGLISH);
    }

    /**
     * Short phrases from a description: split at punctuation and the language's "and" and "with"; phrases of more
     * than five words or 40 characters are skipped, and so is a phrase that holds another whole (no doubled words).
     */
    static List<String> ingredients(String description, PhraseBook book) {
        if (description == null || description.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : description.split("(?iu)[,;.!?:()\\n]|\\b(?:" + book.joiner() + ")\\b")) {
            String p = part.strip().replaceAll("[\"<>{}#@]", "").replaceAll("\\s+", " ");
            String[] words = p.isEmpty() ? new String[0] : p.split(" ");
            if (words.length >= 1 && words.length <= 5 && p.length() <= 40) {
                boolean properNoun = words.length > 1 && Character.isUpperCase(words[1].charAt(0));
                // German capitalises nouns only: an adjective or article before one goes lower case mid-sentence.
                boolean germanAdjective = !book.lowerCaseIngredients() && words.length > 1
                        && Character.isUpperCase(words[1].charAt(0))
                        && words[0].matches("(?iu)\\p{L}+(e|er|es|em|en)|ein|der|die|das");
                parts.add(germanAdjective || (book.lowerCaseIngredients() && !properNoun)
                        ? p.substring(0, 1).toLowerCase(book.locale()) + p.substring(1) : p);
            }
        }
        List<String> distinct = new ArrayList<>();
        for (String part : parts.stream().distinct().toList()) {
            String plain = Similarity.normalise(part);
            if (distinct.stream().map(Similarity::normalise)
                    .noneMatch(other -> (" " + other + " ").contains(" " + plain + " ")
                            || (" " + plain + " ").contains(" " + other + " "))) {
                distinct.add(part);
            }
        }
        return distinct.stream().limit(8).toList();
    }

    private static List<String> calls(CaptionBrief brief, PhraseBook book) {
        if (brief.intent() != Intent.GENERAL) {
            return book.intentCalls().get(brief.intent());
        }
        // A Google listing has no comments, tags or bio link; its post's button does the booking: an invitation.
        return book.calls().getOrDefault(brief.platform(), book.intentCalls().get(Intent.VISIT));
    }

    private static List<String> emoji(Tone tone, EmojiLevel level, RandomGenerator random) {
        int count = switch (level) {
            case NONE -> 0;
            case LOW -> 1;
            case HIGH -> 3;
        };
        List<String> bank = new ArrayList<>(EMOJI.get(tone));
        Collections.shuffle(bank, new java.util.Random(random.nextLong()));
        return bank.subList(0, Math.min(count, bank.size()));
    }

    private static List<String> hashtags(CaptionBrief brief, PhraseBook book, RandomGenerator random) {
        List<String> tags = new ArrayList<>(brief.profile().signatureHashtags());
        add(tags, hashtag(brief.item().name(), MAX_TAG_WORDS));
        List<String> optional = new ArrayList<>();
        if (brief.profile().cuisine() != null) {
            optional.add(hashtag(brief.profile().cuisine(), 2));
        }
        if (brief.profile().city() != null) {
            optional.add(hashtag(brief.profile().city(), 2));
        }
        brief.item().dietaryTags().stream().map(book.dietaryTags()::get).filter(java.util.Objects::nonNull)
                .forEach(word -> optional.add("#" + word));
        List<String> pool = new ArrayList<>(book.tagPool());
        Collections.shuffle(pool, new java.util.Random(random.nextLong()));
        if (brief.platform() == Platform.INSTAGRAM) {
            optional.forEach(tag -> {
                if (random.nextInt(3) > 0) {
                    add(tags, tag);
                }
            });
            pool.subList(0, Math.min(pool.size(), 4 + random.nextInt(4))).forEach(tag -> add(tags, tag));
        } else {
            if (!optional.isEmpty() && random.nextBoolean()) {
                add(tags, optional.get(random.nextInt(optional.size())));
            }
            pool.subList(0, random.nextInt(2)).forEach(tag -> add(tags, tag));
        }
        return tags;
    }

    /** Adds a tag unless it is empty or the same as, or held whole in, one already there (or holds one whole). */
    private static void add(List<String> tags, String tag) {
        if (tag == null || tag.length() < 3) {
            return;
        }
        String lower = tag.substring(1).toLowerCase(Locale.ROOT);
        boolean overlaps = tags.stream().map(t -> t.substring(1).toLowerCase(Locale.ROOT))
                .anyMatch(t -> t.contains(lower) || lower.contains(t));
        if (!overlaps) {
            tags.add(tag);
        }
    }

    /** A hashtag of the name's words, each capitalised; a name of more than three words makes none. */
    static String hashtag(String words) {
        String tag = hashtag(words, MAX_TAG_WORDS);
        return tag == null ? "#" : tag;
    }

    /**
     * A hashtag of a name's words ({@code Neapolitan pizza} → {@code #NeapolitanPizza}), each capitalised, accents
     * and punctuation removed, a word repeated inside the name kept once; {@code null} when the name has more than
     * {@code maxWords} words or the tag would exceed {@value #MAX_TAG_LENGTH} characters.
     */
    static String hashtag(String words, int maxWords) {
        List<String> parts = new ArrayList<>();
        // Real words keep their letters: #ItalienischeKüche, #VeloutéDePotiron.
        String plain = java.text.Normalizer.normalize(words, java.text.Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        for (String word : plain.split(" ")) {
            if (!word.isEmpty() && !parts.contains(word)) {
                parts.add(word);
            }
        }
        if (parts.isEmpty() || parts.size() > maxWords) {
            return null;
        }
        StringBuilder tag = new StringBuilder("#");
        parts.forEach(word -> tag.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)));
        return tag.length() - 1 > MAX_TAG_LENGTH ? null : tag.toString();
    }

    private static String price(BigDecimal amount, String currency, Locale locale) {
        try {
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(Currency.getInstance(currency));
            return format.format(amount);
        } catch (RuntimeException e) {
            return amount.toPlainString() + " " + currency;
        }
    }

    private static String sentence(String text) {
        return text.matches("(?s).*[.!?…]$") ? text : text + ".";
    }

    /** A filled line of the bank that no recent caption holds, if there is one; any line otherwise. */
    private static final List<String> REPLY_THANKS = List.of("Thank you so much, {guest}!",
            "{Guest}, thank you for the lovely words!", "What a kind review, {guest}, thank you.",
            "Many thanks, {guest}!", "{Guest}, you made our day, thank you!", "Thanks a lot for this, {guest}.",
            "We're so glad you came, {guest}!", "Grazie mille, {guest}!", "{Guest}, this made everyone smile here.",
            "Five stars from you, {guest}? We're blushing.", "{Guest}, your review brightened our morning.",
            "How lovely to read this, {guest}.", "A big thank-you from our side, {guest}.",
            "{Guest}, we're grateful you took a moment to write.", "Cheers, {guest}, this was a joy to read!",
            "Your words arrived right before service, {guest}, and lifted the whole room.");
    private static final List<String> REPLY_PRAISE = List.of("Hearing that you enjoyed {what} means a lot to "
            + "the whole team.", "The kitchen will be delighted to read about {what}.",
            "We put a lot of love into {what}, so this is great to hear.",
            "It's wonderful to know {what} hit the spot.", "We'll pass your words about {what} on to the kitchen.",
            "Our cooks will be proud that {what} won you over.", "So happy {what} lived up to your hopes.",
            "We'll tell the chef straight away that {what} made your evening.",
            "Knowing {what} left you smiling is the best reward for our crew.",
            "Praise for {what} goes straight onto our staff board.",
            "Getting {what} right every night takes care, and you noticed.",
            "You picked well: {what} is a favourite of ours as well.",
            "Compliments about {what} never get old in our kitchen.",
            "Our pizzaiolo grinned ear to ear when we read out your note on {what}.",
            "Few things please us more than a guest raving about {what}.",
            "Thanks for singling out {what}: it's close to our hearts.",
            "Word of your verdict on {what} has already reached the oven.",
            "Delighted that {what} was a highlight of your visit.",
            "Your kind mention of {what} is going in our scrapbook.",
            "Good to know {what} tasted just as we intend it to.",
            "We perfected {what} over many seasons, so your praise means plenty.");
    private static final List<String> REPLY_GENERAL = List.of("It means a lot to the whole team.",
            "We'll share this with everyone in the kitchen.", "Reviews like yours keep us going.",
            "It's what we cook for every day.", "The team was thrilled to read this.",
            "Feedback like this is why we light the oven each morning.",
            "Our whole crew read your note over staff dinner.",
            "Moments like this remind us why we love our work.",
            "We've pinned your review up in the back for everyone.");
    private static final List<String> REPLY_MIXED = List.of("Thank you for your honest feedback, {guest}.",
            "{Guest}, thanks for taking the time to tell us how it went.",
            "We appreciate the fair review, {guest}.", "Thanks for the feedback, {guest}: it helps us improve.");
    private static final List<String> REPLY_MIXED_BODY = List.of("We're glad parts of your visit worked, and "
            + "we've noted what didn't.", "We've shared your comments with the team so we can do better.",
            "We'd love the chance to earn that extra star next time.",
            "Your notes are already on the kitchen's board.");
    private static final List<String> REPLY_SORRY = List.of("{Guest}, we're truly sorry your visit fell short.",
            "We're sorry to read this, {guest}.", "{Guest}, thank you for telling us, and we apologise.",
            "This isn't the experience we want for anyone, {guest}, and we're sorry.");
    private static final List<String> REPLY_SORRY_BODY = List.of("Please get in touch with us directly so we can "
            + "hear more and make it right.", "We'd really like to hear more: please contact us directly, and we'll "
            + "make it right.", "Could you reach out to us directly? We want to understand what went wrong and fix "
            + "it.", "Please contact us so we can talk it through and make amends.");
    private static final List<String> REPLY_CLOSING = List.of("Hope to see you again soon at {restaurant}.",
            "See you next time at {restaurant}!", "Come back soon: there's always a table for you at {restaurant}.",
            "All of us at {restaurant} look forward to your next visit.", "Until next time, from all of {restaurant}.",
            "We'd love to welcome you back to {restaurant} whenever you're hungry.",
            "Your seat at {restaurant} is waiting whenever you fancy another round.",
            "Warm wishes from the whole {restaurant} family.",
            "Drop by {restaurant} again soon and say hello to us.",
            "Next visit, ask us about the specials: {restaurant} changes them often.",
            "Ciao for now, and see you back at {restaurant}.",
            "Bring friends next time: {restaurant} loves a full table.",
            "The door of {restaurant} is always open for you.",
            "Take care, and come hungry next time you pass {restaurant}.",
            "Looking forward to cooking for you again at {restaurant}.",
            "Until your next slice, greetings from {restaurant}.",
            "We'll keep the oven hot for you here at {restaurant}.",
            "Hope our paths cross again soon at {restaurant}.",
            "Arrivederci, and thanks again from {restaurant}.",
            "Whenever you return, {restaurant} will be glad to see you.",
            "Stay well, and visit {restaurant} again before long.");

    /**
     * A reply by the star rating: thanks and a word on what the guest praised for four or five stars, thanks and a
     * promise for three, an apology and an invitation to get in touch for one or two. Sentences an earlier reply used
     * are avoided while the bank has others.
     */
    @Override
    public WrittenCaption reply(ReplyBrief brief) {
        RandomGenerator random = ThreadLocalRandom.current();
        String seen = Similarity.normalise(String.join("\n", brief.earlierReplies()));
        ReviewReplies.Review review = brief.review();
        String guest = firstName(review.reviewerName());
        Map<String, String> values = Map.of("guest", guest, "restaurant", brief.restaurantName());
        PostTiming none = PostTiming.unknown();
        List<String> sentences = new ArrayList<>();
        if (review.low()) {
            sentences.add(fresh(REPLY_SORRY, values, seen, none, random));
            sentences.add(fresh(REPLY_SORRY_BODY, values, seen, none, random));
        } else if (review.stars() == 3) {
            sentences.add(fresh(REPLY_MIXED, values, seen, none, random));
            sentences.add(fresh(REPLY_MIXED_BODY, values, seen, none, random));
            sentences.add(fresh(REPLY_CLOSING, values, seen, none, random));
        } else {
            sentences.add(fresh(REPLY_THANKS, values, seen, none, random));
            String what = praised(review.comment());
            sentences.add(what == null ? fresh(REPLY_GENERAL, values, seen, none, random)
                    : fresh(REPLY_PRAISE, Map.of("what", what), seen, none, random));
            sentences.add(fresh(REPLY_CLOSING, values, seen, none, random));
        }
        return new WrittenCaption(String.join(" ", sentences), "en", NAME, MODEL, 0, 0);
    }

    /** The guest's first name, or a friendly word for an anonymous one. */
    private static String firstName(String reviewerName) {
        if (reviewerName == null || reviewerName.isBlank()) {
            return "friend";
        }
        return reviewerName.strip().split("\\s+")[0];
    }

    private static final java.util.regex.Pattern PRAISED = java.util.regex.Pattern.compile(
            "(?i)\\b(?:the|our|your)\\s+([\\p{L}][\\p{L}' -]{2,30}?)\\s+(?:was|were|is|are)\\b");

    /** What the guest named ("the carbonara was...") to thank them for, if they named anything. */
    private static String praised(String comment) {
        if (comment == null) {
            return null;
        }
        java.util.regex.Matcher matcher = PRAISED.matcher(comment);
        return matcher.find() ? "the " + matcher.group(1).strip().toLowerCase(Locale.ROOT) : null;
    }

    private static String fresh(List<String> bank, Map<String, String> values, String seen, PostTiming timing,
            RandomGenerator random) {
        List<String> allowed = bank.stream().map(line -> fill(line, values)).filter(line -> !timing.forbids(line))
                .toList();
        // A bank that holds nothing the time allows still yields a line; the caption rules then drop it.
        List<String> filled = allowed.isEmpty() ? bank.stream().map(line -> fill(line, values)).toList() : allowed;
        List<String> unused = filled.stream().filter(line -> !seen.contains(Similarity.normalise(line))).toList();
        return pick(unused.isEmpty() ? filled : unused, random);
    }

    private static String pick(List<String> bank, RandomGenerator random) {
        return bank.get(random.nextInt(bank.size()));
    }

    /** Fills {name} and, capitalised, {Name} placeholders. */
    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String capitalised = value.isEmpty() ? value : value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
            out = out.replace("{" + key + "}", value)
                    .replace("{" + key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1) + "}", capitalised);
        }
        return out;
    }
}
