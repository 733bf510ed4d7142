package io.forkcast;

import java.util.List;
import java.util.stream.Collectors;

/** The {@code prod} profile refused to start: every failed check, each with the sentence naming its property. */
class ProductionMisconfigured extends IllegalStateException {

    private final List<ProductionReadiness.Check> failed;

    ProductionMisconfigured(List<ProductionReadiness.Check> failed) {
        super(failed.stream().map(ProductionReadiness.Check::sentence)
                .collect(Collectors.joining(System.lineSeparator() + " - ",
                        "Forkcast refuses to start on the prod profile:" + System.lineSeparator() + " - ", "")));
        this.failed = List.copyOf(failed);
    }

    List<String> properties() {
        return failed.stream().map(ProductionReadiness.Check::property).toList();
    }
}
