package io.forkcast.captions;

import io.forkcast.shared.Platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The offline writer's phrase banks for one language. Lines are written to avoid agreement traps: the item's name
 * stands alone (after a colon, as an object, never after an article or with an adjective or participle that
 * would have to agree with it), and descriptions use nouns of known gender ("une recette végétale"). French
 * always says {@code vous}, Spanish {@code tú}, Italian {@code voi}, German {@code ihr}, whatever the tone, so a
 * caption never mixes forms of address. Banks other than English hold no time words (their "tonight", "now" and
 * "today"), so the time rules have nothing to drop in them.
 *
 * @param inCity how the city follows the restaurant's name ({@code {city}} filled in), at the end of a line
 * @param joiner the words that split a description into ingredient phrases (besides punctuation)
 * @param lowerCaseIngredients whether ingredient phrases start in lower case (not in German, whose nouns are capitalised)
 * @param grammar last touches a language needs after filling (elision, euphony)
 */
record PhraseBook(
        String language,
        Locale locale,
        Map<Tone, List<String>> openings,
        List<String> twoIngredients,
        List<String> oneIngredient,
        List<String> noDescription,
        List<String> cuisine,
        List<String> restaurant,
        String inCity,
        Map<String, List<String>> dietary,
        List<String> otherDietary,
        List<String> price,
        List<String> seasonal,
        List<String> occasion,
        Map<Platform, List<String>> calls,
        Map<Intent, List<String>> intentCalls,
        List<String> tagPool,
        Map<String, String> dietaryTags,
        String joiner,
        boolean lowerCaseIngredients,
        UnaryOperator<String> grammar) {

    /** The languages the offline writer writes. */
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "it", "de");

    /** The book for a BCP 47 tag's language ({@code fr-CA} reads French), English for any other. */
    static PhraseBook of(String languageTag) {
        String primary = languageTag == null ? "en" : languageTag.toLowerCase(Locale.ROOT).split("-")[0];
        return switch (primary) {
            case "fr" -> FRENCH;
            case "es" -> SPANISH;
            case "it" -> ITALIAN;
            case "de" -> GERMAN;
            default -> OfflineCaptionWriter.ENGLISH;
        };
    }

    static final PhraseBook FRENCH = new PhraseBook("fr", Locale.FRANCE,
            Map.of(Tone.FRIENDLY, List.of("Nouveau coup de cœur : {item}.", "Envie de vous faire plaisir ? {item}.", "En cuisine pour vous : {item}.", "Tout droit de notre cuisine : {item}.", "Bonne nouvelle sur la carte : {item}.", "Une petite faim ? {item}.", "Le plat qui fait sourire : {item}."),
                    Tone.UPSCALE, List.of("Nous avons le plaisir de vous présenter : {item}.", "L'art du détail : {item}.", "À découvrir : {item}.", "À savourer lentement : {item}.", "La signature de notre chef : {item}.", "Raffinement et générosité : {item}."),
                    Tone.PLAYFUL, List.of("Alerte gourmandise : {item} !", "Flash info : {item}.", "Confession : {item}, encore et encore.", "Humeur du jour : {item}.", "Spoiler : {item}.", "Prévenez vos amis : {item}.", "Attention, risque de dépendance : {item}."),
                    Tone.CASUAL, List.of("Alors, on se laisse tenter ? {item}.", "Simple et bon : {item}.", "Pas d'idée pour le dîner ? {item}.", "Sans chichis : {item}.", "Un petit creux ? {item}.", "Le bon plan : {item}."),
                    Tone.FESTIVE, List.of("On trinque ! Au menu : {item}.", "Place à la fête : {item} !", "Que la fête commence : {item} !", "Un air de fête : {item}.", "Pour les grandes occasions : {item}.", "Tout le monde à table : {item} !")),
            List.of("{A} et {b}, tout simplement.", "Au programme : {a} et {b}.", "{A}, {b} et beaucoup d'amour.",
                    "En une bouchée : {a} et {b}.", "Dans l'assiette : {a} et {b}.",
                    "Accord parfait : {a} et {b}."),
            List.of("Ingrédient star : {a}.", "Tout tourne autour d'un ingrédient : {a}.", "La vedette : {a}."),
            List.of("Du fait maison, tous les jours.", "Une recette maison, préparée chaque jour.", "Petite cuisine, grandes saveurs.",
                    "Une recette qu'on ne se lasse pas de cuisiner."),
            List.of("{Cuisine}, à notre façon."),
            List.of("À retrouver chez {restaurant}{in_city}.", "Uniquement chez {restaurant}{in_city}.",
                    "L'équipe de {restaurant} a hâte de vous servir.", "Encore une raison d'aimer {restaurant}.",
                    "On se voit chez {restaurant} ?", "Votre table vous attend chez {restaurant}."),
            ", à {city}",
            Map.of("vegan", List.of("Une recette 100 % végétale.", "Zéro produit animal, toute la saveur."),
                    "vegetarian", List.of("Une recette végétarienne et généreuse.", "Sans viande, plein de saveurs."),
                    "gluten-free", List.of("Une recette sans gluten, sans compromis.", "Sans gluten, plein de goût."),
                    "dairy-free", List.of("Sans produits laitiers, tout le réconfort.")),
            List.of(),
            List.of("Seulement {price}.", "Le tout pour {price}.", "À {price}, faites-vous plaisir."),
            List.of("Seulement le temps de la saison.", "Disponible pour une durée limitée.",
                    "De saison : ne tardez pas.", "Un invité de saison sur notre carte."),
            List.of("Idéal pour {occasion}.", "Notre suggestion pour {occasion}."),
            Map.of(Platform.INSTAGRAM, List.of("Réservez via le lien en bio.", "Enregistrez ce post pour plus tard.",
                            "Identifiez la personne qui doit venir avec vous.",
                            "Dites-nous en commentaire avec qui vous viendriez."),
                    Platform.FACEBOOK, List.of("Réservez votre table.", "Appelez-nous pour réserver.",
                            "Partagez avec vos amis gourmands.", "Écrivez-nous pour réserver une table.",
                            "Avec ou sans réservation, vous êtes les bienvenus.")),
            Map.of(Intent.VISIT, List.of("Passez nous voir.", "On vous attend.", "Venez nous dire bonjour.",
                            "Votre table vous attend."),
                    Intent.ORDER, List.of("Commandez à emporter ou en livraison.",
                            "Commandez en ligne en quelques clics.", "À emporter ou livré chez vous, à vous de choisir."),
                    Intent.EVENT, List.of("Notez la date.", "Les places sont limitées, réservez la vôtre.",
                            "Venez entre amis, c'est encore mieux.")),
            List.of("#faitmaison", "#gourmand", "#restaurant", "#bonappetit", "#produitsfrais", "#cuisinemaison",
                    "#miam", "#bonneadresse"),
            Map.of("vegan", "vegan", "vegetarian", "vegetarien", "gluten-free", "sansgluten",
                    "dairy-free", "sansproduitslaitiers"),
            "et|avec",
            true,
            text -> text.replaceAll("\\b([Dd])e ([aeiouyhâàéèêîïôûAEIOUYHÂÀÉÈÊÎÏÔÛ])", "$1'$2")
                    .replaceAll("\\b([Qq])ue ([aeiouâàéèêîïôûAEIOUÂÀÉÈÊÎÏÔÛ])", "$1u'$2")
                    // French typography: a space before two-part punctuation, none doubled.
                    .replaceAll(" +([:;!?])", "\u00a0$1"));

    static final PhraseBook SPANISH = new PhraseBook("es", Locale.forLanguageTag("es-ES"),
            Map.of(Tone.FRIENDLY, List.of("Te presentamos: {item}.", "¿Con hambre? {item}.", "Date un gusto: {item}.", "Buenas noticias en la carta: {item}.", "Directo de nuestra cocina: {item}.", "Para compartir con amigos: {item}.", "El plato que te alegra el día: {item}."),
                    Tone.UPSCALE, List.of("Para descubrir: {item}.", "Para saborear sin prisa: {item}.", "La firma de nuestro chef: {item}.", "Elegancia en el plato: {item}.", "Una invitación al buen gusto: {item}.", "Precisión y carácter: {item}."),
                    Tone.PLAYFUL, List.of("Alerta de antojo: {item}.", "Confesión del equipo: {item}, una y otra vez.", "Spoiler: {item}.", "Estado de ánimo: {item}.", "Avisa al grupo: {item}.", "Cuidado, crea adicción: {item}."),
                    Tone.CASUAL, List.of("¿Qué tal un capricho? {item}.", "Fácil: {item}.", "Sin complicaciones: {item}.", "¿Un antojo? {item}.", "Plan sencillo: {item}.", "Para picar algo: {item}."),
                    Tone.FESTIVE, List.of("¡Brindemos! En la mesa: {item}.", "Para celebrar: {item}.", "Que empiece la fiesta: {item}.", "Alegría en el plato: {item}.", "Para las grandes ocasiones: {item}.", "Todos a la mesa: {item}.")),
            List.of("{A} y {b}, sin más.", "En el plato: {a} y {b}.", "{A}, {b} y mucho cariño.",
                    "En cada bocado: {a} y {b}.", "Equilibrio perfecto: {a} y {b}."),
            List.of("El secreto: {a}.", "Ingrediente estrella: {a}.", "En el centro de todo: {a}."),
            List.of("Receta de la casa, hecha cada día.", "Cocina honesta y con sabor.", "Cocina pequeña, gran sabor.",
                    "Sencillez y sabor en cada plato."),
            List.of("{Cuisine}, a nuestra manera."),
            List.of("Solo en {restaurant}{in_city}.", "En {restaurant} te esperamos.",
                    "Una razón más para venir a {restaurant}.", "El equipo de {restaurant} tiene ganas de verte.",
                    "¿Nos vemos en {restaurant}?"),
            ", en {city}",
            Map.of("vegan", List.of("Receta 100 % vegetal, 100 % deliciosa.",
                            "Sin ingredientes de origen animal, con todo el sabor."),
                    "vegetarian", List.of("Receta vegetariana y muy sabrosa.", "Sin carne, con mucho sabor."),
                    "gluten-free", List.of("Sin gluten y sin renunciar al sabor.", "Receta sin gluten, sabor completo."),
                    "dairy-free", List.of("Sin lácteos y con todo el sabor.")),
            List.of(),
            List.of("Solo {price}.", "Todo por {price}.", "Por {price}, date el gusto."),
            List.of("Solo mientras dure la temporada.", "Disponible por tiempo limitado.",
                    "De temporada: no te lo pierdas."),
            List.of("Ideal para {occasion}.", "Nuestra sugerencia para {occasion}."),
            Map.of(Platform.INSTAGRAM, List.of("Reserva desde el enlace de la bio.", "Guarda este post para luego.",
                            "Etiqueta a quien debería venir contigo.", "Cuéntanos en comentarios con quién vendrías."),
                    Platform.FACEBOOK, List.of("Reserva tu mesa.", "Llámanos para reservar.",
                            "Compártelo con tus amigos.", "Escríbenos para reservar mesa.")),
            Map.of(Intent.VISIT, List.of("Pásate a saludarnos.", "Te esperamos.", "Tu mesa te espera."),
                    Intent.ORDER, List.of("Pide para llevar o a domicilio.", "Haz tu pedido en línea en pocos clics."),
                    Intent.EVENT, List.of("Apunta la fecha.", "Plazas limitadas, reserva la tuya.",
                            "Ven con amigos, es mejor en compañía.")),
            List.of("#comidacasera", "#restaurante", "#buenprovecho", "#delicioso", "#gastronomia",
                    "#productosfrescos", "#comerbien", "#cocinacasera"),
            Map.of("vegan", "vegano", "vegetarian", "vegetariano", "gluten-free", "singluten", "dairy-free", "sinlacteos"),
            "y|con",
            true,
            // "y" becomes "e" before an /i/ sound, "o" becomes "u" before an /o/ sound.
            text -> text.replaceAll("\\by ([iIíÍ]|[hH][iIíÍ])(?![aeouáéóú])", "e $1")
                    .replaceAll("\\bo ([oOóÓ]|[hH][oOóÓ])", "u $1"));

    static final PhraseBook ITALIAN = new PhraseBook("it", Locale.ITALY,
            Map.of(Tone.FRIENDLY, List.of("Vi presentiamo: {item}.", "Fame? {item}.", "Concedetevi un piacere: {item}.", "Buone notizie dal menù: {item}.", "Dritto dalla nostra cucina: {item}.", "Da condividere con gli amici: {item}.", "Il piatto che mette di buon umore: {item}."),
                    Tone.UPSCALE, List.of("Da scoprire: {item}.", "Da assaporare con calma: {item}.", "La firma del nostro chef: {item}.", "Eleganza nel piatto: {item}.", "Un invito al buon gusto: {item}.", "Precisione e carattere: {item}."),
                    Tone.PLAYFUL, List.of("Allerta golosità: {item}.", "Confessione dello staff: {item}, ancora e ancora.", "Spoiler: {item}.", "Umore del giorno: {item}.", "Avvisate il gruppo: {item}.", "Attenzione, crea dipendenza: {item}."),
                    Tone.CASUAL, List.of("Allora, ci facciamo tentare? {item}.", "Facile: {item}.", "Senza complicazioni: {item}.", "Voglia di qualcosa di buono? {item}.", "Piano semplice: {item}.", "Per uno spuntino: {item}."),
                    Tone.FESTIVE, List.of("Brindiamo! In tavola: {item}.", "Per festeggiare: {item}.", "Che la festa cominci: {item}!", "Allegria nel piatto: {item}.", "Per le grandi occasioni: {item}.", "Tutti a tavola: {item}!")),
            List.of("{A} e {b}, niente di più.", "Nel piatto: {a} e {b}.", "{A}, {b} e tanta passione.",
                    "In ogni boccone: {a} e {b}.", "Equilibrio perfetto: {a} e {b}."),
            List.of("Il segreto: {a}.", "Ingrediente protagonista: {a}.", "Al centro di tutto: {a}."),
            List.of("Ricetta della casa, preparata ogni giorno.", "Cucina onesta e piena di gusto.",
                    "Cucina piccola, grandi sapori.", "Semplicità e gusto in ogni piatto."),
            List.of("{Cuisine}, a modo nostro."),
            List.of("Solo da {restaurant}{in_city}.", "{restaurant} vi aspetta.",
                    "Un motivo in più per venire da {restaurant}.",
                    "Il team di {restaurant} non vede l'ora di servirvi.", "Ci vediamo da {restaurant}?"),
            ", a {city}",
            Map.of("vegan", List.of("Ricetta 100% vegetale, 100% golosa.", "Niente ingredienti animali, tutto il gusto."),
                    "vegetarian", List.of("Ricetta vegetariana e sostanziosa.", "Senza carne, con tanto gusto."),
                    "gluten-free", List.of("Senza glutine, senza compromessi."),
                    "dairy-free", List.of("Senza latticini, con tutto il gusto.")),
            List.of(),
            List.of("Solo {price}.", "Il tutto a {price}.", "A {price}, concedetevi il piacere."),
            List.of("Solo finché dura la stagione.", "Disponibile per un periodo limitato.",
                    "Di stagione: affrettatevi."),
            List.of("Ideale per {occasion}.", "Il nostro consiglio per {occasion}."),
            Map.of(Platform.INSTAGRAM, List.of("Prenotate dal link in bio.", "Salvate questo post per dopo.",
                            "Taggate chi deve venire con voi.", "Diteci nei commenti con chi verreste."),
                    Platform.FACEBOOK, List.of("Prenotate il vostro tavolo.", "Chiamateci per prenotare.",
                            "Condividete con i vostri amici.", "Scriveteci per prenotare un tavolo.")),
            Map.of(Intent.VISIT, List.of("Passate a trovarci.", "Vi aspettiamo.", "Il vostro tavolo vi aspetta."),
                    Intent.ORDER, List.of("Ordinate da asporto o a domicilio.", "Ordinate online in pochi clic."),
                    Intent.EVENT, List.of("Segnatevi la data.", "Posti limitati, prenotate il vostro.",
                            "Venite con gli amici, è più bello insieme.")),
            List.of("#fattoincasa", "#ristorante", "#buonappetito", "#delizioso", "#mangiarebene",
                    "#prodottifreschi", "#cucinacasalinga"),
            Map.of("vegan", "vegano", "vegetarian", "vegetariano", "gluten-free", "senzaglutine",
                    "dairy-free", "senzalatticini"),
            "e|ed|con",
            true,
            // "e" becomes "ed" before a word starting with e.
            text -> text.replaceAll("\\be ([eEèÈéÉ])", "ed $1"));

    static final PhraseBook GERMAN = new PhraseBook("de", Locale.GERMANY,
            Map.of(Tone.FRIENDLY, List.of("Wir stellen vor: {item}!", "Hunger? {item}.", "Gönnt euch was: {item}.", "Gute Nachrichten von der Karte: {item}.", "Frisch aus unserer Küche: {item}.", "Zum Teilen mit Freunden: {item}.", "Das Gericht, das gute Laune macht: {item}."),
                    Tone.UPSCALE, List.of("Zum Entdecken: {item}.", "Mit Ruhe zu genießen: {item}.", "Die Handschrift unseres Küchenchefs: {item}.", "Eleganz auf dem Teller: {item}.", "Eine Einladung an den guten Geschmack: {item}.", "Präzision und Charakter: {item}."),
                    Tone.PLAYFUL, List.of("Achtung, Genussalarm: {item}.", "Geständnis aus der Küche: {item}, immer wieder.", "Spoiler: {item}.", "Laune des Tages: {item}.", "Sagt es der ganzen Gruppe: {item}.", "Vorsicht, Suchtgefahr: {item}."),
                    Tone.CASUAL, List.of("Na, Lust? {item}.", "Ganz einfach: {item}.", "Ohne Schnickschnack: {item}.", "Lust auf was Gutes? {item}.", "Der Plan ist simpel: {item}.", "Für den kleinen Hunger: {item}."),
                    Tone.FESTIVE, List.of("Wir stoßen an! Auf dem Tisch: {item}.", "Zum Feiern: {item}.", "Lasst die Feier beginnen: {item}!", "Festfreude auf dem Teller: {item}.", "Für große Anlässe: {item}.", "Alle an den Tisch: {item}!")),
            List.of("{A} und {b}, mehr braucht es nicht.", "Auf dem Teller: {a} und {b}.", "{A}, {b} und viel Liebe.",
                    "In jedem Bissen: {a} und {b}.", "Perfekte Balance: {a} und {b}."),
            List.of("Das Geheimnis: {a}.", "Im Mittelpunkt: {a}."),
            List.of("Hausgemacht, jeden Tag.", "Jeden Tag frisch gekocht.", "Kleine Küche, großer Geschmack.",
                    "Einfach, ehrlich und voller Geschmack."),
            List.of("{Cuisine}, auf unsere Art."),
            List.of("Nur bei {restaurant}{in_city}.", "{restaurant} wartet auf euch.",
                    "Noch ein Grund, {restaurant} zu lieben.", "Das Team von {restaurant} freut sich auf euch."),
            " in {city}",
            Map.of("vegan", List.of("100 % pflanzlich, 100 % lecker.", "Komplett vegan und voller Geschmack."),
                    "vegetarian", List.of("Vegetarisch und richtig sättigend.", "Ohne Fleisch, voller Geschmack."),
                    "gluten-free", List.of("Glutenfrei und voller Geschmack.", "Ohne Gluten, ohne Kompromisse."),
                    "dairy-free", List.of("Ohne Milchprodukte, mit vollem Genuss.")),
            List.of(),
            List.of("Nur {price}.", "Alles für {price}.", "Für {price} ein echter Genuss."),
            List.of("Nur solange die Saison dauert.", "Nur für kurze Zeit.", "Ein Saisongast auf unserer Karte."),
            List.of("Perfekt für {occasion}.", "Unser Tipp für {occasion}."),
            Map.of(Platform.INSTAGRAM, List.of("Reserviert über den Link in der Bio.", "Speichert euch diesen Post.",
                            "Markiert jemanden, der mitkommen muss.",
                            "Schreibt in die Kommentare, wen ihr mitbringt."),
                    Platform.FACEBOOK, List.of("Reserviert euren Tisch.", "Ruft uns an und reserviert.",
                            "Teilt das mit euren Freunden.", "Schreibt uns für eine Reservierung.")),
            Map.of(Intent.VISIT, List.of("Kommt vorbei und sagt Hallo.", "Wir freuen uns auf euch.", "Euer Tisch wartet."),
                    Intent.ORDER, List.of("Bestellt zum Abholen oder mit Lieferung.", "Bestellt online mit wenigen Klicks."),
                    Intent.EVENT, List.of("Merkt euch das Datum.", "Die Plätze sind begrenzt, reserviert rechtzeitig.",
                            "Kommt mit Freunden, zusammen ist es schöner.")),
            List.of("#hausgemacht", "#lecker", "#restaurant", "#gutenappetit", "#essengehen", "#frischgekocht",
                    "#genuss", "#regional"),
            Map.of("vegan", "vegan", "vegetarian", "vegetarisch", "gluten-free", "glutenfrei",
                    "dairy-free", "milchfrei"),
            "und",
            false,
            UnaryOperator.identity());
}
