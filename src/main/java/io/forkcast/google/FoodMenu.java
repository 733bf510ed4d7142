package io.forkcast.google;

import java.math.BigDecimal;
import java.util.List;

/**
 * A location's food menu as Forkcast writes it (Business Profile v4 {@code FoodMenus}: one menu of sections of
 * items, each with a label, a price as {@code Money} and its dietary restrictions).
 *
 * @param language the BCP 47 language of the labels
 */
public record FoodMenu(String language, List<Section> sections) {

    /** Google's limit on an item's or a section's name ({@code MenuLabel.displayName}). */
    public static final int NAME_MAX = 140;

    /** Google's limit on an item's description ({@code MenuLabel.description}). */
    public static final int DESCRIPTION_MAX = 1000;

    public FoodMenu {
        sections = List.copyOf(sections);
    }

    /** A named section, such as the seasonal specials. */
    public record Section(String name, List<Dish> items) {

        public Section {
            items = List.copyOf(items);
        }
    }

    /**
     * One item of a section.
     *
     * @param price the price, or null when the menu shows none (then {@code currency} is null too)
     * @param dietaryRestrictions Google's {@code DietaryRestriction} values: {@code VEGAN}, {@code VEGETARIAN},
     *                            {@code HALAL}, {@code KOSHER}, {@code ORGANIC}
     */
    public record Dish(String name, String description, BigDecimal price, String currency,
            List<String> dietaryRestrictions) {

        public Dish {
            dietaryRestrictions = List.copyOf(dietaryRestrictions);
        }
    }

    /** How many items the menu holds across its sections. */
    public int itemCount() {
        return sections.stream().mapToInt(section -> section.items().size()).sum();
    }
}
